// Shoots on the listing page: a scheduled shoot that has started gets "Mark completed" (for roles
// that may change listings); completing it shows the status and when it was completed.
import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, provisionAgency, scheduleShoot } from "../support/cli";
import { createListingViaApi, screenshot, signIn } from "./helpers";

const HOUR = 3_600_000;

test("the owner marks a shoot that has started completed; a viewer cannot", async ({ page, request }) => {
  const agency = await provisionAgency("dash-shoots");
  const { listing_number: n } = await createListingViaApi(request, agency.key, {
    address: "40 Shoot Complete Ln, Portland, OR 97201",
    owner_user_id: agency.ownerId,
    agent_one_id: agency.agentIds[0]!,
    package: "essentials",
  });
  // The operator's override books one shoot two hours ago and one in three days.
  const past = await scheduleShoot(n, new Date(Date.now() - 2 * HOUR));
  await scheduleShoot(n, new Date(Date.now() + 72 * HOUR));

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.goto(`/listings/${n}`);
  const shoots = page.getByRole("region", { name: "Shoots", exact: true });
  await expect(shoots.getByText("Shoot (scheduled)")).toHaveCount(2);
  // Only the shoot that has started can be completed.
  const button = shoots.getByRole("button", { name: "Mark completed" });
  await expect(button).toHaveCount(1);
  await screenshot(page, "listing-shoot-to-complete");

  await button.click();
  await expect(shoots.getByText("Shoot (completed)")).toBeVisible();
  await expect(shoots.getByText("Shoot (scheduled)")).toHaveCount(1);
  await expect(shoots.getByText(/^Completed /)).toBeVisible();
  await expect(shoots.getByRole("button", { name: "Mark completed" })).toHaveCount(0);
  await screenshot(page, "listing-shoot-completed");

  // The same record the API serves, with the time the page shows.
  const shown = await request.get(`/api/v1/listings/${n}`, { headers: { "X-API-Key": agency.key } });
  const completed = ((await shown.json()) as { shoots: { shoot_id: string; status: string; completed_at: string | null }[] }).shoots.find(
    (s) => s.shoot_id === past.id,
  )!;
  expect(completed.status).toBe("completed");
  await expect(shoots.locator(`time[datetime="${completed.completed_at}"]`)).toBeVisible();

  // A viewer sees the shoots, and no button, even for a shoot that has started.
  await scheduleShoot(n, new Date(Date.now() - HOUR));
  await page.context().clearCookies();
  await signIn(page, `viewer@${agency.slug}.test`, E2E_PASSWORD);
  await page.goto(`/listings/${n}`);
  await expect(shoots.getByText("Shoot (scheduled)")).toHaveCount(2);
  await expect(shoots.getByText("Shoot (completed)")).toBeVisible();
  await expect(shoots.getByRole("button", { name: "Mark completed" })).toHaveCount(0);
});
