// The listings screen: search, status and agent filters, sort and cursor paging, all kept in the
// URL (shareable, survives reload, Back undoes); on a phone a card list instead of a table.
import { expect, test, type Page } from "@playwright/test";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { OWNER, PHONE, checkPage, createListingViaApi, screenshot, signIn } from "./helpers";

const pagination = (page: Page) => page.getByRole("navigation", { name: "Pagination" });
const bodyRows = (page: Page) => page.getByRole("table").locator("tbody tr");
const statusSelect = (page: Page) => page.getByLabel("Status", { exact: true });

test("filters the demo agency's listings by status, in the URL", async ({ page }) => {
  await signIn(page, OWNER);
  await expect(page.getByRole("heading", { name: "Listings", level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  await expect(statusSelect(page)).toHaveValue("");
  await expect(pagination(page)).toContainText(/Showing 1–\d+ of \d+/);

  // Sold: the seed has one, 88 N Williams Ave.
  await statusSelect(page).selectOption({ label: "Sold" });
  await expect(page).toHaveURL(/\/listings\?status=sold$/);
  await expect(page.getByRole("row", { name: /88 N Williams Ave/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /1421 NW Lovejoy St/ })).toHaveCount(0);
  for (const row of await bodyRows(page).all()) await expect(row.getByRole("cell").nth(2)).toHaveText("Sold");

  await statusSelect(page).selectOption({ label: "Coming Soon" });
  await expect(page).toHaveURL(/status=coming_soon/);
  await expect(page.getByRole("row", { name: /7 Mississippi Ave/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /88 N Williams Ave/ })).toHaveCount(0);
  for (const row of await bodyRows(page).all()) await expect(row.getByRole("cell").nth(2)).toHaveText("Coming Soon");

  // The filter survives a reload, and Back returns to the previous filter.
  await page.reload();
  await expect(statusSelect(page)).toHaveValue("coming_soon");
  await expect(page.getByRole("row", { name: /7 Mississippi Ave/ })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/status=sold/);
  await expect(statusSelect(page)).toHaveValue("sold");
  await expect(page.getByRole("row", { name: /88 N Williams Ave/ })).toBeVisible();

  // An unknown status in the URL is ignored rather than an error.
  await page.goto("/listings?status=bogus");
  await expect(statusSelect(page)).toHaveValue("");
});

test("searches, filters by agent and sorts on the server, with every choice in the URL", async ({ page, request }) => {
  const agency = await provisionAgency("dash-search");
  const streets = ["Alder", "Birch", "Cedar", "Alder Court"];
  for (const [i, street] of streets.entries()) {
    await createListingViaApi(request, agency.key, {
      address: `${10 + i} ${street} St, Portland, OR 97201`,
      owner_user_id: agency.ownerId,
      agent_one_id: agency.agentIds[i % 2]!,
    });
  }
  const cedar = await createListingViaApi(request, agency.key, { address: "99 Spruce Way, Salem, OR", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]! });

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await expect(pagination(page)).toContainText("of 5");

  // Search by part of the address, any case: the URL says so, and a reload keeps it.
  await page.getByRole("searchbox", { name: "Search" }).fill("alder");
  await expect(page).toHaveURL(/\?q=alder$/);
  await expect(pagination(page)).toContainText("Showing 1–2 of 2");
  await expect(page.getByRole("row", { name: /Alder Court/ })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("alder");
  await expect(bodyRows(page)).toHaveCount(2);

  // By listing number.
  await page.getByRole("searchbox", { name: "Search" }).fill(cedar.listing_number.toLowerCase());
  await page.getByRole("searchbox", { name: "Search" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${cedar.listing_number.toLowerCase()}`));
  await expect(bodyRows(page)).toHaveCount(1);
  await expect(bodyRows(page).first()).toContainText("99 Spruce Way");

  // Nothing found: said in words, with a way back.
  await page.getByRole("searchbox", { name: "Search" }).fill("no such street");
  await expect(page.getByText("No listings match")).toBeVisible();
  await page.getByRole("link", { name: "Clear search and filters" }).click();
  await expect(page).toHaveURL(/\/listings$/);
  await expect(pagination(page)).toContainText("of 5");

  // Address A–Z, then Z–A; the agent filter narrows to agent two's listings.
  await page.getByLabel("Sort").selectOption({ label: "Address A–Z" });
  await expect(page).toHaveURL(/sort=address/);
  await expect(bodyRows(page).first()).toContainText("10 Alder St");
  await page.getByLabel("Sort").selectOption({ label: "Address Z–A" });
  await expect(page).toHaveURL(/sort=address&order=desc/);
  await expect(bodyRows(page).first()).toContainText("99 Spruce Way");
  // Agent two has two listings. (Chosen by id: the agents are created concurrently, so their
  // order among the options is not fixed.)
  await page.getByLabel("Agent").selectOption(agency.agentIds[1]!);
  await expect(page).toHaveURL(/agent=user_/);
  await expect(pagination(page)).toContainText("of 2");
  await screenshot(page, "listings-sorted-filtered");

  // Back undoes the agent filter, then the sort order.
  await page.goBack();
  await expect(page).toHaveURL(/sort=address&order=desc$/);
  await expect(pagination(page)).toContainText("of 5");
  await page.goBack();
  await expect(page).toHaveURL(/sort=address$/);
  await expect(bodyRows(page).first()).toContainText("10 Alder St");

  // A shared link opens the same view.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByLabel("Sort")).toHaveValue("address");
  await expect(other.getByRole("table").locator("tbody tr").first()).toContainText("10 Alder St");
  await other.close();
});

test("pages through an agency's listings with Next and Previous", async ({ page, request }) => {
  // A fresh agency of our own, so that the counts are exact whatever other tests create.
  const agency = await provisionAgency("dash-paging");
  for (let i = 1; i <= 27; i++) {
    await createListingViaApi(request, agency.key, {
      address: `${100 + i} Paging Test Rd, Portland, OR 97201`,
      owner_user_id: agency.ownerId,
      agent_one_id: agency.agentIds[0]!,
    });
  }

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await expect(pagination(page)).toContainText("Showing 1–25 of 27");
  await expect(bodyRows(page)).toHaveCount(25);
  await expect(bodyRows(page).first()).toContainText("127 Paging Test Rd");
  await expect(pagination(page).getByRole("link", { name: "Previous" })).toHaveAttribute("aria-disabled", "true");

  await pagination(page).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/cursors=/);
  await expect(pagination(page)).toContainText("Showing 26–27 of 27");
  await expect(bodyRows(page).last()).toContainText("101 Paging Test Rd");
  await page.reload();
  await expect(pagination(page)).toContainText("Showing 26–27 of 27");
  await pagination(page).getByRole("link", { name: "Previous" }).click();
  await expect(pagination(page)).toContainText("Showing 1–25 of 27");
  await page.goBack();
  await expect(pagination(page)).toContainText("Showing 26–27 of 27");

  // Sorted by address, paging is exact too: pages of 10 in A–Z order.
  await page.goto("/listings?sort=address&size=10");
  await expect(bodyRows(page).first()).toContainText("101 Paging Test Rd");
  await pagination(page).getByRole("link", { name: "Next" }).click();
  await expect(pagination(page)).toContainText("Showing 11–20 of 27");
  await expect(bodyRows(page).first()).toContainText("111 Paging Test Rd");
  // A filter starts again at page 1.
  await statusSelect(page).selectOption({ label: "Coming Soon" });
  await expect(pagination(page)).toContainText("Showing 1–10 of 27");
  await statusSelect(page).selectOption({ label: "Sold" });
  await expect(page.getByText("No listings match")).toBeVisible();
  await screenshot(page, "listings-empty-filter");
});

test("on a phone the listings are a card list, not a sideways table", async ({ page }) => {
  await signIn(page, OWNER);
  await page.setViewportSize(PHONE);
  const cards = page.getByRole("list", { name: "Listings" });
  await expect(cards).toBeVisible();
  await expect(page.getByRole("table")).toBeHidden();
  await expect(cards.getByRole("link", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  await checkPage(page, "listings-search", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
    await expect(p.getByRole("link", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  });
  await page.setViewportSize(PHONE);
  await cards.getByRole("link", { name: /1421 NW Lovejoy St/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /1421 NW Lovejoy St/ })).toBeVisible();
});
