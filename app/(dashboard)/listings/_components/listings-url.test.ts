import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, listingsHref, readListingsUrl } from "./listings-url";

const read = (query: string) => readListingsUrl(new URLSearchParams(query));

describe("listings URL state", () => {
  it("defaults to all statuses, page 1, 25 per page", () => {
    expect(read("")).toEqual({ status: null, cursors: [], size: DEFAULT_PAGE_SIZE });
    expect(listingsHref(read(""))).toBe("/listings");
  });

  it("round-trips status, cursor stack and page size", () => {
    const state = { status: "coming_soon" as const, cursors: ["eyJ2IjoxfQ", "abc_DEF-123"], size: 10 };
    const href = listingsHref(state);
    expect(href).toBe("/listings?status=coming_soon&cursors=eyJ2IjoxfQ.abc_DEF-123&size=10");
    expect(read(href.split("?")[1]!)).toEqual(state);
  });

  it("ignores what it does not understand instead of failing", () => {
    expect(read("status=bogus&size=0&cursors=ok..not%20ok.%3Cscript%3E")).toEqual({ status: null, cursors: ["ok"], size: DEFAULT_PAGE_SIZE });
    expect(read("size=1000").size).toBe(DEFAULT_PAGE_SIZE);
    expect(read("size=2.5").size).toBe(DEFAULT_PAGE_SIZE);
  });
});
