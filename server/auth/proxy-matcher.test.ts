// The proxy's matcher and its sign-in rule: every page Next renders gets the proxy (for its
// nonce-based CSP); only dashboard pages need a session. Next compiles the matcher with
// path-to-regexp; for these paths the pattern reads the same as a plain regular expression
// anchored at both ends.
import { describe, expect, it } from "vitest";
import { config, isPublicPage } from "../../proxy";

const matched = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));

describe("proxy", () => {
  it("runs on every page, public ones included (they get the CSP nonce too)", () => {
    for (const path of ["/listings", "/", "/signin", "/property/K7Q4MX", "/d/3q2-7wZ0bQm8yTn1vXc4sLk9pRa6dFh2jEu5oGi0NwY", "/settings/profile"]) expect(matched(path), path).toBe(true);
  });
  it("does not run on the API, health checks or static files", () => {
    for (const path of ["/api/v1/listings", "/api/trpc/listings.list", "/api/auth/session", "/healthz", "/_next/static/chunks/a.js", "/favicon.ico", "/robots.txt", "/icon.svg", "/site.webmanifest"]) expect(matched(path), path).toBe(false);
  });
  it("lets anonymous visitors open delivery galleries, property pages and sign-in, and gates the dashboard", () => {
    for (const path of ["/d/3q2-7wZ0bQm8yTn1vXc4sLk9pRa6dFh2jEu5oGi0NwY", "/property/K7Q4MX", "/property/K7Q4MX/unbranded", "/signin"]) expect(isPublicPage(path), path).toBe(true);
    for (const path of ["/listings", "/", "/dashboard", "/propertyx", "/download", "/signing"]) expect(isPublicPage(path), path).toBe(false);
  });
});
