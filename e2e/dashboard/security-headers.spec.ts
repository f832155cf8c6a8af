// Browser-side headers on every page type, from the real server: the dashboard and sign-in may
// not be framed, the public property pages may (the MLS tour field frames the unbranded one),
// and a signed-in dashboard page loads with no CSP violation in Chromium's console.
import { expect, test } from "@playwright/test";
import { provisionAgency } from "../support/cli";
import { OWNER, createListingViaApi, signIn } from "./helpers";

const common = (headers: Record<string, string>) => {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"]).toContain("object-src 'none'");
};

test("every page type carries the security headers", async ({ request }) => {
  const agency = await provisionAgency("dash-headers");
  const listing = await createListingViaApi(request, agency.key, {
    address: "1 Header Way, Portland, OR 97205",
    owner_user_id: agency.ownerId,
    agent_one_id: agency.agentIds[0]!,
  });
  const denied = ["/signin", "/listings", "/api/v1/users", "/api/trpc/listings.list"];
  for (const path of denied) {
    const response = await request.get(path, { maxRedirects: 0, headers: path.startsWith("/api/v1") ? { "X-API-Key": agency.key } : {} });
    const headers = response.headers();
    common(headers);
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  for (const path of [`/property/${listing.listing_number}`, `/property/${listing.listing_number}/unbranded`]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    common(headers);
    expect(headers["x-frame-options"], path).toBeUndefined();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors *");
  }
});

test("pages allow only scripts carrying their response's nonce: the dashboard works with no CSP violation, an injected script does not run", async ({ page, request }) => {
  // A fresh nonce on every response of every page type Next renders.
  const nonces = [];
  for (const path of ["/signin", "/signin", "/property/NOPE00"]) {
    const policy = (await request.get(path)).headers()["content-security-policy"] ?? "";
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    expect(policy, path).not.toContain("unsafe-eval");
    nonces.push(policy.match(/'nonce-([^']+)'/)![1]);
  }
  expect(new Set(nonces).size).toBe(3);

  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|frame)/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, OWNER);
  for (const path of ["/listings", "/calendar", "/people", "/settings/scheduling"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // The app is interactive (React hydrated under the policy): a client-side navigation works.
  await page.getByRole("navigation").first().getByRole("link", { name: "Listings" }).click();
  await expect(page).toHaveURL(/\/listings/);
  expect(violations).toEqual([]);

  // What stored XSS would do if some text ever reached the page as HTML: an inline event handler
  // added to a live page is refused, and reported.
  await page.evaluate(() => {
    const holder = document.createElement("div");
    holder.innerHTML = '<img alt="" src="/nonexistent.png" onerror="window.__injected = true">';
    document.body.append(holder);
  });
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(1);
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__injected)).toBeUndefined();

  // And a <script> in the server's HTML itself (the response altered on its way to the browser,
  // headers kept): without the nonce it does not run, while the page's own scripts still do.
  await page.route("**/listings", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<body([^>]*)>/, "<body$1><script>window.__injectedHtml = true</script>");
    expect(html).toContain("__injectedHtml");
    await route.fulfill({ response, body: html });
  });
  await page.goto("/listings");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.getByRole("navigation").first().getByRole("link", { name: "Calendar" }).click();
  await expect(page).toHaveURL(/\/calendar/);
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__injectedHtml)).toBeUndefined();
});
