import { describe, expect, it } from "vitest";
import { decodeUnreserved } from "./rest-handler";

describe("decodeUnreserved", () => {
  it("decodes percent-encoded letters, digits and -._~ only", () => {
    expect(decodeUnreserved("/listings/%4B7Q4MX")).toBe("/listings/K7Q4MX");
    expect(decodeUnreserved("/li%73tings/%7e%2d")).toBe("/listings/~-");
    expect(decodeUnreserved("/listings/A%2FB")).toBe("/listings/A%2FB");
    expect(decodeUnreserved("/listings/%20x%ZZ")).toBe("/listings/%20x%ZZ");
  });
});
