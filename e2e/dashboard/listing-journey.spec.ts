// The owner's day with one listing, in the browser: create it with a package and an add-on (the
// running total), make it Active, add the Matterport tour and see its preview, send the invoice
// (to the fake Square the e2e server runs), refresh it (and survive Square failing), mark it Sold
// after confirming, and read the history with who did each thing, including an API key and a
// platform admin acting for the agency. Also: a double click and a lost answer create one listing.
import { expect, test, type Page } from "@playwright/test";
import { mintKey, scheduleShoot } from "../support/cli";
import { clearSquareFailures, failSquare } from "../support/square";
import { ADMIN, OWNER, actFor, checkPage, signIn, uniqueName } from "./helpers";

const MODEL = "SxQL3iGyoDo";

/** A confirmation toast (sonner), not the same words elsewhere on the page. */
const toastWith = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

async function chooseUser(page: Page, label: string, name: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByPlaceholder("Search by name or email…").fill(name);
  await page.getByRole("option", { name: new RegExp(name) }).click();
}

async function listingsNamed(page: Page, address: string) {
  const response = await page.request.get(`/api/trpc/listings.list?input=${encodeURIComponent(JSON.stringify({ q: address, limit: 50 }))}`);
  expect(response.status()).toBe(200);
  return ((await response.json()).result.data.items as { address: string; listing_number: string }[]).filter((l) => l.address === address);
}

