// What every dashboard page gives keyboard and screen-reader users: a skip link that is the first
// thing Tab reaches and moves focus to <main>, one <main> and one h1, every form control named,
// and a visible focus indicator on whatever Tab reaches. A platform admin acting for an agency on
// a 375 px screen gets the same, with nothing scrolling sideways (API keys table, header).
import { expect, test, type Page } from "@playwright/test";
import { mintKey } from "../support/cli";
import { ADMIN, OWNER, VIEWER, checkPage, signIn } from "./helpers";

async function demoListing(page: Page): Promise<string> {
  const response = await page.request.get(`/api/trpc/listings.list?input=${encodeURIComponent(JSON.stringify({ q: "Mississippi", limit: 5 }))}`);
  return ((await response.json()).result.data.items as { listing_number: string }[])[0]!.listing_number;
}

async function expectLandmarks(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }), path).toHaveCount(1);
  await expect(page.locator("main"), path).toHaveCount(1);
  // The page's queries have rendered their controls (no loading skeleton left) before counting them.
  await expect(page.locator('[role="status"][aria-label^="Loading"]'), path).toHaveCount(0);

  // Every control has an accessible name (a label, aria-label or aria-labelledby).
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("input:not([type=hidden]), select, textarea, button")]
      .filter((el) => {
        const e = el as HTMLElement;
        if (e.closest("[aria-hidden=true]") || e.offsetParent === null) return false;
        const labelled = (e as HTMLInputElement).labels?.length || e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || e.getAttribute("title");
        return !labelled && !(e.tagName === "BUTTON" && e.textContent?.trim());
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(unnamed, `${path}: unnamed controls`).toEqual([]);

  // The skip link comes first, shows itself when focused, and moves focus to <main>.
  await page.locator("body").focus();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip, path).toBeFocused();
  expect((await skip.boundingBox())!.width, `${path}: skip link visible when focused`).toBeGreaterThan(20);
  await page.keyboard.press("Enter");
  await expect(page.locator("main"), path).toBeFocused();

  // Whatever Tab reaches next shows where the focus is.
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const ringed = style.boxShadow !== "none";
      return { what: el.outerHTML.slice(0, 100), visible: outlined || ringed };
    });
    if (!focus) break;
    expect(focus.visible, `${path}: no visible focus on ${focus.what}`).toBe(true);
  }
}

test("the owner's pages: skip link, main, one h1, labelled controls, visible focus", async ({ page }) => {
  await signIn(page, OWNER);
  const number = await demoListing(page);
  for (const path of ["/listings", "/listings/new", `/listings/${number}`, "/orders", "/packages", "/manage/webhooks", "/manage/webhooks/catalog", "/settings/api-keys"]) {
    await expectLandmarks(page, path);
  }
});

test("a viewer's pages too", async ({ page }) => {
  await signIn(page, VIEWER);
  const number = await demoListing(page);
  for (const path of ["/listings", `/listings/${number}`, "/orders", "/packages", "/manage/webhooks", "/settings/api-keys"]) {
    await expectLandmarks(page, path);
  }
});

test("a platform admin acts for an agency on a 375 px screen: API keys, packages and orders fit", async ({ page }) => {
  // A key in the table, with a long name and every scope, so that the table has something to squeeze.
  await mintKey("northlight", "listings:read,listings:write,media:write,scheduling:read,users:read,webhooks:read,webhooks:write");
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, ADMIN);
  await page.getByRole("button", { name: "Open menu" }).click();
  const sheet = page.getByRole("dialog", { name: "Menu" });
  await sheet.getByLabel("Acting for").selectOption({ label: "Northlight Media (Media agency)" });
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("banner")).toContainText("Northlight Media");

  await page.goto("/settings/api-keys");
  await checkPage(page, "api-keys-admin", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
    await expect(p.getByRole("button", { name: "Generate new key" })).toBeVisible();
    await expect(p.getByText(/e2e listings:read/).locator("visible=true").first()).toBeVisible();
  });
  await page.goto("/packages");
  await checkPage(page, "packages-admin", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Packages and add-ons" })).toBeVisible();
    // A platform admin acting for the agency manages its packages.
    await expect(p.getByRole("button", { name: "New package" })).toBeVisible();
  });
  await page.goto("/orders");
  await checkPage(page, "orders-admin", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  });
  await expectLandmarks(page, "/settings/api-keys");
});
