import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query and hash", () => {
    expect(safeCallbackPath("/listings?status=active")).toBe("/listings?status=active");
    expect(safeCallbackPath("/settings/api-keys#keys")).toBe("/settings/api-keys#keys");
    expect(safeCallbackPath(["/listings", "/other"])).toBe("/listings");
  });

  it("falls back to /listings when there is nothing usable", () => {
    expect(safeCallbackPath(undefined)).toBe("/listings");
    expect(safeCallbackPath(null)).toBe("/listings");
    expect(safeCallbackPath("")).toBe("/listings");
    expect(safeCallbackPath("listings")).toBe("/listings");
  });

  it("refuses other origins, however they are spelled", () => {
    for (const evil of [
      "https://evil.example/",
      "//evil.example/path",
      "/\\evil.example",
      "/\t/evil.example",
      "/.//evil.example",
      "javascript:alert(1)",
      "http:evil.example",
    ]) {
      expect(safeCallbackPath(evil), evil).toBe("/listings");
    }
  });

  it("never sends the user back to /signin or to an API", () => {
    expect(safeCallbackPath("/signin?callbackUrl=/listings")).toBe("/listings");
    expect(safeCallbackPath("/api/trpc/session.me")).toBe("/listings");
  });
});
