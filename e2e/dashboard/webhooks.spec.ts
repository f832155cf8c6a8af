// Webhooks in the dashboard: the demo owner registers an endpoint (a real receiver on 127.0.0.1),
// copies its secret, sees a listing's delivery arrive in the log, sends a test event, redelivers,
// rotates the secret, edits, disables and deletes it; an endpoint Valara disabled (410) is called
// out and re-enabled; who may see what; the event catalog.
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { mintKey } from "../support/cli";
import { startReceiver, type ReceivedRequest, type WebhookReceiver } from "../../server/testing/webhook-receiver";
import { loadReadmeVerifier } from "../../server/testing/readme-snippet";
import { OWNER, VIEWER, createListingViaApi, screenshot, signIn, uniqueName } from "./helpers";

const TEAM_MEMBER = "lead@northlight.test";
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

let receiver: WebhookReceiver;

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  receiver = await startReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });
const deliveryItem = (page: Page, eventType: string, eventId: string) =>
  page.getByRole("list", { name: "Deliveries" }).getByRole("listitem", { name: `${eventType} ${eventId}` });

/** The receiver's requests whose envelope matches, once there are `count` of them. */
async function receivedMatching(match: (envelope: any) => boolean, count = 1): Promise<ReceivedRequest[]> {
  await expect.poll(() => receiver.requests.filter((r) => match(JSON.parse(r.body))).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return receiver.requests.filter((r) => match(JSON.parse(r.body)));
}

/** Reads the one-time secret out of its dialog via the Copy button (the clipboard), then closes it. */
async function copySecret(page: Page, dialog: Locator): Promise<string> {
  await expect(dialog).toContainText("This secret will not be shown again");
  const shown = await dialog.getByLabel("Signing secret").inputValue();
  expect(shown).toMatch(SECRET);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByText("Copied to clipboard")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  return copied;
}

async function northlightPeople(request: APIRequestContext, key: string) {
  const response = await request.get("/api/v1/users", { headers: { "X-API-Key": key }, params: { limit: 200 } });
  expect(response.status()).toBe(200);
  const users = ((await response.json()) as { items: { id: string; email: string }[] }).items;
  const id = (email: string) => users.find((u) => u.email === email)!.id;
  return { ownerId: id(OWNER), agentId: id("avery.agent@northlight.test") };
}

test("the owner registers an endpoint, watches a listing's delivery, tests, redelivers, rotates, edits and deletes it", async ({ page, request }) => {
  await signIn(page, OWNER);
  await nav(page).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/manage\/webhooks$/);
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");

  // The form checks the schema before sending, and shows the server's URL check on the field.
  await page.getByRole("button", { name: "Add endpoint" }).first().click();
  const form = page.getByRole("form", { name: "Add an endpoint" });
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByText("subscribe to at least one event type")).toBeVisible();
  await form.getByLabel("Endpoint URL").fill("https://10.0.0.7/hooks");
  await form.getByRole("checkbox", { name: "listing.created", exact: true }).check();
  await expect(form).toContainText("A listing was created (status Coming Soon).");
  await form.getByRole("button", { name: "Add endpoint" }).click();
  await expect(form.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("10.0.0.7 resolves to a blocked address")).toBeVisible();
  await screenshot(page, "webhooks-form-errors");

  const description = uniqueName("CRM sync");
  await form.getByLabel("Endpoint URL").fill(receiver.url);
  await form.getByLabel("Description (optional)").fill(description);
  await form.getByRole("button", { name: "Add endpoint" }).click();

  const created = page.getByRole("dialog", { name: "Save your signing secret" });
  await expect(created).toBeVisible();
  await expect(created).toContainText(receiver.url);
  const secret = await copySecret(page, created);
  await screenshot(page, "webhooks-secret-dialog");
  // A stray Escape does not throw the secret away; "Done" does, and it leaves the page.
  await page.keyboard.press("Escape");
  await expect(created).toBeVisible();
  await created.getByRole("button", { name: "Done, I saved it" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  const row = page.getByRole("row", { name: new RegExp(description) });
  await expect(row).toContainText(receiver.url);
  await expect(row).toContainText("listing.created");
  await expect(row).toContainText("Active");
  await screenshot(page, "webhooks-list");

  // A listing created through the API reaches the receiver, signed with the copied secret.
  const { key } = await mintKey("northlight", "listings:write,users:read");
  const people = await northlightPeople(request, key);
  const listing = await createListingViaApi(request, key, {
    address: `${Math.floor(Math.random() * 9000) + 100} NE Hooks Ave, Portland, OR 97212`,
    owner_user_id: people.ownerId,
    agent_one_id: people.agentId,
  });
  const [arrived] = await receivedMatching((e) => e.event_type === "listing.created" && e.data.listing_number === listing.listing_number);
  const verify = await loadReadmeVerifier();
  const event = verify(arrived!.body, arrived!.headers["x-valara-signature"] as string, secret);
  expect(event.data).toMatchObject({ listing_number: listing.listing_number, status: "Coming Soon" });
  expect(arrived!.headers).not.toHaveProperty("x-valara-test");

  // Its delivery shows in the endpoint's log with the receiver's 200.
  await row.getByRole("link", { name: receiver.url, exact: true }).click();
  await expect(page).toHaveURL(/\/manage\/webhooks\/we_[0-9A-Z]{26}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(receiver.url);
  const listingDelivery = deliveryItem(page, "listing.created", event.event_id);
  await expect(listingDelivery).toContainText("Succeeded");
  await expect(listingDelivery.getByRole("table", { name: "Attempts" }).locator("tbody tr")).toHaveCount(1);
  await expect(listingDelivery.getByRole("table", { name: "Attempts" })).toContainText("200");
  await expect(listingDelivery).toContainText("ok"); // the receiver's answer
  await screenshot(page, "webhook-endpoint");

  // A test event of a type the endpoint does not subscribe to; it appears in the log by itself.
  await page.getByLabel("Event type", { exact: true }).selectOption("invoice.paid");
  await page.getByRole("button", { name: "Send test event" }).click();
  const queued = page.getByText(/Test invoice\.paid queued as evt_/);
  await expect(queued).toBeVisible();
  const testEventId = (await queued.innerText()).match(/evt_[0-9A-Z]{26}/)![0];
  const [testRequest] = await receivedMatching((e) => e.event_id === testEventId);
  expect(JSON.parse(testRequest!.body)).toMatchObject({ event_type: "invoice.paid", data: { invoice_id: expect.any(String) } });
  expect(testRequest!.headers["x-valara-test"]).toBe("true");
  await expect(deliveryItem(page, "invoice.paid", testEventId)).toContainText("Succeeded");
  await expect(deliveryItem(page, "invoice.paid", testEventId).getByText("Test", { exact: true })).toBeVisible();
  await expect(listingDelivery.getByText("Test", { exact: true })).toHaveCount(0);

  // Redelivering sends the same event again; both attempts stay in the log.
  await listingDelivery.getByRole("button", { name: "Redeliver" }).click();
  const twice = await receivedMatching((e) => e.event_id === event.event_id, 2);
  expect(twice).toHaveLength(2);
  await expect(listingDelivery.getByRole("table", { name: "Attempts" }).locator("tbody tr")).toHaveCount(2);
  await expect(listingDelivery).toContainText("Succeeded");
  await screenshot(page, "webhook-endpoint-log");

  // Rotating: the new secret once, and the old one still signs for 24 hours.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  const confirmRotate = page.getByRole("alertdialog", { name: "Rotate the signing secret?" });
  await expect(confirmRotate).toContainText("24 hours");
  await screenshot(page, "webhook-rotate-confirm");
  await confirmRotate.getByRole("button", { name: "Rotate secret" }).click();
  const rotated = page.getByRole("dialog", { name: "Save the new signing secret" });
  await expect(rotated).toContainText("keeps signing them too for 24 hours, until");
  const newSecret = await copySecret(page, rotated);
  expect(newSecret).not.toBe(secret);
  await screenshot(page, "webhook-rotated-secret");
  await rotated.getByRole("button", { name: "Done, I saved it" }).click();
  await expect(page.getByText("Secret rotation in progress")).toBeVisible();

  await page.getByLabel("Event type", { exact: true }).selectOption("listing.created");
  await page.getByRole("button", { name: "Send test event" }).click();
  const queuedAgain = page.getByText(/Test listing\.created queued as evt_/);
  await expect(queuedAgain).toBeVisible();
  const signedId = (await queuedAgain.innerText()).match(/evt_[0-9A-Z]{26}/)![0];
  const [signed] = await receivedMatching((e) => e.event_id === signedId);
  const header = signed!.headers["x-valara-signature"] as string;
  expect(header.split(",")).toHaveLength(2);
  for (const each of [newSecret, secret]) expect((await loadReadmeVerifier())(signed!.body, header, each).event_id).toBe(signedId);

  // Settings: subscribe to one more event type.
  const subscribed = page.getByRole("list", { name: "Subscribed event types" });
  await expect(subscribed.getByRole("listitem")).toHaveText(["listing.created · A listing was created (status Coming Soon)."]);
  await page.getByRole("button", { name: "Edit settings" }).click();
  const settings = page.getByRole("form", { name: "Endpoint settings" });
  await expect(settings.getByLabel("Endpoint URL")).toHaveValue(receiver.url);
  await expect(settings.getByLabel("Description (optional)")).toHaveValue(description);
  await expect(settings.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await settings.getByRole("checkbox", { name: "listing.status_changed", exact: true }).check();
  await screenshot(page, "webhook-endpoint-edit");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await expect(settings).toHaveCount(0);
  await expect(subscribed.getByRole("listitem")).toHaveCount(2);
  await expect(subscribed).toContainText("listing.status_changed");
  await expect(page.getByText(/2 event types · added/)).toBeVisible();

  // Disabling asks first, then shows who disabled it and when, with Re-enable.
  await page.getByRole("button", { name: "Disable endpoint" }).click();
  const confirmDisable = page.getByRole("alertdialog", { name: "Disable this endpoint?" });
  await confirmDisable.getByRole("button", { name: "Disable endpoint" }).click();
  await expect(confirmDisable).toHaveCount(0);
  await expect(page.getByText("This endpoint was disabled by a user on")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();
  await screenshot(page, "webhook-endpoint-disabled-by-user");
  await page.getByRole("button", { name: "Re-enable" }).first().click();
  await expect(page.getByText("This endpoint was disabled by a user on")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send test event" })).toBeEnabled();

  // Deleting asks first; cancelling keeps it.
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  const confirmDelete = page.getByRole("alertdialog", { name: "Delete this endpoint?" });
  await expect(confirmDelete).toContainText("cannot be undone");
  await screenshot(page, "webhook-delete-confirm");
  await confirmDelete.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmDelete).toHaveCount(0);
  const detailUrl = page.url();
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page).toHaveURL(/\/manage\/webhooks\?deleted=/);
  await expect(page.getByText(`The endpoint ${receiver.url} was deleted`)).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(description) })).toHaveCount(0);

  await page.goto(detailUrl);
  await expect(page.getByText("No such webhook endpoint")).toBeVisible();
});

