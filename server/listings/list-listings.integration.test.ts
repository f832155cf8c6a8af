// The listings table's reads on both databases: the search (and that an index answers it), every
// sort and order paged in small pages against the same list read whole, cursors bound to their
// sort, and an exact total.
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { encodeCursor } from "../pagination/cursor";
import type { ListListingsInput } from "../api/routers/listings/schemas";
import { ListListingsInput as ListInputSchema, LISTING_SORTS, SORT_ORDERS } from "../api/routers/listings/schemas";
import { createListing } from "./create-listing";
import { changeListingStatus } from "./change-status";
import { listListings } from "./list-listings";

const APP = "http://localhost";

describeEachDatabase("listings table", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  const numbers: Record<string, string> = {};
  // Repeated addresses on purpose: ties in the sort key must still page exactly.
  const ADDRESSES = [
    "12 Elm St, Portland",
    "7 Oak Ave, Salem",
    "12 Elm St, Portland",
    "99 Birch Rd, Eugene",
    "3 elm court, Bend",
    "50% Off Lane, Bend",
    "1 Maple Dr, Portland",
    "12 Elm St, Portland",
    "8 Cedar Way, Salem",
    "21 Pine St, Eugene",
  ];

  const list = (input: Partial<ListListingsInput>) => listListings(agency.scope, ListInputSchema.parse({ limit: 50, ...input }), APP);

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma, { packages: false });
    other = await makeAgency(testDb().db.prisma, { packages: false });
    for (const [i, address] of ADDRESSES.entries()) {
      const tour = await createListing(agency.scope, { address, owner_user_id: agency.owner.id, agent_one_id: agency.agents[i % 2]!.id }, APP);
      numbers[`${i}`] = tour.listingNumber;
    }
    await createListing(other.scope, { address: "12 Elm St, Portland", owner_user_id: other.owner.id, agent_one_id: other.owner.id }, APP);
    // Touch two old listings so that "updated" differs from "created".
    await changeListingStatus(agency.scope, numbers["0"]!, "Active");
    await changeListingStatus(agency.scope, numbers["4"]!, "Off Market");
  });

  describe("search", () => {
    it("finds addresses containing the text in any case, only in this agency, with an exact total", async () => {
      const page = await list({ q: "ELM" });
      expect(page.items.map((l) => l.address).sort()).toEqual(["12 Elm St, Portland", "12 Elm St, Portland", "12 Elm St, Portland", "3 elm court, Bend"]);
      expect(page.total).toBe(4);
    });

    it("finds a listing by its number, or part of it, in any case", async () => {
      const number = numbers["6"]!;
      expect((await list({ q: number.toLowerCase() })).items.map((l) => l.listing_number)).toContain(number);
      const part = await list({ q: number.slice(1, 5) });
      expect(part.items.map((l) => l.listing_number)).toContain(number);
    });

    it("takes % and _ literally", async () => {
      expect((await list({ q: "50%" })).items.map((l) => l.address)).toEqual(["50% Off Lane, Bend"]);
      expect((await list({ q: "%" })).total).toBe(1);
      expect((await list({ q: "_" })).total).toBe(0);
    });

    it("combines with the status and agent filters", async () => {
      expect((await list({ q: "elm", status: "active" })).items.map((l) => l.listing_number)).toEqual([numbers["0"]]);
      const byAgent = await list({ q: "Portland", agent_id: agency.agents[0]!.id });
      expect(byAgent.items.every((l) => l.agent_one_id === agency.agents[0]!.id)).toBe(true);
      expect(byAgent.total).toBe(3); // indexes 0, 2, 6 (even) of the four Portland addresses
    });

    // A table this small is read through the agency index (cheaper); what matters is that the
    // search's condition can be answered by an index at all once there are many rows, so the
    // planner is told that scanning is expensive and the agency index is left out of the question.
    it("is answered by the trigram indexes (pg_trgm), on both databases", async () => {
      const { prisma } = testDb().db;
      const plan = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
        return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT id FROM tours WHERE address ILIKE '%elm st%' OR listing_number LIKE '%K7Q4%'`);
      });
      const text = plan.map((row) => row["QUERY PLAN"]).join("\n");
      expect(text).toContain("tours_address_trgm_idx");
      expect(text).toContain("tours_listing_number_trgm_idx");
    });
  });

  describe("sorts", () => {
    const combos = LISTING_SORTS.flatMap((sort) => [undefined, ...SORT_ORDERS].map((order) => ({ sort, order })));

    it.each(combos)("$sort $order: pages of 3 give exactly the whole list, in order", async ({ sort, order }) => {
      const whole = await list({ sort, order, limit: 200 });
      expect(whole.total).toBe(ADDRESSES.length);
      expect(whole.items).toHaveLength(ADDRESSES.length);
      const paged: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await list({ sort, order, limit: 3, cursor });
        expect(page.total).toBe(ADDRESSES.length);
        paged.push(...page.items.map((l) => l.listing_number));
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      expect(paged).toEqual(whole.items.map((l) => l.listing_number));
      expect(new Set(paged).size).toBe(ADDRESSES.length);

      const effective = order ?? (sort === "address" ? "asc" : "desc");
      const keys = whole.items.map((l) => (sort === "created" ? l.created_at : sort === "updated" ? l.updated_at : l.address));
      if (sort !== "address") {
        const sorted = [...keys].sort();
        expect(keys).toEqual(effective === "asc" ? sorted : sorted.reverse());
      } else {
        // Equal addresses sit together whatever the database's collation.
        const firstElm = keys.indexOf("12 Elm St, Portland");
        expect(keys.slice(firstElm, firstElm + 3)).toEqual(["12 Elm St, Portland", "12 Elm St, Portland", "12 Elm St, Portland"]);
      }
    });

    it("updated desc puts the listings changed last first", async () => {
      const page = await list({ sort: "updated", limit: 2 });
      expect(page.items.map((l) => l.listing_number)).toEqual([numbers["4"], numbers["0"]]);
    });

    it("address asc and desc are each other's reverse", async () => {
      const asc = (await list({ sort: "address", order: "asc", limit: 200 })).items.map((l) => l.listing_number);
      const desc = (await list({ sort: "address", order: "desc", limit: 200 })).items.map((l) => l.listing_number);
      expect(desc).toEqual([...asc].reverse());
    });

    it("refuses a cursor from another sort or order with invalid_cursor", async () => {
      const byAddress = (await list({ sort: "address", limit: 2 })).next_cursor;
      const byUpdated = (await list({ sort: "updated", limit: 2 })).next_cursor;
      const newest = (await list({ limit: 2 })).next_cursor;
      expect(await errorCodeOf(list({ sort: "updated", cursor: byAddress }))).toBe("invalid_cursor");
      expect(await errorCodeOf(list({ sort: "address", order: "desc", cursor: byAddress }))).toBe("invalid_cursor");
      expect(await errorCodeOf(list({ sort: "created", cursor: byUpdated }))).toBe("invalid_cursor");
      expect(await errorCodeOf(list({ sort: "created", order: "asc", cursor: newest }))).toBe("invalid_cursor");
      expect(await errorCodeOf(list({ sort: "address", cursor: newest }))).toBe("invalid_cursor");
    });

    it("newest first still takes the plain id cursors integrators already hold", async () => {
      const whole = await list({ limit: 200 });
      const third = whole.items[2]!;
      const tour = await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber: third.listing_number }, select: { id: true } });
      const page = await list({ cursor: encodeCursor(tour.id), limit: 200 });
      expect(page.items.map((l) => l.listing_number)).toEqual(whole.items.slice(3).map((l) => l.listing_number));
    });
  });
});
