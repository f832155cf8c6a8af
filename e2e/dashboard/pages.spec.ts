// Every main page of the dashboard, at 1280 px and at 375 px: nothing scrolls sideways, axe finds
// no critical or serious violation, and a screenshot of each lands in test-results/screenshots.
// Pages built for a journey are also checked in that journey's spec.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, OWNER, VIEWER, checkPage, signIn } from "./helpers";

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
};

test("the sign-in page", async ({ page }) => {
  await page.goto("/signin");
  await checkPage(page, "signin", async (p) => {
    await expect(p.getByRole("button", { name: "Sign in" })).toBeVisible();
  });
});

test("the owner's pages", async ({ page }) => {
  // Eight pages, each at two widths with axe and a full-page screenshot: more than the default 90 s on a busy machine.
  test.setTimeout(180_000);
  await signIn(page, OWNER);
  await checkPage(page, "listings", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
    await expect(p.getByRole("link", { name: /1421 NW Lovejoy St/ })).toBeVisible();
  });

  await page.getByRole("link", { name: /^[0-9A-Z]{6,8}$/ }).last().click();
  await checkPage(page, "listing", heading(/Portland, OR/));

  await page.goto("/manage/webhooks");
  await checkPage(page, "webhooks", heading("Webhooks"));
  await page.goto("/manage/webhooks/catalog");
  await checkPage(page, "webhook-catalog", heading("Webhook event catalog"));
  await page.goto("/settings/api-keys");
  await checkPage(page, "api-keys", heading("API keys"));
  await page.goto("/packages");
  await checkPage(page, "packages-owner", heading("Packages and add-ons"));

  // The menus: the account menu, and on a phone the navigation sheet.
  await page.getByRole("button", { name: /Olivia Northlight|Account menu/ }).click();
  await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
  await page.keyboard.press("Escape");
});

test("a viewer's navigation and pages", async ({ page }) => {
  await signIn(page, VIEWER);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Listings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await checkPage(page, "listings-viewer", heading("Listings"));
});

test("a platform admin on a phone chooses the agency from the menu", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, ADMIN);
  await checkPage(page, "choose-agency", heading(/Choose an agency/));
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole("button", { name: "Open menu" }).click();
  const sheet = page.getByRole("dialog", { name: "Menu" });
  await sheet.getByLabel("Acting for").selectOption({ label: "Northlight Media (Media agency)" });
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Northlight Media");
  await page.getByRole("button", { name: "Open menu" }).click();
  await expect(page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: "API keys" })).toBeVisible();
  await page.keyboard.press("Escape");
  await checkPage(page, "listings-admin", heading("Listings"));
});