test("an endpoint Valara disabled is impossible to miss, and the owner re-enables it", async ({ page, request }) => {
  // Registered through the API; the receiver fails first, then says 410 Gone.
  const { key } = await mintKey("northlight", "webhooks:write");
  const description = uniqueName("Gone receiver");
  const registered = await request.post("/api/v1/webhooks/endpoints", {
    headers: { "X-API-Key": key, "X-Idempotency-Key": `dash-hooks-${Date.now()}-${Math.random()}` },
    data: { url: receiver.url, event_types: ["shoot.scheduled"], description },
  });
  expect(registered.status()).toBe(201);
  const endpointId = ((await registered.json()) as { endpoint_id: string }).endpoint_id;
  // The first answer puts the next retry an hour away, so only Redeliver sends again.
  receiver.answers = [{ status: 503, headers: { "Retry-After": "3600" }, body: "database unavailable" }];
  receiver.fallback = { status: 410, body: "gone" };

  await signIn(page, OWNER);
  await page.goto(`/manage/webhooks/${endpointId}`);
  await page.getByRole("button", { name: "Send test event" }).click();
  await receiver.waitFor(1);
  // Failing: a warning with the date, while it is retried.
  await expect(page.getByText(/This endpoint has been failing since/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Deliveries" })).toContainText("503");
  await expect(page.getByRole("list", { name: "Deliveries" })).toContainText("database unavailable");
  await screenshot(page, "webhook-endpoint-failing");

  await page.getByRole("button", { name: "Redeliver" }).first().click();
  await receiver.waitFor(2);
  const banner = page.getByRole("alert").filter({ hasText: "answered 410 Gone" });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("was disabled on");

  // On the list, at the top of the page, naming the endpoint, with Re-enable.
  await page.getByRole("link", { name: "All endpoints" }).click();
  const listBanner = page.getByRole("alert").filter({ hasText: receiver.url });
  await expect(listBanner).toContainText("answered 410 Gone");
  await expect(page.getByRole("row", { name: new RegExp(description) })).toContainText("Disabled: 410 Gone");
  await screenshot(page, "webhooks-list-disabled");

  receiver.fallback = { status: 200, body: "ok" };
  await listBanner.getByRole("button", { name: "Re-enable" }).click();
  await expect(page.getByText(`${receiver.url} is enabled again.`)).toBeVisible();
  await expect(listBanner).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(description) })).toContainText("Active");

  // Tidy up: the demo agency's endpoints are shared by every spec.
  const deleted = await request.delete(`/api/v1/webhooks/endpoints/${endpointId}`, { headers: { "X-API-Key": key } });
  expect(deleted.status()).toBe(200);
});

