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

test("the dashboard loads with no CSP violation reported", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|frame)/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, OWNER);
  await page.goto("/listings");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});
