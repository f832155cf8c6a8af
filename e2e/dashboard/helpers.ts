// Shared steps of the dashboard journeys. (e2e/support belongs to the API suite; these are ours.)
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_PASSWORD } from "../support/env";

export const OWNER = "owner@northlight.test";
export const VIEWER = "viewer@northlight.test";
export const ADMIN = "admin@valara.test";

/** A name no other test (or earlier run against a reused server) uses. */
export const uniqueName = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, landing: RegExp = /\/listings/) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(landing);
}

export const SCREENSHOTS = "test-results/screenshots";

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Generates a key on /settings/api-keys and returns the plaintext read back from the clipboard. */
export async function mintKeyInUi(page: Page, name: string, scopes: string[]): Promise<string> {
  await page.getByRole("button", { name: "Generate new key" }).click();
  const form = page.getByRole("form", { name: "Generate new key" });
  await form.getByLabel("Name").fill(name);
  for (const scope of scopes) await form.getByRole("checkbox", { name: scope, exact: true }).check();
  await form.getByRole("button", { name: "Generate key" }).click();

  const dialog = page.getByRole("dialog", { name: "Save your new API key" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("will not be shown again");
  const shown = await dialog.getByLabel("API key").inputValue();
  expect(shown).toMatch(/^ma_live_ak_[0-9A-Z]{26}$/);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByText("Copied to clipboard")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(shown);
  return copied;
}

let sequence = 0;

/** POST /api/v1/listings with an API key (idempotency key included). */
export async function createListingViaApi(
  request: APIRequestContext,
  key: string,
  body: { address: string; owner_user_id: string; agent_one_id: string; package?: string },
) {
  const response = await request.post("/api/v1/listings", {
    headers: { "X-API-Key": key, "X-Idempotency-Key": `dash-e2e-${Date.now()}-${sequence++}-${randomBytes(4).toString("hex")}` },
    data: body,
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { listing_number: string; address: string; status: string; property_url: string };
}

// --- Every page, at both widths -------------------------------------------------------------

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

/** axe (WCAG 2.1 A/AA rules): no critical or serious violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  // A toast fading in or out is half transparent, and axe measures the contrast of that frame:
  // wait until every toast is fully shown, gone, or one sonner keeps hidden (beyond the three shown).
  await page.waitForFunction(() =>
    [...document.querySelectorAll("[data-sonner-toast]")].every(
      (toast) =>
        toast.getAttribute("data-visible") === "false" ||
        (toast.getAttribute("data-removed") !== "true" && getComputedStyle(toast).opacity === "1"),
    ),
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "critical" || violation.impact === "serious")
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.slice(0, 4).map((node) => node.target.join(" ")).join(" | ")}`);
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** Nothing wider than the viewport: the page never scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, label: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${[...element.classList].slice(0, 3).join(".")}`;
    const boxes = [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && getComputedStyle(element).position !== "fixed")
      .filter((element) => !element.closest("[data-allow-overflow]"))
      .map(describe);
    // Text that does not wrap overflows its box without widening it: name the text's element too.
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("[data-allow-overflow]") || !node.textContent?.trim()) continue;
      // Text inside a box that clips (sr-only, truncate) cannot widen the page.
      let clipped = false;
      for (let box: Element | null = parent; box && box !== document.body && !clipped; box = box.parentElement) {
        const style = getComputedStyle(box);
        clipped = style.overflowX !== "visible" || style.position === "fixed";
      }
      if (clipped) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (range.getBoundingClientRect().right > width + 1) texts.push(`${describe(parent)} "${node.textContent.trim().slice(0, 40)}"`);
    }
    const wide = [...boxes, ...texts].slice(0, 4);
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
  expect(overflow.scrollWidth, `${label} scrolls sideways (widest: ${overflow.wide.join(", ")})`).toBeLessThanOrEqual(overflow.width);
}

/**
 * The checks every main page gets, at desktop and at 375 px: no sideways scrolling, axe clean,
 * and a full-page screenshot in SCREENSHOTS (`<name>-desktop.png`, `<name>-phone.png`).
 * `ready` waits for the page's content (not for time) after each resize.
 */
export async function checkPage(page: Page, name: string, ready: (page: Page) => Promise<void>) {
  const original = page.viewportSize() ?? DESKTOP;
  for (const [width, size] of [["desktop", DESKTOP], ["phone", PHONE]] as const) {
    await page.setViewportSize(size);
    await ready(page);
    await expectNoSidewaysScroll(page, `${name} (${width})`);
    await expectAccessible(page, `${name} (${width})`);
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize(original);
}

/**
 * A platform admin chooses the agency to act for from the "Choose an agency" page, and waits for
 * the header's switcher to show it. The page is rendered per request (its CSP nonce) and its
 * buttons work only once React has hydrated: a click that lands before that does nothing, so it is
 * repeated until the switch shows (choosing the same agency twice is harmless).
 */
export async function actFor(page: Page, agencyName: string) {
  await expect(async () => {
    await page.getByRole("button", { name: `Act for ${agencyName}` }).click({ timeout: 2_000 });
    await expect(page.getByLabel("Acting for").locator("option:checked")).toHaveText(new RegExp(agencyName), { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}
