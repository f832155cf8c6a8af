// The listings screen: status filter and cursor paging, both kept in the URL.
import { expect, test, type Page } from "@playwright/test";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { OWNER, createListingViaApi, screenshot, signIn } from "./helpers";

const statusFilter = (page: Page) => page.getByRole("navigation", { name: "Filter by status" });
const pagination = (page: Page) => page.getByRole("navigation", { name: "Pagination" });
const bodyRows = (page: Page) => page.getByRole("table").locator("tbody tr");

test("filters the demo agency's listings by status", async ({ page }) => {
  await signIn(page, OWNER);
  await expect(page.getByRole("heading", { name: "Listings", level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  await expect(statusFilter(page).getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
  await expect(pagination(page)).toContainText(/Showing 1–\d+ of \d+/);
  await screenshot(page, "listings");

  // Sold: the seed has one, 88 N Williams Ave.
  await statusFilter(page).getByRole("link", { name: "Sold" }).click();
  await expect(page).toHaveURL(/\/listings\?status=sold$/);
  await expect(page.getByRole("row", { name: /88 N Williams Ave/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /1421 NW Lovejoy St/ })).toHaveCount(0);
  for (const row of await bodyRows(page).all()) await expect(row.getByRole("cell").nth(2)).toHaveText("Sold");

  // Coming Soon: two in the seed.
  await statusFilter(page).getByRole("link", { name: "Coming Soon" }).click();
  await expect(page).toHaveURL(/status=coming_soon/);
  await expect(page.getByRole("row", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /7 Mississippi Ave/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /88 N Williams Ave/ })).toHaveCount(0);
  for (const row of await bodyRows(page).all()) await expect(row.getByRole("cell").nth(2)).toHaveText("Coming Soon");
  await screenshot(page, "listings-filtered");

  // The filter survives a reload, and Back returns to the previous filter.
  await page.reload();
  await expect(statusFilter(page).getByRole("link", { name: "Coming Soon" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("row", { name: /7 Mississippi Ave/ })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/status=sold/);
  await expect(page.getByRole("row", { name: /88 N Williams Ave/ })).toBeVisible();

  // An unknown status in the URL is ignored rather than an error.
  await page.goto("/listings?status=bogus");
  await expect(statusFilter(page).getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
});

test("pages through an agency's listings with Next and Previous", async ({ page, request }) => {
  // A fresh agency of our own, so that the counts are exact whatever other tests create.
  const agency = await provisionAgency("dash-paging");
  const created: string[] = [];
  for (let i = 1; i <= 27; i++) {
    const listing = await createListingViaApi(request, agency.key, {
      address: `${100 + i} Paging Test Rd, Portland, OR 97201`,
      owner_user_id: agency.ownerId,
      agent_one_id: agency.agentIds[0]!,
    });
    created.push(listing.listing_number);
  }

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await expect(pagination(page)).toContainText("Showing 1–25 of 27");
  await expect(bodyRows(page)).toHaveCount(25);
  // Newest first.
  await expect(bodyRows(page).first()).toContainText("127 Paging Test Rd");
  await expect(pagination(page).getByRole("link", { name: "Previous" })).toHaveAttribute("aria-disabled", "true");

  await pagination(page).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/cursors=/);
  await expect(pagination(page)).toContainText("Showing 26–27 of 27");
  await expect(bodyRows(page)).toHaveCount(2);
  await expect(bodyRows(page).first()).toContainText("102 Paging Test Rd");
  await expect(bodyRows(page).last()).toContainText("101 Paging Test Rd");
  await expect(pagination(page).getByRole("link", { name: "Next" })).toHaveAttribute("aria-disabled", "true");
  await screenshot(page, "listings-page-2");

  // The page survives a reload.
  await page.reload();
  await expect(pagination(page)).toContainText("Showing 26–27 of 27");

  await pagination(page).getByRole("link", { name: "Previous" }).click();
  await expect(pagination(page)).toContainText("Showing 1–25 of 27");
  await expect(bodyRows(page).first()).toContainText("127 Paging Test Rd");

  // Back returns to page 2.
  await page.goBack();
  await expect(pagination(page)).toContainText("Showing 26–27 of 27");

  // A smaller page size through the URL, and a filter starts again at page 1.
  await page.goto("/listings?size=10");
  await expect(pagination(page)).toContainText("Showing 1–10 of 27");
  await pagination(page).getByRole("link", { name: "Next" }).click();
  await expect(pagination(page)).toContainText("Showing 11–20 of 27");
  await statusFilter(page).getByRole("link", { name: "Coming Soon" }).click();
  await expect(pagination(page)).toContainText("Showing 1–10 of 27");
  await statusFilter(page).getByRole("link", { name: "Sold" }).click();
  await expect(page.getByText("No Sold listings")).toBeVisible();
  await screenshot(page, "listings-empty-filter");
});
