import { describe, expect, it } from "vitest";
import { crossOriginRefusal, type WriteOrigin } from "./origin";

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
