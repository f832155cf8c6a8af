// The owner's journey through one listing, in the browser, as issue 8 describes it: create the
// listing with a package and an add-on (the running total), upload photos, move it to Active,
// send the invoice on the Orders card (to the fake Square the e2e
// server runs), refresh it from /orders, and read the history with who did what.
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { OWNER, checkPage, signIn, uniqueName } from "./helpers";

const PHOTOS = ["photo.jpg", "photo.png"].map((name) => path.resolve("e2e/fixtures/media", name));
const toastWith = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("the owner creates a listing with a package and an add-on, uploads photos, makes it Active, bills it and reads the history", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, OWNER);

  // 1. Create, with the running total.
  await page.getByRole("link", { name: "New listing" }).click();
  const address = `${uniqueName("12 Owner Journey")} St, Portland, OR 97214`;
  await page.getByLabel("Address").fill(address);
  await page.getByRole("combobox", { name: "Agent", exact: true }).click();
  await page.getByPlaceholder("Search by name or email…").fill("Avery Agent");
  await page.getByRole("option", { name: /Avery Agent/ }).click();
  const total = page.getByTestId("order-total");
  await page.getByRole("radio", { name: /Premium Photo \+ Video/ }).check();
  await expect(total).toHaveText("$549.00");
  await page.getByRole("checkbox", { name: /Twilight exteriors/ }).check();
  await expect(total).toHaveText("$698.00");
  await page.getByRole("button", { name: "Create listing" }).click();
  await expect(page).toHaveURL(/\/listings\/[0-9A-Z]{6,8}$/);
  await expect(toastWith(page, "Listing created")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: address })).toBeVisible();

  // 2. Photos.
  const form = page.getByRole("form", { name: "Upload media" });
  await form.getByLabel("Files").setInputFiles(PHOTOS);
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByText("Uploaded 2 files.")).toBeVisible();
  const photos = page.getByRole("region", { name: "Photos" });
  await expect(photos.getByRole("img", { name: "photo.jpg" })).toBeVisible();
  await expect(photos.getByRole("img", { name: "photo.png" })).toBeVisible();

  // 3. Coming Soon → Active.
  await page.getByRole("button", { name: "Make Active" }).click();
  await expect(toastWith(page, "Listing is Active")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as Sold" })).toBeVisible();

  // 4. Booking a shoot from a free slot (and rescheduling, and a slot taken meanwhile) is its own
  //    journey: e2e/dashboard/booking.spec.ts, on an agency with its own schedule.

  // 5. The invoice, on the listing's Orders card, to (fake) Square.
  const orders = page.getByRole("region", { name: "Orders" });
  await expect(orders).toContainText("Premium Photo + Video");
  await expect(orders).toContainText("Twilight exteriors");
  await expect(orders).toContainText("$698.00");
  await orders.getByRole("button", { name: "Send invoice" }).click();
  await expect(toastWith(page, "Invoice sent")).toBeVisible();
  await expect(orders).toContainText(/invoice unpaid/i);
  await expect(orders.getByRole("button", { name: "Send invoice" })).toHaveCount(0);

  // 6. The Orders screen shows it with its lines and invoice state, and refreshes it from Square.
  const listingNumber = page.url().split("/").pop()!;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Orders" }).click();
  const row = page.getByRole("row", { name: new RegExp(escape(address)) });
  await expect(row).toContainText("Premium Photo + Video");
  await expect(row).toContainText("$149.00");
  await expect(row).toContainText(/invoice unpaid/i);
  await row.getByRole("button", { name: "Refresh from Square" }).click();
  await expect(toastWith(page, "Invoice refreshed")).toBeVisible();
  await checkPage(page, "orders-owner", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
    await expect(p.getByRole("button", { name: "Refresh from Square" }).locator("visible=true").first()).toBeVisible();
  });
  await page.setViewportSize({ width: 1280, height: 800 });

  // 7. The history: what happened, by whom, when.
  await page.goto(`/listings/${listingNumber}`);
  const history = page.getByRole("region", { name: "History" });
  const entry = (text: RegExp) => history.getByRole("listitem").filter({ hasText: text });
  await expect(entry(/Listing created with package premium/)).toContainText("Olivia Northlight");
  await expect(entry(/Order created: \$698\.00/)).toBeVisible();
  await expect(entry(/2 files uploaded|Photo uploaded/).first()).toContainText("Olivia Northlight");
  await expect(entry(/Status changed from Coming Soon to Active/)).toContainText("Olivia Northlight");
  await expect(entry(/Invoice DRAFT → UNPAID/)).toContainText("Olivia Northlight");
  await expect(entry(/Listing created/).locator("time")).toContainText(/P[SD]T/);
  await checkPage(page, "owner-journey-listing", async (p) => {
    await expect(p.getByRole("region", { name: "History" }).getByRole("listitem").first()).toBeVisible();
  });
});
