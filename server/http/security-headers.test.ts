import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it.each(["/", "/listings", "/signin", "/api/v1/users", "/api/trpc/listings.list", "/_next/static/chunks/a.js", "/propertyx"])("denies framing of %s", (path) => {
    const headers = securityHeaders(path, "https://app.valara.test");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it.each(["/property/K7Q4MX", "/property/K7Q4MX/unbranded"])("lets %s be framed (the MLS tour field)", (path) => {
    const headers = securityHeaders(path, "https://app.valara.test");
    expect(headers["X-Frame-Options"]).toBeUndefined();
    expect(headers["Content-Security-Policy"]).toContain("frame-ancestors *");
  });

  it("sends HSTS only when APP_URL is https", () => {
    expect(securityHeaders("/", "https://app.valara.test")["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(securityHeaders("/", "http://localhost:3000")["Strict-Transport-Security"]).toBeUndefined();
  });
});

describe("contentSecurityPolicy for pages Next renders", () => {
  it("allows scripts only with the response's nonce, keeps the framing rules, and adds eval only in development", () => {
    const policy = contentSecurityPolicy("/listings", { nonce: "abc123" });
    expect(policy).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(contentSecurityPolicy("/property/K7Q4MX/unbranded", { nonce: "n" })).toContain("frame-ancestors *");
    expect(contentSecurityPolicy("/listings", { nonce: "n", dev: true })).toContain("'unsafe-eval'");
  });
});