test("the owner creates a listing with a package and an add-on, runs it to Sold, bills it and reads its history", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, OWNER);
  await page.getByRole("link", { name: "New listing" }).click();
  await expect(page).toHaveURL(/\/listings\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New listing" })).toBeVisible();
  await checkPage(page, "listing-new", async (p) => {
    await expect(p.getByRole("form", { name: "New listing" })).toBeVisible();
  });

  // The schema's own messages, before anything is sent.
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");

  const address = `${uniqueName("77 Journey")} Ave, Portland, OR 97209`;
  await page.getByLabel("Address").fill(address);
  await expect(page.getByRole("combobox", { name: "Owner", exact: true })).toContainText("Olivia Northlight");
  await chooseUser(page, "Agent", "Avery Agent");
  // Viewers and assistants are never offered as agents.
  await page.getByRole("combobox", { name: "Second agent (optional)" }).click();
  await page.getByPlaceholder("Search by name or email…").fill("Vic Viewer");
  await expect(page.getByText("No active user matches.")).toBeVisible();
  await page.keyboard.press("Escape");

  const total = page.getByTestId("order-total");
  await expect(total).toHaveText("$0.00");
  await page.getByRole("radio", { name: /Essentials Photo/ }).check();
  await expect(total).toHaveText("$249.00");
  await page.getByRole("checkbox", { name: /Drone aerials/ }).check();
  await expect(total).toHaveText("$448.00");
  await page.getByRole("checkbox", { name: /Twilight exteriors/ }).check();
  await expect(total).toHaveText("$597.00");
  await page.getByRole("checkbox", { name: /Twilight exteriors/ }).uncheck();
  await expect(total).toHaveText("$448.00");
  await page.getByLabel("Notes (optional)").fill("Lockbox on the side gate");

  // A double click (two clicks in the same instant) sends one request and creates one listing.
  const creates: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/api/trpc/listings.create")) creates.push(request.headers()["x-idempotency-key"] ?? "");
  });
  await page.getByRole("button", { name: "Create listing" }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(page).toHaveURL(/\/listings\/[0-9A-Z]{6,8}$/);
  // One listing, one confirmation (counted while it shows: on a loaded machine a second
  // assertion can come after the toast has timed out).
  await expect(toastWith(page, "Listing created")).toHaveCount(1);
  expect(creates).toHaveLength(1);
  expect(await listingsNamed(page, address)).toHaveLength(1);
  const listingNumber = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: address })).toBeVisible();

  // Coming Soon → Active: no confirmation needed.
  await page.getByRole("button", { name: "Make Active" }).click();
  await expect(toastWith(page, "Listing is Active")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as Sold" })).toBeVisible();

  // The Matterport section, by URL, with its preview.
  await page.getByRole("button", { name: "Add Matterport 3D tour" }).click();
  await page.getByLabel("Matterport model URL or id").fill("https://example.com/not-matterport");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(/must be a Matterport model URL/)).toBeVisible();
  await page.getByLabel("Matterport model URL or id").fill(`https://my.matterport.com/show/?m=${MODEL}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toastWith(page, "Matterport 3D tour saved")).toBeVisible();
  await expect(page.locator(`iframe[title="Matterport 3D tour preview, model ${MODEL}"]`)).toHaveAttribute("src", `https://my.matterport.com/show/?m=${MODEL}`);

  // The order: its lines and total, sent to (fake) Square.
  const orders = page.getByRole("region", { name: "Orders" });
  await expect(orders).toContainText("Essentials Photo");
  await expect(orders).toContainText("Drone aerials");
  await expect(orders).toContainText("$448.00");
  await expect(orders).toContainText(/invoice draft/i);
  await orders.getByRole("button", { name: "Send invoice" }).click();
  await expect(toastWith(page, "Invoice sent")).toBeVisible();
  await expect(orders.getByRole("link", { name: /Public invoice/ })).toHaveAttribute("href", /squareup\.com\/pay-invoice\//);
  await expect(orders).toContainText(/invoice unpaid/i);

  // Square failing is said in words, with Retry.
  await failSquare("GET", "^/v2/invoices/", 500, 20);
  await orders.getByRole("button", { name: "Refresh from Square" }).click();
  const failure = orders.getByRole("alert");
  await expect(failure).toContainText("The invoice was not refreshed");
  await expect(failure).toContainText("Square did not accept the request or did not answer");
  await expect(failure).toContainText(/Request id: req_/);
  await clearSquareFailures();
  await failure.getByRole("button", { name: "Retry" }).click();
  await expect(toastWith(page, "Invoice refreshed")).toBeVisible();
  await expect(failure).toBeHidden();

  // An integrator's key changes the floor plan; a platform admin acting for the agency too.
  const { key } = await mintKey("northlight", "listings:read,listings:write");
  const patched = await page.request.patch(`/api/v1/listings/${listingNumber}/sections/floorplan`, {
    headers: { "X-API-Key": key, "X-Idempotency-Key": `journey-${listingNumber}` },
    data: { url: "https://plans.example/journey.pdf" },
  });
  expect(patched.status()).toBe(200);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await actFor(admin, "Northlight Media");
  await expect(admin.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
  await admin.goto(`/listings/${listingNumber}`);
  await admin.getByRole("button", { name: "Remove Floor plan" }).click();
  await expect(toastWith(admin, "Floor plan removed")).toBeVisible();
  await adminContext.close();

  // Active → Sold, after confirming (and a look at the dialog at both widths).
  await page.reload();
  await page.getByRole("button", { name: "Mark as Sold" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Mark as Sold?" });
  await expect(dialog).toContainText("Sold is final");
  await checkPage(page, "listing-sold-dialog", async (p) => {
    await expect(p.getByRole("alertdialog", { name: "Mark as Sold?" })).toBeVisible();
  });
  await dialog.getByRole("button", { name: "Mark as Sold" }).click();
  await expect(toastWith(page, "Listing is Sold")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Make Active" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel listing" })).toHaveCount(0);

  // The history: what happened, by whom.
  const history = page.getByRole("region", { name: "History" });
  const entry = (text: RegExp) => history.getByRole("listitem").filter({ hasText: text });
  await expect(entry(/Status changed from Active to Sold/)).toContainText("Olivia Northlight");
  await expect(entry(/Status changed from Coming Soon to Active/)).toContainText("Olivia Northlight");
  await expect(entry(/Matterport 3D tour set to model SxQL3iGyoDo/)).toContainText("Olivia Northlight");
  await expect(entry(/Floor plan set/)).toContainText("API key “e2e listings:read,listings:write”");
  await expect(entry(/Floor plan removed/)).toContainText("Platform admin Sam Support, on behalf of the agency");
  await expect(entry(/Invoice DRAFT → UNPAID/)).toContainText("Olivia Northlight");
  await expect(entry(/Listing created with package essentials/)).toContainText("Olivia Northlight");
  await expect(entry(/Order created: \$448\.00/)).toBeVisible();
  // Times in the agency's zone, with its abbreviation.
  await expect(entry(/Listing created/).locator("time")).toContainText(/P[SD]T/);
  await checkPage(page, "listing-journey", async (p) => {
    await expect(p.getByRole("region", { name: "History" }).getByRole("listitem").first()).toBeVisible();
  });

  // The Orders screen lists it, with its invoice state, and links back.
  await page.goto("/orders?status=UNPAID");
  const row = page.getByRole("row", { name: new RegExp(address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  await expect(row).toContainText("$448.00");
  await expect(row).toContainText(/invoice unpaid/i);
  await checkPage(page, "orders", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    await expect(p.getByRole("link", { name: address })).toBeVisible();
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel("Invoice status").selectOption({ label: "Paid" });
  await expect(page).toHaveURL(/status=PAID/);
  await expect(page.getByText(address)).toHaveCount(0);
  await page.goBack();
  await row.getByRole("link", { name: address }).click();
  await expect(page).toHaveURL(new RegExp(`/listings/${listingNumber}$`));
});

test("a lost answer is retried with the same key and replayed: one listing", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto("/listings/new");
  const address = `${uniqueName("5 Lost Answer")} St, Portland, OR 97201`;
  await page.getByLabel("Address").fill(address);
  await chooseUser(page, "Agent", "Blake Agent");

  // The server answers the first request; the browser never hears it.
  const keys: string[] = [];
  let replayed: string | undefined;
  await page.route("**/api/trpc/listings.create**", async (route) => {
    keys.push(route.request().headers()["x-idempotency-key"] ?? "");
    const response = await route.fetch();
    if (keys.length === 1) return route.abort("connectionreset");
    replayed = response.headers()["x-idempotent-replay"];
    return route.fulfill({ response });
  });
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page.getByRole("form", { name: "New listing" }).getByRole("alert")).toContainText("Could not reach Valara");
  expect(await listingsNamed(page, address)).toHaveLength(1);

  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9A-Z]{6,8}$/);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  expect(replayed).toBe("true");
  expect(await listingsNamed(page, address)).toHaveLength(1);
});

test("server refusals land on their fields", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto("/listings/new");
  await page.getByLabel("Address").fill(`${uniqueName("9 Refusal")} Rd`);
  await chooseUser(page, "Agent", "Avery Agent");
  // The agent is deactivated between loading the form and submitting it: the server's
  // invalid_reference names agent_one_id.
  await page.route("**/api/trpc/listings.create**", async (route) => {
    const body = JSON.parse(route.request().postData() ?? "{}");
    await route.continue({ postData: JSON.stringify({ ...body, agent_one_id: "user_00000000000000000000000000" }) });
  });
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page.locator("#listing-agent-one-id-error")).toContainText("no active user");
  await expect(page.getByRole("combobox", { name: "Agent", exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("cancelling is refused while a shoot is near, and the page says which shoot and when", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto("/listings/new");
  const address = `${uniqueName("3 Guarded")} Pl, Portland, OR 97202`;
  await page.getByLabel("Address").fill(address);
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9A-Z]{6,8}$/);
  const listingNumber = page.url().split("/").pop()!;

  // A shoot in three hours (the operator books it directly).
  const startsAt = new Date(Date.now() + 3 * 3_600_000);
  startsAt.setUTCSeconds(0, 0);
  await scheduleShoot(listingNumber, startsAt, 60);
  await page.reload();

  await page.getByRole("button", { name: "Cancel listing" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Cancel this listing?" });
  const when = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" }).format(startsAt);
  await expect(dialog).toContainText("A shoot is too close");
  await expect(dialog).toContainText(`The shoot on`);
  await expect(dialog).toContainText(when);
  await expect(dialog).toContainText(/P[SD]T/);
  await expect(dialog).toContainText("starts within 24 hours");
  await checkPage(page, "listing-cancel-blocked", async (p) => {
    await expect(p.getByRole("alertdialog", { name: "Cancel this listing?" })).toBeVisible();
  });
  // Sent anyway: the server's 409, said in the same words.
  await dialog.getByRole("button", { name: "Cancel listing" }).click();
  await expect(dialog.getByRole("alert")).toContainText("starts within 24 hours");
  await dialog.getByRole("button", { name: "Keep listing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: address })).toBeVisible();
  await expect(page.getByText("Coming Soon").first()).toBeVisible();
});
