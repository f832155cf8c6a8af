// Each role of the demo agency sees the screens it may use, and only the controls the server will
// accept; a write forced anyway (the dashboard's own tRPC mutation, posted with that role's
// session) gets the same 403 as the API. The demo accounts are in the README.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { OWNER, VIEWER, signIn } from "./helpers";

const LEAD = "lead@northlight.test";
const AGENT = "avery.agent@northlight.test";
const ASSISTANT = "assistant@northlight.test";

const ALL = ["Listings", "Calendar", "Orders", "Packages", "People", "Scheduling", "Delivery", "Webhooks", "API keys"] as const;
const NAV: Record<string, readonly (typeof ALL)[number][]> = {
  [OWNER]: ALL,
  [LEAD]: ["Listings", "Calendar", "Orders", "Packages", "People", "Scheduling", "Webhooks"],
  [AGENT]: ["Listings", "Calendar", "Orders", "Packages", "People", "Scheduling"],
  [ASSISTANT]: ["Listings", "Calendar", "Orders", "Packages", "People", "Scheduling"],
  [VIEWER]: ["Listings", "Calendar", "Orders", "Packages", "People", "Scheduling"],
};

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

async function expectNav(page: Page, email: string) {
  const shown = NAV[email]!;
  for (const label of ALL) {
    if (shown.includes(label)) await expect(nav(page).getByRole("link", { name: label, exact: true }), `${email}: ${label}`).toBeVisible();
    else await expect(nav(page).getByRole("link", { name: label, exact: true }), `${email}: ${label}`).toHaveCount(0);
  }
}

/** A dashboard mutation posted as the signed-in user, as the browser would send it. */
async function force(page: Page, baseURL: string, procedure: string, data: unknown) {
  const response = await page.request.post(`/api/trpc/${procedure}`, {
    headers: { "X-Idempotency-Key": `roles-${Date.now()}-${randomBytes(4).toString("hex")}`, Origin: baseURL, "Content-Type": "application/json" },
    data,
  });
  const body = (await response.json()) as { error?: { data: { code: string } } };
  return { status: response.status(), code: body.error?.data.code ?? "ok" };
}

