import { describe, expect, it } from "vitest";
import { LISTING_NUMBER_ALPHABET, LISTING_NUMBER_PATTERN, generateListingNumber, listingNumberLength } from "./listing-number";

describe("listing numbers", () => {
  it("are 6 characters of the unambiguous alphabet by default", () => {
    for (let i = 0; i < 1000; i++) {
      const n = generateListingNumber();
      expect(n).toMatch(LISTING_NUMBER_PATTERN);
      expect(n).toHaveLength(6);
      for (const ch of n) expect(LISTING_NUMBER_ALPHABET).toContain(ch);
      expect(n).not.toMatch(/[01OILU]/);
    }
  });

  it("grow to 7 and 8 characters after repeated collisions, never beyond", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(listingNumberLength)).toEqual([6, 6, 6, 7, 7, 8, 8]);
    expect(generateListingNumber(8)).toMatch(LISTING_NUMBER_PATTERN);
  });
});