test("the delivery log pages through older deliveries, newest first", async ({ page, request }) => {
  const { key } = await mintKey("northlight", "webhooks:write");
  const headers = () => ({ "X-API-Key": key, "X-Idempotency-Key": `dash-hooks-${Date.now()}-${Math.random()}` });
  const registered = await request.post("/api/v1/webhooks/endpoints", {
    headers: headers(),
    data: { url: receiver.url, event_types: ["order.created"], description: uniqueName("Paging") },
  });
  expect(registered.status()).toBe(201);
  const endpointId = ((await registered.json()) as { endpoint_id: string }).endpoint_id;
  const sent: string[] = [];
  for (let i = 0; i < 22; i++) {
    const queued = await request.post(`/api/v1/webhooks/endpoints/${endpointId}/test`, { headers: headers(), data: { event_type: "order.created" } });
    expect(queued.status()).toBe(202);
    sent.push(((await queued.json()) as { event_id: string }).event_id);
  }

  await signIn(page, OWNER);
  await page.goto(`/manage/webhooks/${endpointId}`);
  const pages = page.getByRole("navigation", { name: "Delivery log pages" });
  const items = page.getByRole("list", { name: "Deliveries" }).getByRole("listitem");
  await expect(pages).toContainText("Showing 1–20 of 22");
  await expect(items).toHaveCount(20);
  await expect(items.first()).toHaveAttribute("aria-label", `order.created ${sent[21]}`);
  await expect(pages.getByRole("button", { name: "Newer" })).toBeDisabled();

  await pages.getByRole("button", { name: "Older" }).click();
  await expect(pages).toContainText("Showing 21–22 of 22");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute("aria-label", `order.created ${sent[1]}`);
  await expect(items.nth(1)).toHaveAttribute("aria-label", `order.created ${sent[0]}`);
  await expect(pages.getByRole("button", { name: "Older" })).toBeDisabled();
  await screenshot(page, "webhook-endpoint-log-older");

  await pages.getByRole("button", { name: "Newer" }).click();
  await expect(pages).toContainText("Showing 1–20 of 22");
  await expect(items.first()).toHaveAttribute("aria-label", `order.created ${sent[21]}`);

  const deleted = await request.delete(`/api/v1/webhooks/endpoints/${endpointId}`, { headers: { "X-API-Key": key } });
  expect(deleted.status()).toBe(200);
});

