import { describe, expect, it } from "vitest";
import { claimedOrigin, crossOriginRefusal, dashboardWriteRefusal, type WriteOrigin } from "./origin";

const write = (over: Partial<WriteOrigin>): WriteOrigin => ({
  method: "POST",
  origin: undefined,
  appUrl: "https://app.valara.test",
  requestHost: "app.valara.test",
  requireOrigin: true,
  ...over,
});

describe("crossOriginRefusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossOriginRefusal(write({ method: "GET", origin: "https://evil.example" }))).toBeUndefined();
    expect(crossOriginRefusal(write({ method: "head" }))).toBeUndefined();
  });

  it("accepts writes from APP_URL's origin or from the host the request was sent to", () => {
    expect(crossOriginRefusal(write({ origin: "https://app.valara.test" }))).toBeUndefined();
    // The same app under a second name (a proxy): the request went to that host, from that host.
    expect(crossOriginRefusal(write({ origin: "http://10.0.0.5:3000", requestHost: "10.0.0.5:3000" }))).toBeUndefined();
  });

  it("refuses writes from any other origin, naming it", () => {
    expect(crossOriginRefusal(write({ origin: "https://evil.example" }))).toBe("Cross-origin request refused: https://evil.example is not https://app.valara.test.");
    expect(crossOriginRefusal(write({ origin: "https://app.valara.test.evil.example" }))).toMatch(/refused/);
    expect(crossOriginRefusal(write({ origin: "not a url" }))).toMatch(/refused/);
  });

  it("refuses a write naming no origin only where the caller requires one", () => {
    expect(crossOriginRefusal(write({}))).toMatch(/must send Origin or Referer/);
    expect(crossOriginRefusal(write({ requireOrigin: false }))).toBeUndefined();
  });
});

describe("dashboardWriteRefusal (the tRPC endpoint)", () => {
  const appUrl = "https://app.valara.test";
  const post = (headers: Record<string, string>) => new Request("https://app.valara.test/api/trpc/listings.create", { method: "POST", headers });
  const cookie = "next-auth.session-token=abc";

  it("checks Referer when there is no Origin", () => {
    expect(dashboardWriteRefusal(post({ cookie, referer: "https://evil.example/page" }), appUrl)).toMatch(/evil\.example/);
    expect(dashboardWriteRefusal(post({ cookie, referer: "https://app.valara.test/listings" }), appUrl)).toBeUndefined();
    expect(dashboardWriteRefusal(post({ cookie, origin: "null", referer: "https://evil.example/" }), appUrl)).toMatch(/refused/);
    expect(dashboardWriteRefusal(post({ cookie, referer: "::not a url" }), appUrl)).toMatch(/refused/);
  });

  it("refuses a cookie-authenticated write that names neither Origin nor Referer", () => {
    expect(dashboardWriteRefusal(post({ cookie }), appUrl)).toMatch(/refused/);
    expect(dashboardWriteRefusal(post({ cookie: "__Secure-next-auth.session-token.0=abc" }), appUrl)).toMatch(/refused/);
    // No session, nothing a forged request could borrow.
    expect(dashboardWriteRefusal(post({}), appUrl)).toBeUndefined();
  });

  it("lets reads and same-origin writes through", () => {
    expect(dashboardWriteRefusal(new Request("https://app.valara.test/api/trpc/x", { headers: { cookie, referer: "https://evil.example/" } }), appUrl)).toBeUndefined();
    expect(dashboardWriteRefusal(post({ cookie, origin: "https://app.valara.test", referer: "https://evil.example/" }), appUrl)).toBeUndefined();
  });
});

describe("claimedOrigin", () => {
  it("prefers Origin, falls back to Referer's origin", () => {
    expect(claimedOrigin("https://a.example", "https://b.example/x")).toBe("https://a.example");
    expect(claimedOrigin(null, "https://b.example/x?y")).toBe("https://b.example");
    expect(claimedOrigin("null", null)).toBe("null");
    expect(claimedOrigin(null, null)).toBeUndefined();
  });
});