async function openDemoListing(page: Page) {
  await page.goto("/listings");
  const row = page.getByRole("row", { name: /7 Mississippi Ave/ });
  const number = (await row.getByRole("link", { name: /^[A-Z0-9]{6,8}$/ }).textContent())!.trim();
  await row.getByRole("link", { name: number, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /7 Mississippi Ave/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();
  return number;
}

test("the owner sees every screen and its write controls", async ({ page }) => {
  await signIn(page, OWNER);
  await expectNav(page, OWNER);
  await expect(page.getByRole("link", { name: "New listing" })).toBeVisible();
  await openDemoListing(page);
  await expect(page.getByRole("button", { name: /Make Active|Take off market|Mark as Sold/ }).first()).toBeVisible();
  await expect(page.getByRole("form", { name: "Upload media" })).toBeVisible();
  await page.goto("/packages");
  await expect(page.getByRole("button", { name: "New package" })).toBeVisible();
  await page.goto("/manage/webhooks");
  await expect(page.getByRole("button", { name: /Add endpoint/ }).first()).toBeVisible();
});

test("a team lead bills and reads webhooks, but manages neither keys nor packages", async ({ page, baseURL }) => {
  await signIn(page, LEAD);
  await expectNav(page, LEAD);
  await expect(page.getByRole("link", { name: "New listing" })).toBeVisible();
  await page.goto("/orders?status=DRAFT");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send invoice" }).first()).toBeVisible();
  await page.goto("/manage/webhooks");
  await expect(page.getByText("You can view webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: /Add endpoint/ })).toHaveCount(0);
  await page.goto("/packages");
  await expect(page.getByText("You can view packages")).toBeVisible();
  await expect(page.getByRole("button", { name: "New package" })).toHaveCount(0);
  expect(await force(page, baseURL!, "packages.retire", { code: "essentials" })).toEqual({ status: 403, code: "forbidden" });
  expect(await force(page, baseURL!, "apiKeys.create", { name: "forced", scopes: ["listings:read"] })).toEqual({ status: 403, code: "forbidden" });
  expect(await force(page, baseURL!, "webhooks.create", { url: "https://hooks.example.com/x", event_types: ["listing.created"] })).toEqual({ status: 403, code: "forbidden" });
});

for (const [label, email] of [
  ["an agent", AGENT],
  ["an assistant", ASSISTANT],
] as const) {
  test(`${label} works on listings but does not bill, nor manage packages, webhooks or keys`, async ({ page, baseURL }) => {
    await signIn(page, email);
    await expectNav(page, email);
    await expect(page.getByRole("link", { name: "New listing" })).toBeVisible();
    await openDemoListing(page);
    await expect(page.getByRole("form", { name: "Upload media" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send invoice" })).toHaveCount(0);
    await page.goto("/orders");
    await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Portland, OR/ }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Send invoice|Refresh from Square/ })).toHaveCount(0);
    await page.goto("/packages");
    await expect(page.getByRole("button", { name: /New package|New add-on|^Edit |^Retire / })).toHaveCount(0);
    const order = (await (await page.request.get(`/api/trpc/orders.list?input=${encodeURIComponent(JSON.stringify({ limit: 1 }))}`)).json()).result.data.items[0];
    expect(await force(page, baseURL!, "orders.sendInvoice", { order_id: order.order_id })).toEqual({ status: 403, code: "forbidden" });
    expect(await force(page, baseURL!, "packages.create", { code: "forced", name: "Forced", duration_minutes: 60, price_cents: 1 })).toEqual({ status: 403, code: "forbidden" });
    expect(await force(page, baseURL!, "webhooks.create", { url: "https://hooks.example.com/x", event_types: ["listing.created"] })).toEqual({ status: 403, code: "forbidden" });
  });
}

test("a viewer sees no write control on any page, and every forced write is refused as the API refuses it", async ({ page, baseURL }) => {
  await signIn(page, VIEWER);
  await expectNav(page, VIEWER);
  const writeControls = /^(New listing|Create listing|Make Active|Take off market|Mark as Sold|Cancel listing|Send invoice|Refresh from Square|Upload|Book a shoot|Reschedule|Mark completed|New package|New add-on|Edit|Retire|Un-retire|Add endpoint|Generate new key|Add .*|Change .*|Remove .*|Edit .*|Retire .*|Delete.*)$/;
  const noWrites = async (where: string) => {
    await expect(page.getByRole("button", { name: writeControls }), where).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^New listing$/ }), where).toHaveCount(0);
  };

  await expect(page.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
  await noWrites("/listings");
  const number = await openDemoListing(page);
  await expect(page.getByRole("form", { name: "Upload media" })).toHaveCount(0);
  await noWrites("the listing page");
  await page.goto("/orders");
  await expect(page.getByRole("link", { name: /Portland, OR/ }).first()).toBeVisible();
  await noWrites("/orders");
  await page.goto("/packages");
  await expect(page.getByRole("region", { name: "Packages" }).getByRole("row", { name: /Essentials Photo/ })).toBeVisible();
  await noWrites("/packages");
  await page.goto("/manage/webhooks");
  await expect(page.getByText("Your role cannot see webhooks")).toBeVisible();
  await noWrites("/manage/webhooks");
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await noWrites("/settings/api-keys");
  await page.goto("/listings/new");
  await expect(page.getByText("You can look, not create")).toBeVisible();
  await noWrites("/listings/new");

  // Forced anyway: 403 forbidden, like the API with a key that lacks the scope; nothing changes.
  const me = (await (await page.request.get("/api/trpc/session.me")).json()).result.data;
  const order = (await (await page.request.get(`/api/trpc/orders.list?input=${encodeURIComponent(JSON.stringify({ limit: 1 }))}`)).json()).result.data.items[0];
  for (const [procedure, data] of [
    ["listings.create", { address: "1 Forced St", owner_user_id: me.user.id, agent_one_id: me.user.id }],
    ["listings.updateStatus", { listing_number: number, status: "Active" }],
    ["listings.cancel", { listing_number: number }],
    ["orders.sendInvoice", { order_id: order.order_id }],
    ["packages.create", { code: "forced", name: "Forced", duration_minutes: 60, price_cents: 1 }],
    ["packages.retire", { code: "essentials" }],
    ["webhooks.create", { url: "https://hooks.example.com/x", event_types: ["listing.created"] }],
    ["apiKeys.create", { name: "forced", scopes: ["listings:read"] }],
  ] as const) {
    expect(await force(page, baseURL!, procedure, data), procedure).toEqual({ status: 403, code: "forbidden" });
  }
  // The media upload endpoint (REST, with the session cookie) refuses too.
  const upload = await page.request.post("/api/v1/media/upload", {
    headers: { "X-Idempotency-Key": `roles-upload-${Date.now()}`, Origin: baseURL! },
    multipart: { listing_number: number, files: { name: "x.jpg", mimeType: "image/jpeg", buffer: Buffer.from([0xff, 0xd8, 0xff]) } },
  });
  expect(upload.status()).toBe(403);
  await page.goto(`/listings/${number}`);
  await expect(page.getByText("Coming Soon").first()).toBeVisible();
});
