// A viewer sees listings, a listing and the orders, with no control that would change anything;
// a write sent anyway is refused by the server (403), as the API refuses it.
import { expect, test } from "@playwright/test";
import { VIEWER, checkPage, signIn } from "./helpers";

test("a viewer sees no write controls on the listings pages, and a forced write is 403", async ({ page, baseURL }) => {
  await signIn(page, VIEWER);
  await expect(page.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
  await expect(page.getByRole("row", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  await expect(page.getByRole("link", { name: "New listing" })).toHaveCount(0);

  await page.getByRole("row", { name: /1421 NW Lovejoy St/ }).getByRole("link", { name: /1421 NW Lovejoy St/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /1421 NW Lovejoy St/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Orders" })).toBeVisible();
  for (const name of ["Make Active", "Take off market", "Mark as Sold", "Cancel listing", "Send invoice", "Refresh from Square", /^Add /, /^Change /, /^Remove /]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  const listingNumber = page.url().split("/").pop()!;
  await checkPage(page, "listing-viewer", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: /1421 NW Lovejoy St/ })).toBeVisible();
  });

  // The server refuses anyway.
  const forced = await page.request.post("/api/trpc/listings.updateStatus", {
    headers: { "X-Idempotency-Key": `viewer-${Date.now()}`, Origin: baseURL!, "Content-Type": "application/json" },
    data: { listing_number: listingNumber, status: "Active" },
  });
  expect(forced.status()).toBe(403);
  expect((await forced.json()).error.data.code).toBe("forbidden");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: /1421 NW Lovejoy St/ })).toBeVisible();
  await expect(page.getByText("Coming Soon").first()).toBeVisible();

  // The form says so instead of offering a form the server would refuse.
  await page.goto("/listings/new");
  await expect(page.getByText("You can look, not create")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create listing" })).toHaveCount(0);

  await page.goto("/orders");
  await expect(page.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(page.getByRole("button", { name: /Send invoice/ })).toHaveCount(0);
});
