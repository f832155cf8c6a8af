// Booking from real availability in the browser: the owner books the 9:00 slot of one photographer
// tomorrow from the listing's Shoots card, moves it to 11:00 with the same picker, sees it on the
// calendar, and when a slot is taken behind the dialog's back (booked over the API meanwhile), is
// told so in words and offered the slots that are still free.
import { expect, test, type Page } from "@playwright/test";
import { E2E_PASSWORD, provisionSchedulingAgency } from "../support/cli";
import { addDays, todayIn, wallClock } from "../support/calendar";
import { createListingViaApi, signIn } from "./helpers";

const toastWith = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

test("the owner books a free slot, reschedules it, sees it on the calendar, and is told when a slot was just taken", async ({ page, request }) => {
  test.setTimeout(150_000);
  const agency = await provisionSchedulingAgency("dash-booking", { minimumNoticeMinutes: 0 });
  const agent1 = `agent1 ${agency.slug}`;
  const tomorrow = addDays(todayIn(), 1);
  const listing = await createListingViaApi(request, agency.key, { address: "5 Booking Blvd, Portland, OR 97210", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]!, package: "essentials" });

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.goto(`/listings/${listing.listing_number}`);
  const shoots = page.getByRole("region", { name: "Shoots", exact: true });

  // Book: tomorrow, agent1, 9:00.
  await shoots.getByRole("button", { name: "Book a shoot" }).click();
  let dialog = page.getByRole("dialog", { name: "Book a shoot" });
  await dialog.getByRole("button", { name: "Next day" }).click();
  await dialog.getByLabel("Photographer", { exact: true }).selectOption(agency.agentIds[0]!);
  await dialog.getByRole("radio", { name: new RegExp(`^9:00 AM to 10:30 AM P[DS]T, ${agent1}$`) }).click();
  await dialog.getByRole("button", { name: "Book shoot" }).click();
  await expect(toastWith(page, "Shoot booked")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(shoots).toContainText("9:00 AM");

  // Reschedule to 11:00, same picker.
  await shoots.getByRole("button", { name: "Reschedule" }).click();
  dialog = page.getByRole("dialog", { name: "Reschedule shoot" });
  await dialog.getByRole("radio", { name: /^11:00 AM to 12:30 PM P[DS]T/ }).click();
  await dialog.getByRole("button", { name: "Move shoot" }).click();
  await expect(toastWith(page, "Shoot rescheduled")).toBeVisible();
  await expect(shoots).toContainText("11:00 AM");

  // The calendar shows it where it now is.
  await page.goto(`/calendar?view=day&date=${tomorrow}`);
  const grid = page.getByRole("region", { name: "Calendar grid" });
  await expect(grid.locator('.rbc-event[title*="11:00 AM – 12:30 PM P"]')).toHaveCount(1);
  await expect(grid.locator(".rbc-event")).toHaveCount(1);

  // A slot taken while the dialog is open: the refusal is explained and the slots refreshed.
  await page.goto(`/listings/${listing.listing_number}`);
  await shoots.getByRole("button", { name: "Book a shoot" }).click();
  dialog = page.getByRole("dialog", { name: "Book a shoot" });
  await dialog.getByRole("button", { name: "Next day" }).click();
  await dialog.getByLabel("Photographer", { exact: true }).selectOption(agency.agentIds[0]!);
  const twoPm = dialog.getByRole("radio", { name: /^2:00 PM to 3:30 PM P[DS]T/ });
  await expect(twoPm).toBeVisible();
  const taken = await request.post(`/api/v1/listings/${listing.listing_number}/shoots`, {
    headers: { "X-API-Key": agency.key, "X-Idempotency-Key": `booking-${Date.now()}` },
    data: { start: wallClock(tomorrow, "14:00"), photographer_id: agency.agentIds[0] },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  await twoPm.click();
  await dialog.getByRole("button", { name: "Book shoot" }).click();
  await expect(dialog.getByText("That slot was just taken — pick another")).toBeVisible();
  await expect(dialog.getByRole("radio", { name: /^2:00 PM to 3:30 PM P[DS]T/ })).toHaveCount(0);
  await expect(dialog.getByRole("radio", { name: /^8:00 AM to 9:30 AM P[DS]T/ })).toBeVisible();
});

test("the listing's agent reschedules its shoot to another free slot", async ({ page, request }) => {
  test.setTimeout(120_000);
  const agency = await provisionSchedulingAgency("dash-agent-move", { minimumNoticeMinutes: 0 });
  const tomorrow = addDays(todayIn(), 1);
  const listing = await createListingViaApi(request, agency.key, { address: "8 Agent Ave, Portland, OR 97211", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]!, package: "essentials" });
  const booked = await request.post(`/api/v1/listings/${listing.listing_number}/shoots`, {
    headers: { "X-API-Key": agency.key, "X-Idempotency-Key": `agent-move-${Date.now()}` },
    data: { start: wallClock(tomorrow, "09:00") },
  });
  expect(booked.status(), await booked.text()).toBe(201);

  await signIn(page, `agent1@${agency.slug}.test`, E2E_PASSWORD);
  await page.goto(`/listings/${listing.listing_number}`);
  const shoots = page.getByRole("region", { name: "Shoots", exact: true });
  await expect(shoots).toContainText("9:00 AM");
  await shoots.getByRole("button", { name: "Reschedule" }).click();
  const dialog = page.getByRole("dialog", { name: "Reschedule shoot" });
  await dialog.getByRole("radio", { name: /^3:00 PM to 4:30 PM P[DS]T/ }).click();
  await dialog.getByRole("button", { name: "Move shoot" }).click();
  await expect(toastWith(page, "Shoot rescheduled")).toBeVisible();
  await expect(shoots).toContainText("3:00 PM");
  await expect(shoots).not.toContainText("9:00 AM");
});
