import { beforeAll, describe, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { AppError } from "../errors";
import { createListing } from "./create-listing";
import { changeListingStatus } from "./change-status";
import { cancelListing } from "./cancel-listing";
import { updateListingSection } from "./sections";
import { listListings } from "./list-listings";
import { listListingOrders } from "./orders";
import { loadListing, toListingDto } from "./load";
import { scheduleShoot } from "../shoots/schedule-shoot";
import * as numbers from "./listing-number";

const HOUR = 3_600_000;


describeEachDatabase("listings", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  const input = () => ({ address: "12 Elm St, Portland, OR", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
  });

  describe("create", () => {
    it("creates a Coming Soon listing with a 6-8 character number and its people", async () => {
      const tour = await createListing(agency.scope, { ...input(), agent_two_id: agency.agents[1]!.id, notes: "Gate code 1234" });
      const dto = toListingDto(tour, "https://valara.example");
      expect(dto.listing_number).toMatch(/^[A-Z0-9]{6,8}$/);
      expect(dto.status).toBe("Coming Soon");
      expect(dto.property_url).toBe(`https://valara.example/property/${dto.listing_number}`);
      expect(dto.assigned_users.agent_two?.id).toBe(agency.agents[1]!.id);
      expect(dto.notes).toBe("Gate code 1234");
      expect(dto.orders).toEqual([]);
    });

    it("with a package, creates the first order and a draft invoice in the same transaction", async () => {
      const tour = await createListing(agency.scope, { ...input(), package: "essentials" });
      const orders = await listListingOrders(agency.scope, tour.listingNumber, { limit: 10 });
      expect(orders.total).toBe(1);
      expect(orders.items[0]).toMatchObject({
        total_cents: 24_900,
        currency: "USD",
        line_items: [{ description: "Essentials Photo", package: "essentials", quantity: 1, unit_price_cents: 24_900, total_cents: 24_900 }],
        invoice: { status: "DRAFT", amount_cents: 24_900 },
      });
    });

    it("refuses people from another agency, unknown packages and viewers as agents, writing nothing", async () => {
      const before = await agency.scope.db.tour.count();
      const cases: [Record<string, unknown>, string][] = [
        [{ owner_user_id: other.owner.id }, "owner_user_id"],
        [{ agent_one_id: other.agents[0]!.id }, "agent_one_id"],
        [{ agent_two_id: other.agents[1]!.id }, "agent_two_id"],
        [{ agent_one_id: agency.viewer.id }, "agent_one_id"],
        [{ agent_two_id: agency.agents[0]!.id }, "agent_two_id"],
        [{ package: "platinum" }, "package"],
      ];
      for (const [override, field] of cases) {
        try {
          await createListing(agency.scope, { ...input(), ...override } as never);
          expect.unreachable(`${field} accepted`);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe("invalid_reference");
          expect((error as AppError).details?.[0]?.field).toBe(field);
        }
      }
      expect(await agency.scope.db.tour.count()).toBe(before);
      expect(await testDb().db.prisma.order.count({ where: { agencyId: agency.id } })).toBe(1);
    });

    it("draws a new number when the first one is taken", async () => {
      const taken = (await createListing(agency.scope, input())).listingNumber;
      const spy = vi.spyOn(numbers, "generateListingNumber").mockReturnValueOnce(taken);
      try {
        const tour = await createListing(agency.scope, input());
        expect(tour.listingNumber).not.toBe(taken);
        expect(spy).toHaveBeenCalledTimes(2);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe("status lifecycle", () => {
    it("follows the table and names the allowed next states otherwise", async () => {
      const n = (await createListing(agency.scope, input())).listingNumber;
      expect(await errorCodeOf(changeListingStatus(agency.scope, n, "Sold"))).toBe("lifecycle_violation");
      await expect(changeListingStatus(agency.scope, n, "Sold")).rejects.toThrow(/may move to: Active, Off Market/);
      expect((await changeListingStatus(agency.scope, n, "Active")).status).toBe("active");
      expect((await changeListingStatus(agency.scope, n, "Off Market")).status).toBe("off_market");
      expect((await changeListingStatus(agency.scope, n, "Active")).status).toBe("active");
      expect((await changeListingStatus(agency.scope, n, "Sold")).status).toBe("sold");
      expect(await errorCodeOf(changeListingStatus(agency.scope, n, "Active"))).toBe("lifecycle_violation");
      expect(await errorCodeOf(cancelListing(agency.scope, n))).toBe("lifecycle_violation");
    });

    it("serializes concurrent changes: two racing moves from Active, exactly one wins", async () => {
      const n = (await createListing(agency.scope, input())).listingNumber;
      await changeListingStatus(agency.scope, n, "Active");
      const results = await Promise.allSettled([changeListingStatus(agency.scope, n, "Sold"), changeListingStatus(agency.scope, n, "Off Market")]);
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      // Sold then Off Market is refused (Sold is final); Off Market then Sold is refused (not allowed).
      expect(fulfilled).toHaveLength(1);
      expect(((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason as AppError).code).toBe("lifecycle_violation");
    });

    it("is a 404 for another agency's listing", async () => {
      const n = (await createListing(other.scope, { address: "x", owner_user_id: other.owner.id, agent_one_id: other.agents[0]!.id })).listingNumber;
      expect(await errorCodeOf(changeListingStatus(agency.scope, n, "Active"))).toBe("listing_not_found");
      expect(await errorCodeOf(cancelListing(agency.scope, n))).toBe("listing_not_found");
      expect(await errorCodeOf(loadListing(agency.scope.db, n))).toBe("listing_not_found");
      expect(await errorCodeOf(listListingOrders(agency.scope, n, { limit: 5 }))).toBe("listing_not_found");
      expect(await errorCodeOf(updateListingSection(agency.scope, { listing_number: n, section: "floorplan", url: "https://x.example/p.pdf" }))).toBe(
        "listing_not_found",
      );
    });
  });

  describe("cancel", () => {
    it("is refused while a scheduled shoot starts within 24 hours, and changes nothing", async () => {
      const tour = await createListing(agency.scope, { ...input(), package: "essentials" });
      await scheduleShoot(agency.scope, { listing_number: tour.listingNumber, starts_at: new Date(Date.now() + 2 * HOUR).toISOString() });
      expect(await errorCodeOf(cancelListing(agency.scope, tour.listingNumber))).toBe("cancellation_window_active");
      const after = await loadListing(agency.scope.db, tour.listingNumber);
      expect(after.status).toBe("coming_soon");
      expect(after.shoots.map((s) => s.status)).toEqual(["scheduled"]);
      expect(after.orders[0]?.invoice?.status).toBe("DRAFT");
    });

    it("is refused for a shoot under way", async () => {
      const tour = await createListing(agency.scope, input());
      await scheduleShoot(agency.scope, { listing_number: tour.listingNumber, starts_at: new Date(Date.now() - HOUR).toISOString(), duration_minutes: 120 });
      expect(await errorCodeOf(cancelListing(agency.scope, tour.listingNumber))).toBe("cancellation_window_active");
    });

    it("cancels the listing, its later shoots and its unpaid invoices together", async () => {
      const tour = await createListing(agency.scope, { ...input(), package: "essentials" });
      await scheduleShoot(agency.scope, { listing_number: tour.listingNumber, starts_at: new Date(Date.now() + 72 * HOUR).toISOString() });
      const cancelled = await cancelListing(agency.scope, tour.listingNumber);
      expect(cancelled.status).toBe("cancelled");
      expect(cancelled.cancelledAt).not.toBeNull();
      expect(cancelled.shoots.map((s) => s.status)).toEqual(["cancelled"]);
      expect(cancelled.orders[0]?.invoice?.status).toBe("CANCELED");
      expect(await errorCodeOf(cancelListing(agency.scope, tour.listingNumber))).toBe("lifecycle_violation");
    });

    it("leaves a paid invoice alone", async () => {
      const tour = await createListing(agency.scope, { ...input(), package: "essentials" });
      await testDb().db.prisma.invoice.updateMany({ where: { order: { tourId: tour.id } }, data: { status: "PAID" } });
      const cancelled = await cancelListing(agency.scope, tour.listingNumber);
      expect(cancelled.orders[0]?.invoice?.status).toBe("PAID");
    });
  });

  describe("sections", () => {
    it("stores Matterport and floor plan, reflects them, and clears them with null", async () => {
      const n = (await createListing(agency.scope, input())).listingNumber;
      await updateListingSection(agency.scope, { listing_number: n, section: "matterport", url: "https://my.matterport.com/models/SxQL3iGyoDo" });
      const withPlan = await updateListingSection(agency.scope, { listing_number: n, section: "floorplan", url: "https://plans.example.com/p.pdf" });
      const dto = toListingDto(withPlan, "http://x");
      expect(dto.sections.matterport).toMatchObject({ model_id: "SxQL3iGyoDo", url: "https://my.matterport.com/show/?m=SxQL3iGyoDo" });
      expect(dto.sections.floorplan).toMatchObject({ url: "https://plans.example.com/p.pdf" });
      const cleared = await updateListingSection(agency.scope, { listing_number: n, section: "matterport", model_id: null });
      expect(toListingDto(cleared, "http://x").sections.matterport).toBeNull();
    });
  });

  describe("list", () => {
    it("filters by status and by agent one or two, newest first, and pages without gaps", async () => {
      const fresh = await makeAgency(testDb().db.prisma);
      const [a1, a2] = fresh.agents;
      const mk = (agentOne: string, agentTwo?: string) =>
        createListing(fresh.scope, { address: "x", owner_user_id: fresh.owner.id, agent_one_id: agentOne, agent_two_id: agentTwo });
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await mk(i % 2 ? a1!.id : a2!.id, i === 2 ? a1!.id : undefined));
      await changeListingStatus(fresh.scope, made[0]!.listingNumber, "Active");

      const active = await listListings(fresh.scope, { limit: 50, status: "active" }, "http://x");
      expect(active.items.map((l) => l.listing_number)).toEqual([made[0]!.listingNumber]);
      const byA1 = await listListings(fresh.scope, { limit: 50, agent_id: a1!.id }, "http://x");
      expect(byA1.total).toBe(4); // agent one on 1, 3, 5 and agent two on 2

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listListings(fresh.scope, { limit: 3, cursor }, "http://x");
        expect(page.total).toBe(7);
        seen.push(...page.items.map((l) => l.listing_number));
        cursor = page.next_cursor || undefined;
      } while (cursor);
      expect(seen).toEqual(made.map((t) => t.listingNumber).reverse());
    });
  });
});
