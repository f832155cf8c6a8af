import { describe, expect, it } from "vitest";
import { DEFAULT_PAGE_SIZE, DEFAULT_STATE, SORT_CHOICES, listingsHref, readListingsUrl, sortChoiceOf } from "./listings-url";

const read = (query: string) => readListingsUrl(new URLSearchParams(query));
const AGENT = "user_01JD3Q6W4ZKXY3T5V7B9C1D2EF";

describe("listings URL state", () => {
  it("defaults to all listings, newest first, page 1, 25 per page", () => {
    expect(read("")).toEqual(DEFAULT_STATE);
    expect(DEFAULT_STATE.size).toBe(DEFAULT_PAGE_SIZE);
    expect(listingsHref(read(""))).toBe("/listings");
  });

  it("round-trips search, filters, sort, cursor stack and page size", () => {
    const state = { q: "Elm St", status: "coming_soon" as const, agent: AGENT, sort: "address" as const, order: "desc" as const, cursors: ["eyJ2IjoxfQ", "abc_DEF-123"], size: 10 };
    const href = listingsHref(state);
    expect(href).toBe(`/listings?q=Elm+St&status=coming_soon&agent=${AGENT}&sort=address&order=desc&cursors=eyJ2IjoxfQ.abc_DEF-123&size=10`);
    expect(read(href.split("?")[1]!)).toEqual(state);
  });

  it("ignores what it does not understand instead of failing", () => {
    expect(read("status=bogus&size=0&agent=nobody&sort=price&order=up&cursors=ok..not%20ok.%3Cscript%3E")).toEqual({ ...DEFAULT_STATE, cursors: ["ok"] });
    expect(read("size=1000").size).toBe(DEFAULT_PAGE_SIZE);
    expect(read("size=2.5").size).toBe(DEFAULT_PAGE_SIZE);
    expect(listingsHref({ ...DEFAULT_STATE, q: "   " })).toBe("/listings");
  });

  it("names every sort choice by the sort and order it stands for", () => {
    for (const choice of SORT_CHOICES) expect(sortChoiceOf(choice)).toBe(choice.value);
    expect(sortChoiceOf({ sort: "address", order: "asc" })).toBe("address");
    expect(sortChoiceOf({ sort: "updated", order: "desc" })).toBe("updated");
  });
});
