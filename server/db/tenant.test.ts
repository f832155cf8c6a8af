import { describe, expect, it } from "vitest";
import { __test } from "./tenant";

const { withAgency } = __test;

describe("withAgency", () => {
  it("adds the agency to every kind of filter", () => {
    expect(withAgency("Tour", "findMany", {}, "a1").where).toEqual({ agencyId: "a1" });
    expect(withAgency("Tour", "count", { where: { status: "active" } }, "a1").where).toEqual({ AND: [{ status: "active" }, { agencyId: "a1" }] });
    expect(withAgency("Tour", "findUnique", { where: { listingNumber: "ABC123" } }, "a1").where).toEqual({ listingNumber: "ABC123", agencyId: "a1" });
    // A filter that names another agency is overridden, not trusted.
    expect(withAgency("Tour", "update", { where: { id: "t", agencyId: "a2" }, data: {} }, "a1").where).toEqual({ id: "t", agencyId: "a1" });
    expect(withAgency("Agency", "findMany", {}, "a1").where).toEqual({ id: "a1" });
  });

  it("stamps the agency on creates and refuses another agency", () => {
    expect(withAgency("Team", "create", { data: { id: "t", name: "n" } }, "a1").data).toEqual({ id: "t", name: "n", agencyId: "a1" });
    expect(withAgency("Team", "createMany", { data: [{ id: "t" }] }, "a1").data).toEqual([{ id: "t", agencyId: "a1" }]);
    expect(() => withAgency("Team", "create", { data: { id: "t", agencyId: "a2" } }, "a1")).toThrow(/may not change agencyId/);
    expect(() => withAgency("Team", "updateMany", { data: { agencyId: "a2" } }, "a1")).toThrow(/may not change agencyId/);
    expect(() => withAgency("Team", "upsert", { where: { id: "t" }, create: { agencyId: "a2" }, update: {} }, "a1")).toThrow();
  });

  it("refuses to create or delete agencies through a scoped client", () => {
    expect(() => withAgency("Agency", "create", { data: {} }, "a1")).toThrow();
    expect(() => withAgency("Agency", "deleteMany", {}, "a1")).toThrow();
  });
});