test("a team member sees webhooks read-only; a viewer does not see them at all", async ({ page }) => {
  await signIn(page, TEAM_MEMBER);
  await nav(page).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByText("You can view webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Event catalog" })).toBeVisible();
  await screenshot(page, "webhooks-team-member");

  await page.context().clearCookies();
  await signIn(page, VIEWER);
  await expect(nav(page).getByRole("link", { name: "Listings" })).toBeVisible();
  await expect(nav(page).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  for (const path of ["/manage/webhooks", "/manage/webhooks/catalog", "/manage/webhooks/we_01JD3Q6W4ZKXY3T5V7B9C1D2ER"]) {
    await page.goto(path);
    await expect(page.getByText("Your role cannot see webhooks")).toBeVisible();
  }
  await screenshot(page, "webhooks-viewer");

  // The server refuses too, whatever the page shows.
  const response = await page.request.get("/api/trpc/webhooks.list?input=%7B%7D");
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { data: { code: string } } }).error.data.code).toBe("forbidden");
});

test("the catalog shows every event type with its fields and an example delivery", async ({ page, request }) => {
  const { key } = await mintKey("northlight", "webhooks:read");
  const response = await request.get("/api/v1/webhooks/events", { headers: { "X-API-Key": key } });
  expect(response.status()).toBe(200);
  const catalog = (await response.json()) as {
    items: { event_type: string; api_version: string; description: string; schema: { properties: Record<string, unknown> } }[];
  };
  expect(catalog.items.length).toBeGreaterThanOrEqual(17);

  await signIn(page, OWNER);
  await page.goto("/manage/webhooks");
  await page.getByRole("link", { name: "Event catalog" }).click();
  await expect(page).toHaveURL(/\/manage\/webhooks\/catalog$/);
  await expect(page.getByRole("heading", { name: "Webhook event catalog", level: 1 })).toBeVisible();

  for (const event of catalog.items) {
    const card = page.getByRole("region", { name: new RegExp(`^${event.event_type.replace(/\./g, "\\.")} `) });
    await expect(card).toContainText(event.description);
    await expect(card).toContainText(`api_version ${event.api_version}`);
    const fields = card.getByRole("table", { name: `Fields of ${event.event_type}` });
    for (const name of Object.keys(event.schema.properties)) {
      await expect(fields.getByRole("rowheader", { name, exact: true }).first()).toBeVisible();
    }
    const example = JSON.parse(await card.getByLabel(`Example of ${event.event_type}`).innerText());
    expect(example).toMatchObject({ event_type: event.event_type, api_version: event.api_version, event_id: expect.stringMatching(/^evt_/) });
    expect(Object.keys(example)).toEqual(["event_id", "event_type", "api_version", "timestamp", "nonce", "data"]);
  }

  // Nested fields are listed under their parent, with type, required and nullable.
  const media = page.getByRole("table", { name: "Fields of media.uploaded" });
  const width = media.getByRole("row", { name: /^width / });
  await expect(width).toContainText("integer");
  await expect(width.getByRole("cell").nth(2)).toHaveText("Yes"); // nullable
  await page.getByRole("navigation", { name: "Event types" }).getByRole("link", { name: "media.uploaded" }).click();
  await expect(page).toHaveURL(/#event-media\.uploaded$/);
  await screenshot(page, "webhooks-catalog");
});
