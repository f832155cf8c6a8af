// The calendar in the browser: an agency with two photographers, shoots booked over the API on a
// Wednesday (one for each, one late in the evening), agency-wide lunch blocked. The owner sees the
// week, switches to the day with a column per photographer, steps between days, opens a shoot's
// listing from the grid, and on a phone reads the same day as a list. Times are the agency's
// (Los Angeles) whatever the browser's zone: the browser here runs in Tokyo.
import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, blockTime, provisionSchedulingAgency } from "../support/cli";
import { addDays, nextWeekday, wallClock } from "../support/calendar";
import { PHONE, checkPage, createListingViaApi, signIn } from "./helpers";

test.use({ timezoneId: "Asia/Tokyo" });

test("the owner reads the week and the day by photographer, in the agency's time, and opens a shoot's listing", async ({ page, request }) => {
  test.setTimeout(150_000);
  const agency = await provisionSchedulingAgency("dash-calendar", { minimumNoticeMinutes: 0 });
  // agent1 and agent2 of the agency, the calendar's first and second column (by name).
  const [ana, ben] = agency.agentIds as [string, string];
  const wednesday = nextWeekday(3, 14);
  const listing = await createListingViaApi(request, agency.key, { address: "77 Calendar Ct, Portland, OR 97209", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]!, package: "essentials" });
  const book = async (start: string, photographer: string) => {
    const response = await request.post(`/api/v1/listings/${listing.listing_number}/shoots`, {
      headers: { "X-API-Key": agency.key, "X-Idempotency-Key": `cal-${start}-${photographer}-${Math.random()}` },
      data: { start, photographer_id: photographer },
    });
    expect(response.status(), await response.text()).toBe(201);
  };
  await book(wallClock(wednesday, "09:00"), ana);
  await book(wallClock(wednesday, "14:00"), ben);
  await book(wallClock(wednesday, "16:30"), ana);
  await blockTime(agency.slug, { from: wallClock(wednesday, "12:00"), to: wallClock(wednesday, "13:00"), reason: "team lunch" });

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByText(/Times in America\/Los_Angeles \(P[DS]T\)/)).toBeVisible();

  // The week holding that Wednesday, from the URL.
  await page.goto(`/calendar?view=week&date=${wednesday}`);
  const grid = page.getByRole("region", { name: "Calendar grid" });
  await expect(grid.locator(".rbc-event")).toHaveCount(3);
  await expect(grid.locator(".rbc-event").first()).toContainText("77 Calendar Ct");
  await expect(grid.locator(".rbc-header")).toHaveCount(7);

  // The day: a column per photographer, lunch shaded in each, 9:00 in the 9 AM row even in Tokyo.
  await page.getByRole("button", { name: "Day", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=day&date=${wednesday}`));
  await expect(grid.locator(".rbc-row-resource")).toContainText([`agent1 ${agency.slug}`, `agent2 ${agency.slug}`]);
  await expect(grid.locator(".rbc-event")).toHaveCount(3);
  await expect(grid.locator(".valara-blocked")).toHaveCount(2);
  const columns = grid.locator(".rbc-time-content .rbc-day-slot");
  await expect(columns).toHaveCount(2);
  await expect(columns.nth(0).locator(".rbc-event")).toHaveCount(2);
  await expect(columns.nth(1).locator(".rbc-event")).toHaveCount(1);
  await expect(columns.nth(0).locator('.rbc-event[title*="9:00 AM – 10:30 AM P"]')).toHaveCount(1);
  await expect(columns.nth(1).locator('.rbc-event[title*="2:00 PM – 3:30 PM P"]')).toHaveCount(1);
  await checkPage(page, "calendar-day", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
    await expect(p.getByRole("heading", { name: /Wednesday/ }).first()).toBeVisible();
  });

  // Stepping: the next day is empty, the previous one brings the shoots back.
  await page.getByRole("button", { name: "Next day" }).click();
  await expect(page).toHaveURL(new RegExp(`date=${addDays(wednesday, 1)}`));
  await expect(grid.locator(".rbc-event")).toHaveCount(0);
  await page.getByRole("button", { name: "Previous day" }).click();
  await expect(grid.locator(".rbc-event")).toHaveCount(3);

  // A shoot opens its listing.
  await grid.locator(".rbc-event").first().click();
  await expect(page).toHaveURL(new RegExp(`/listings/${listing.listing_number}$`));
  await expect(page.getByRole("heading", { level: 1, name: /77 Calendar Ct/ })).toBeVisible();

  // On a phone: the same day as a list, each shoot a link with the agency's time.
  await page.setViewportSize(PHONE);
  await page.goto(`/calendar?view=day&date=${wednesday}`);
  await expect(grid).toBeHidden();
  const links = page.getByRole("link", { name: /77 Calendar Ct/ });
  await expect(links).toHaveCount(3);
  await expect(links.first()).toContainText(/9:00 AM – 10:30 AM P[DS]T/);
  await expect(page.getByRole("list").getByText("Blocked: team lunch")).toBeVisible();
});

test("a viewer reads the calendar too", async ({ page }) => {
  const agency = await provisionSchedulingAgency("dash-calendar-viewer");
  await signIn(page, `viewer@${agency.slug}.test`, E2E_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Calendar grid" })).toBeVisible();
  await expect(page.getByText("Could not load the calendar")).toHaveCount(0);
  await expect(page.getByText("Nothing booked.").first()).toBeAttached();
});
