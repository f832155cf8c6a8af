// Key lifecycle and abuse controls in the browser: sign-in lockout and recovery; a platform admin
// denies a key and the integrator's next call is 403; the owner rotates a key and sees both keys
// with the grace date; disable and enable.
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, OWNER, actFor, checkPage, mintKeyInUi, screenshot, signIn, uniqueName } from "./helpers";

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
});

// No other spec signs in as this demo account: locking it cannot disturb them.
const LOCKED_ACCOUNT = "blake.agent@northlight.test";

/** One sign-in attempt, waiting for the server's answer to it (not for time). */
async function attempt(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

test("sign-in locks after repeated failures, says how long, gives nothing away, and recovers after the wait", async ({ page }) => {
  await page.goto("/signin");
  // The form's alert (Next.js keeps an empty route announcer with the same role).
  const alert = page.locator("form").getByRole("alert");
  // SIGNIN_MAX_FAILURES_PER_ACCOUNT defaults to 5: four plain refusals, then the lockout.
  for (let i = 1; i <= 4; i++) {
    await attempt(page, LOCKED_ACCOUNT, `wrong-password-${i}`);
    await expect(alert).toHaveText("Incorrect email or password.");
  }
  await attempt(page, LOCKED_ACCOUNT, "wrong-password-5");
  await expect(alert).toContainText("Too many failed sign-in attempts");
  await expect(alert).toContainText(/locked for \d+ seconds?/);
  const lockedMessage = (await alert.innerText()).replace(/\d+ seconds?/, "N seconds");
  await screenshot(page, "signin-locked");
  // Even the right password is refused while locked.
  await attempt(page, LOCKED_ACCOUNT, "valara-demo-2026");
  await expect(alert).toContainText("Too many failed sign-in attempts");
  await expect(page).toHaveURL(/\/signin/);

  // No account enumeration: an address nobody has gets the very same answers.
  const ghost = `nobody-${Date.now()}@northlight.test`;
  for (let i = 1; i <= 4; i++) {
    await attempt(page, ghost, `wrong-${i}`);
    await expect(alert).toHaveText("Incorrect email or password.");
  }
  await attempt(page, ghost, "wrong-5");
  await expect(alert).toContainText("Too many failed sign-in attempts");
  expect((await alert.innerText()).replace(/\d+ seconds?/, "N seconds")).toBe(lockedMessage);

  // After the wait (SIGNIN_LOCKOUT_SECONDS, 12 s in the e2e server) the right password works again.
  await expect(async () => {
    await page.goto("/signin");
    await attempt(page, LOCKED_ACCOUNT, "valara-demo-2026");
    await expect(page).toHaveURL(/\/listings/, { timeout: 3_000 });
  }).toPass({ timeout: 40_000, intervals: [1_000, 2_000] });
});

test("a platform admin denies an API key and the integrator's next call is 403 access_denied; lifting it restores access", async ({ page, request }) => {
  await signIn(page, ADMIN);
  // Choosing the agency refreshes the page: navigate once that is done, or the refresh can win.
  await actFor(page, "Northlight Media");
  await expect(page.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys/);
  const name = uniqueName("Scraper");
  const key = await mintKeyInUi(page, name, ["listings:read"]);
  await page.getByRole("button", { name: "Done, I saved it" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  const keyId = (await row.getByText(/^key_[0-9A-Z]{26}$/).innerText()).trim();
  expect((await request.get("/api/v1/listings", { headers: { "X-API-Key": key } })).status()).toBe(200);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Access control" }).click();
  await expect(page.getByRole("heading", { name: "API access control", level: 1 })).toBeVisible();
  // The form checks its fields before sending.
  await page.getByRole("button", { name: "Deny access" }).click();
  await expect(page.getByText("Name what to deny")).toBeVisible();
  await page.getByLabel("Deny", { exact: true }).selectOption("api_key");
  await page.getByLabel("API key", { exact: true }).fill(keyId);
  await page.getByLabel("Reason").fill("Scraping every listing every second.");
  await page.getByRole("button", { name: "Deny access" }).click();
  const denials = page.getByRole("list", { name: "Active denials" });
  await expect(denials).toContainText(keyId);
  await expect(denials).toContainText(name);

  const denied = await request.get("/api/v1/listings", { headers: { "X-API-Key": key } });
  expect(denied.status()).toBe(403);
  const body = (await denied.json()) as { error: { code: string; message: string; details: { rule_id: string } } };
  expect(body.error.code).toBe("access_denied");
  expect(body.error.message).toContain("Scraping every listing every second.");

  await checkPage(page, "admin-access-control", async (p) => {
    await expect(p.getByRole("list", { name: "Active denials" })).toContainText(keyId);
  });

  const item = denials.getByRole("listitem").filter({ hasText: keyId });
  await item.getByRole("button", { name: /^Lift/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Lift denial" }).click();
  await expect(denials.getByText(keyId)).toHaveCount(0);
  await expect.poll(async () => (await request.get("/api/v1/listings", { headers: { "X-API-Key": key } })).status()).toBe(200);
});

test("the owner rotates a key with a grace period and sees both keys with the grace date; both work; disable and enable", async ({ page, request }) => {
  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  const name = uniqueName("CRM rotate");
  const oldKey = await mintKeyInUi(page, name, ["listings:read"]);
  await page.getByRole("button", { name: "Done, I saved it" }).click();
  const rows = page.getByRole("row", { name: new RegExp(name) });
  await expect(rows).toHaveCount(1);

  await rows.getByRole("button", { name: /^Rotate/ }).click();
  const confirm = page.getByRole("alertdialog", { name: `Rotate “${name}”?` });
  await expect(confirm).toContainText("keeps working for the grace period");
  await confirm.getByLabel("Grace period for the current key").selectOption("7");
  await confirm.getByRole("button", { name: "Rotate key" }).click();
  const dialog = page.getByRole("dialog", { name: "Save your new API key" });
  await expect(dialog).toBeVisible();
  const newKey = await dialog.getByLabel("API key").inputValue();
  expect(newKey).toMatch(/^ma_live_ak_[0-9A-Z]{26}$/);
  expect(newKey).not.toBe(oldKey);
  await dialog.getByRole("button", { name: "Done, I saved it" }).click();

  // Both listed: the old one rotated with the date it stops, the new one active and linked to it.
  await expect(rows).toHaveCount(2);
  // (The new row names the old key's prefix too: "Replaces …".)
  const old = rows.filter({ hasText: "works until" });
  const fresh = rows.filter({ hasText: `Replaces ${oldKey.slice(0, 19)}` });
  await expect(old).toContainText(oldKey.slice(0, 19));
  await expect(fresh).toContainText(newKey.slice(0, 19));
  await expect(old).toContainText("Rotated");
  const grace = old.getByTestId("grace-ends");
  await expect(grace).toContainText("works until");
  const until = new Date((await grace.locator("time").getAttribute("datetime"))!);
  expect(Math.round((until.getTime() - Date.now()) / 86_400_000)).toBe(7);
  await expect(grace).toContainText(/\b(PST|PDT|MST|MDT|CST|CDT|EST|EDT|UTC|GMT[+-]?\d*)\b/);
  await expect(fresh).toContainText("Active");
  await screenshot(page, "api-keys-rotated");
  for (const key of [oldKey, newKey]) expect((await request.get("/api/v1/listings", { headers: { "X-API-Key": key } })).status()).toBe(200);

  // Disable the new key: 401 api_key_disabled; enable: it works again.
  await fresh.getByRole("button", { name: /^Disable/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disable key" }).click();
  await expect(fresh).toContainText("Disabled");
  const disabled = await request.get("/api/v1/listings", { headers: { "X-API-Key": newKey } });
  expect(disabled.status()).toBe(401);
  expect(((await disabled.json()) as { error: { code: string } }).error.code).toBe("api_key_disabled");
  await fresh.getByRole("button", { name: /^Enable/ }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Enable key" }).click();
  await expect(fresh).toContainText("Active");
  expect((await request.get("/api/v1/listings", { headers: { "X-API-Key": newKey } })).status()).toBe(200);

  // The usage card counts what the keys just did.
  await expect(page.getByRole("heading", { name: "Rate limits and use in the last minute" })).toBeVisible();
  await checkPage(page, "api-keys-lifecycle", async (p) => {
    await expect(p.getByText("Rate limits and use in the last minute")).toBeVisible();
  });
});
