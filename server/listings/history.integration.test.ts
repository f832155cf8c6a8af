// A listing's history on both databases: every event carries who caused it (a dashboard user, a
// platform admin on the agency's behalf, an API key, the operator CLI, Square), it is read per
// listing, newest first, and it and the Orders screen's read are scoped to the agency.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { TEST_OPERATOR, makeAgency, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import type { Actor } from "../api/trpc";
import { agencyScope } from "../db/tenant";
import { newId } from "../ids";
import { applySquareEvent } from "../square/webhook-events";
import { buildEnvelope } from "../webhooks/signing";
import { updateListingSection } from "./sections";

describeEachDatabase("listing history", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let adminId: string;
  let keyId: string;

  const caller = (actor: Actor) => appRouter.createCaller({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://localhost" });
  const owner = (): Actor => ({ kind: "user", userId: agency.owner.id, name: "Olive Owner", email: agency.owner.email, role: "owner", agencyId: agency.id, actingForAgencyId: null });
  const admin = (): Actor => ({ kind: "user", userId: adminId, name: "Sam Support", email: "sam@valara.test", role: "super_admin", agencyId: null, actingForAgencyId: agency.id });
  const apiKey = (): Actor => ({ kind: "api_key", keyId, name: "CRM sync", agencyId: agency.id, scopes: ["listings:read", "listings:write"] });

  beforeAll(async () => {
    const { prisma } = testDb().db;
    agency = await makeAgency(prisma);
    other = await makeAgency(prisma);
    adminId = (await prisma.user.create({ data: { id: newId("user"), email: `sam-${randomUUID()}@valara.test`, name: "Sam Support", role: "super_admin" } })).id;
    keyId = newId("apiKey");
  });

  async function newListing(actor: Actor) {
    return caller(actor).listings.create({ address: "4 History Lane", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" });
  }

  it("records each change with the actor that made it, newest first, and none of that in the envelope", async () => {
    const listing = await newListing(apiKey());
    const n = listing.listing_number;
    await caller(owner()).listings.updateStatus({ listing_number: n, status: "Active" });
    await caller(admin()).listings.updateSection({ listing_number: n, section: "matterport", model_id: "SxQL3iGyoDo" });
    await updateListingSection(agencyScope(testDb().db.prisma, agency.id, TEST_OPERATOR), { listing_number: n, section: "floorplan", url: "https://plans.example/4.pdf" });

    const history = await caller(owner()).listings.history({ listing_number: n, limit: 50 });
    expect(history.items.map((e) => [e.type, e.actor?.kind, e.actor?.display])).toEqual([
      ["listing.section_updated", "cli", "test"],
      ["listing.section_updated", "platform_admin", "Sam Support"],
      ["listing.status_changed", "user", "Olive Owner"],
      // Created in one transaction: the listing and its first order.
      ...history.items.slice(3).map((e) => [e.type, "api_key", "CRM sync"]),
    ]);
    expect(history.items.slice(3).map((e) => e.type).sort()).toEqual(["listing.created", "order.created"]);
    expect(history.total).toBe(5);
    expect(history.items[2]!.actor).toEqual({ kind: "user", id: agency.owner.id, display: "Olive Owner" });
    expect(history.items[1]!.actor?.id).toBe(adminId);
    expect(history.items[4]!.actor?.id ?? history.items[3]!.actor?.id).toBe(keyId);
    expect(history.items[2]!.data).toMatchObject({ previous_status: "Coming Soon", status: "Active" });

    // What an endpoint receives is built from the event's type, version and data only.
    const row = await testDb().db.prisma.webhookEvent.findUniqueOrThrow({ where: { id: history.items[2]!.event_id } });
    expect(row.listingNumber).toBe(n);
    expect(Object.keys(buildEnvelope(row, new Date())).sort()).toEqual(["api_version", "data", "event_id", "event_type", "nonce", "timestamp"]);
    expect(JSON.stringify(buildEnvelope(row, new Date()))).not.toContain("Olive Owner");
  });

  it("records Square as the actor of an invoice change its webhook reports", async () => {
    const listing = await newListing(owner());
    const orderId = (await caller(owner()).listings.orders({ listing_number: listing.listing_number, limit: 5 })).items[0]!.order_id;
    const squareId = `inv:0-${randomUUID()}`;
    await testDb().db.prisma.invoice.update({ where: { orderId }, data: { squareInvoiceId: squareId, squareVersion: 1, status: "UNPAID" } });
    const outcome = await applySquareEvent(testDb().db.prisma, {
      merchant_id: "M",
      type: "invoice.payment_made",
      event_id: randomUUID(),
      created_at: new Date().toISOString(),
      data: { type: "invoice", id: squareId, object: { invoice: { id: squareId, status: "PAID", version: 2 } } },
    });
    expect(outcome.outcome).toBe("applied");
    const history = await caller(owner()).listings.history({ listing_number: listing.listing_number, limit: 50 });
    const paid = history.items.filter((e) => e.type === "invoice.paid" || e.type === "invoice.status_changed");
    expect(paid.map((e) => e.actor)).toEqual([
      { kind: "system", id: "square_webhook", display: "Square" },
      { kind: "system", id: "square_webhook", display: "Square" },
    ]);
  });

  it("shows events recorded before actors were kept with no actor, and leaves test events out", async () => {
    const listing = await newListing(owner());
    const n = listing.listing_number;
    await testDb().db.prisma.webhookEvent.updateMany({ where: { listingNumber: n, type: "order.created" }, data: { actorKind: null, actorId: null, actorDisplay: null } });
    await testDb().db.prisma.webhookEvent.create({
      data: { id: newId("webhookEvent"), agencyId: agency.id, type: "listing.created", apiVersion: "2026-05-29", data: { listing_number: n }, test: true, listingNumber: n },
    });
    const history = await caller(owner()).listings.history({ listing_number: n, limit: 50 });
    expect(history.total).toBe(2);
    expect(history.items.find((e) => e.type === "order.created")!.actor).toBeNull();
  });

  it("pages newest first with an exact total", async () => {
    const listing = await newListing(owner());
    const n = listing.listing_number;
    for (const status of ["Active", "Off Market", "Active"] as const) await caller(owner()).listings.updateStatus({ listing_number: n, status });
    const first = await caller(owner()).listings.history({ listing_number: n, limit: 2 });
    const second = await caller(owner()).listings.history({ listing_number: n, limit: 2, cursor: first.next_cursor });
    const third = await caller(owner()).listings.history({ listing_number: n, limit: 2, cursor: second.next_cursor });
    const all = await caller(owner()).listings.history({ listing_number: n, limit: 50 });
    expect([...first.items, ...second.items, ...third.items].map((e) => e.event_id)).toEqual(all.items.map((e) => e.event_id));
    expect(all.total).toBe(5);
    expect(third.next_cursor).toBe("");
  });

  describe("tenancy", () => {
    const otherOwner = (): Actor => ({ kind: "user", userId: other.owner.id, name: "Other", email: other.owner.email, role: "owner", agencyId: other.id, actingForAgencyId: null });

    it("another agency's listing has no history for you: 404 listing_not_found", async () => {
      const listing = await newListing(owner());
      expect(await errorCodeOf(caller(otherOwner()).listings.history({ listing_number: listing.listing_number, limit: 5 }))).toBe("listing_not_found");
    });

    it("the Orders screen lists this agency's orders only, filters by invoice state, and another agency's listing orders are a 404", async () => {
      const listing = await newListing(owner());
      const mine = await caller(owner()).orders.list({ limit: 200 });
      const theirs = await caller(otherOwner()).orders.list({ limit: 200 });
      const orderId = mine.items.find((o) => o.listing.listing_number === listing.listing_number)!.order_id;
      expect(mine.items[0]!.listing).toMatchObject({ address: "4 History Lane" });
      expect(theirs.items.map((o) => o.order_id)).not.toContain(orderId);
      expect(mine.total).toBe(mine.items.length);
      const drafts = await caller(owner()).orders.list({ limit: 200, invoice_status: "DRAFT" });
      expect(drafts.items.every((o) => o.invoice?.status === "DRAFT")).toBe(true);
      expect(drafts.items.map((o) => o.order_id)).toContain(orderId);
      const paid = await caller(owner()).orders.list({ limit: 200, invoice_status: "PAID" });
      expect(paid.items.map((o) => o.order_id)).not.toContain(orderId);
      expect(await errorCodeOf(caller(otherOwner()).listings.orders({ listing_number: listing.listing_number, limit: 5 }))).toBe("listing_not_found");
    });

    it("packages are the agency's own", async () => {
      const mine = await caller(owner()).packages.list();
      expect(mine.map((p) => p.code)).toEqual(["essentials"]);
      const none = await makeAgency(testDb().db.prisma, { packages: false });
      const theirs = await caller({ kind: "user", userId: none.owner.id, name: "N", email: none.owner.email, role: "owner", agencyId: none.id, actingForAgencyId: null }).packages.list();
      expect(theirs).toEqual([]);
    });
  });
});
