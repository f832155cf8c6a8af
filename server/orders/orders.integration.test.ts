// Orders with add-ons, sending invoices through (a fake) Square, and cancelling listings whose
// invoices live at Square — on PostgreSQL and PGlite.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { FakeSquare } from "../testing/fake-square";
import { AppError } from "../errors";
import { CreateListingInput } from "../api/routers/listings/schemas";
import { createListing } from "../listings/create-listing";
import { CANCEL_ROUNDS, cancelListing } from "../listings/cancel-listing";
import { listListingOrders } from "../listings/orders";
import { createPackage } from "../packages/packages";
import { createSquareSdkGateway } from "../square/sdk-gateway";
import type { SquareGateway } from "../square/gateway";
import { packageOrder } from "./package-order";
import { dueDate, sendInvoice, syncInvoice } from "./invoices";
import { appRouter } from "../api/root";

/** The gateway, with `meanwhile` run before each call of `methods` reaches Square. */
function interleave(gateway: SquareGateway, methods: readonly (keyof SquareGateway)[], meanwhile: () => Promise<void>): SquareGateway {
  return new Proxy(gateway, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (!methods.includes(property as keyof SquareGateway)) return value.bind(target);
      return async (...args: unknown[]) => {
        await meanwhile();
        return value.apply(target, args);
      };
    },
  });
}

describeEachDatabase("orders and Square invoices", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let fake: FakeSquare;
  let square: SquareGateway;

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    for (const [code, name, priceCents, currency] of [
      ["twilight", "Twilight exteriors", 14_900, "USD"],
      ["drone", "Drone aerials", 19_900, "USD"],
      ["drone-eu", "Drone (EU)", 17_900, "EUR"],
    ] as const) {
      await createPackage(agency.scope, { code, name, kind: "add_on", duration_minutes: 30, price_cents: priceCents, currency });
    }
    fake = await new FakeSquare().start();
    square = await createSquareSdkGateway({ accessToken: fake.accessToken, locationId: fake.locationId, baseUrl: fake.url, maxRetries: 0 });
  });
  afterAll(() => fake.close());
  afterEach(() => fake.clearFailures());

  const input = (extra: Partial<CreateListingInput> = {}): CreateListingInput => ({
    address: "3310 SE Belmont St, Portland, OR 97214",
    owner_user_id: agency.owner.id,
    agent_one_id: agency.agents[0]!.id,
    ...extra,
  });
  const ordersOf = async (listingNumber: string) => (await listListingOrders(agency.scope, listingNumber, { limit: 10 })).items;

  describe("add-ons", () => {
    it("bills the package, then each add-on in the order given, summing subtotal, total and invoice", async () => {
      const tour = await createListing(agency.scope, input({ package: "essentials", add_ons: ["drone", "twilight"] }));
      const [order] = await ordersOf(tour.listingNumber);
      expect(order).toMatchObject({
        currency: "USD",
        subtotal_cents: 24_900 + 19_900 + 14_900,
        total_cents: 24_900 + 19_900 + 14_900,
        line_items: [
          { description: "Essentials Photo", package: "essentials", kind: "package", quantity: 1, unit_price_cents: 24_900, total_cents: 24_900 },
          { description: "Drone aerials", package: "drone", kind: "add_on", quantity: 1, unit_price_cents: 19_900, total_cents: 19_900 },
          { description: "Twilight exteriors", package: "twilight", kind: "add_on", quantity: 1, unit_price_cents: 14_900, total_cents: 14_900 },
        ],
        invoice: { status: "DRAFT", amount_cents: 59_700, currency: "USD", square_invoice_id: null, public_url: null, square_synced_at: null },
      });
      expect(tour.orders[0]!.totalCents).toBe(59_700);
    });

    it("refuses unknown add-ons (naming add_ons and the known codes), packages as add-ons and mixed currencies, writing nothing", async () => {
      const before = await agency.scope.db.tour.count();
      for (const [addOns, text] of [
        [["drone", "fireworks"], /"fireworks".*known add-on codes: drone, drone-eu, twilight/],
        [["essentials"], /"essentials"/],
        [["drone-eu"], /EUR.*USD/],
      ] as const) {
        const error = await createListing(agency.scope, input({ package: "essentials", add_ons: [...addOns] })).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe("invalid_reference");
        expect((error as AppError).details).toEqual([{ field: "add_ons", message: expect.stringMatching(text) }]);
      }
      // Another agency's add-on is unknown here.
      expect(await errorCodeOf(createListing(other.scope, { ...input(), owner_user_id: other.owner.id, agent_one_id: other.agents[0]!.id, package: "essentials", add_ons: ["drone"] }))).toBe("invalid_reference");
      expect(await agency.scope.db.tour.count()).toBe(before);
    });

    it("POST /listings takes package and add-on codes in any case, as booking and availability do", async () => {
      const api = appRouter.createCaller({
        requestId: "req_test",
        transport: "rest",
        db: testDb().db,
        actor: { kind: "api_key", keyId: "key_test", name: "test key", agencyId: agency.id, scopes: ["listings:read", "listings:write"] },
        appUrl: "http://localhost",
      });
      const listing = await api.listings.create(input({ package: "ESSENTIALS", add_ons: ["Twilight", " DRONE "] }));
      expect(listing.package).toBe("essentials");
      const [order] = await ordersOf(listing.listing_number);
      expect(order!.line_items.map((item) => item.package)).toEqual(["essentials", "twilight", "drone"]);
      // The same add-on twice in two spellings is still twice.
      expect(CreateListingInput.safeParse(input({ package: "essentials", add_ons: ["drone", "Drone"] })).success).toBe(false);
    });

    it("the request schema refuses add-ons without a package and repeated add-ons, naming add_ons", () => {
      for (const body of [{ ...input(), add_ons: ["drone"] }, { ...input(), package: "essentials", add_ons: ["drone", "drone"] }]) {
        const parsed = CreateListingInput.safeParse(body);
        expect(parsed.success).toBe(false);
        expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["add_ons"]);
      }
      expect(CreateListingInput.safeParse({ ...input(), package: "essentials", add_ons: [] }).success).toBe(true);
    });

    it("the order builder refuses mixed currencies by itself", () => {
      const build = () =>
        packageOrder({
          agencyId: "agency_x",
          tourId: "tour_x",
          pkg: { id: "pkg_a", name: "A", priceCents: 100, currency: "USD" },
          addOns: [{ id: "pkg_b", code: "b", name: "B", priceCents: 100, currency: "CAD" }],
        });
      expect(build).toThrow(/CAD/);
    });
  });

  describe("sending invoices", () => {
    async function draftOrder(extra: Partial<CreateListingInput> = {}) {
      const tour = await createListing(agency.scope, input({ package: "essentials", add_ons: ["drone"], ...extra }));
      return { listingNumber: tour.listingNumber, orderId: tour.orders[0]!.id };
    }

    it("creates the customer, the Square order and invoice (idempotency keys from our ids), publishes it, and records it", async () => {
      const { orderId } = await draftOrder();
      const invoiceId = (await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId } })).id;
      const now = new Date("2026-12-01T20:00:00Z");
      const sent = await sendInvoice(agency.scope, orderId, square, now);
      expect(sent.invoice).toMatchObject({ status: "UNPAID", square_invoice_id: expect.stringMatching(/^inv:0-/), public_url: expect.stringMatching(/^https:\/\/squareup\.com\/pay-invoice\//) });
      expect(sent.invoice!.square_synced_at).not.toBeNull();

      const [orderCall] = fake.calls("POST", "/v2/orders").filter((c) => c.body.order.reference_id === orderId);
      expect(orderCall!.body.idempotency_key).toBe(orderId);
      expect(orderCall!.body.order.line_items).toEqual([
        { name: "Essentials Photo", quantity: "1", base_price_money: { amount: 24_900, currency: "USD" } },
        { name: "Drone aerials", quantity: "1", base_price_money: { amount: 19_900, currency: "USD" } },
      ]);
      const invoiceCall = fake.calls("POST", "/v2/invoices").find((c) => c.body.idempotency_key === `${invoiceId}:create`);
      expect(invoiceCall!.body.invoice.payment_requests[0].due_date).toBe(dueDate(now, "America/Los_Angeles"));
      expect(invoiceCall!.body.invoice.payment_requests[0].due_date).toBe("2026-12-08");
      const customer = fake.customers.get(invoiceCall!.body.invoice.primary_recipient.customer_id);
      expect(customer).toMatchObject({ reference_id: agency.agents[0]!.id, email_address: agency.agents[0]!.email });
      expect(fake.calls("POST", /\/publish$/).find((c) => c.body.idempotency_key === `${invoiceId}:publish`)).toBeDefined();

      const row = await agency.scope.db.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
      expect(row.squareVersion).toBe(1);
      expect(fake.invoices.get(row.squareInvoiceId!)!.status).toBe("UNPAID");

      // Sending again changes nothing and calls nothing.
      const calls = fake.requests.length;
      expect((await sendInvoice(agency.scope, orderId, square)).invoice!.status).toBe("UNPAID");
      expect(fake.requests.length).toBe(calls);
    });

    it("Square failing before the invoice exists writes nothing; a retry creates one order and one invoice", async () => {
      const { orderId } = await draftOrder();
      fake.fail("POST", /^\/v2\/invoices$/, 500);
      const error = await sendInvoice(agency.scope, orderId, square).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("payment_provider_error");
      expect((error as AppError).status).toBe(502);
      const row = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId } });
      expect(row).toMatchObject({ status: "DRAFT", squareInvoiceId: null, squareVersion: null, squareSyncedAt: null });

      const sent = await sendInvoice(agency.scope, orderId, square);
      expect(sent.invoice!.status).toBe("UNPAID");
      expect([...fake.orders.values()].filter((o) => o.reference_id === orderId)).toHaveLength(1);
      expect([...fake.invoices.values()].filter((i) => i.id === sent.invoice!.square_invoice_id)).toHaveLength(1);
    });

    it("Square failing at publish leaves the linked Square draft recorded; a retry publishes that same invoice", async () => {
      const { orderId } = await draftOrder();
      fake.fail("POST", /\/publish$/, 503);
      expect(await errorCodeOf(sendInvoice(agency.scope, orderId, square))).toBe("payment_provider_error");
      const linked = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId } });
      expect(linked.status).toBe("DRAFT");
      expect(linked.squareInvoiceId).toMatch(/^inv:0-/);
      expect(fake.invoices.get(linked.squareInvoiceId!)!.status).toBe("DRAFT");

      const creates = fake.calls("POST", "/v2/invoices").length;
      const sent = await sendInvoice(agency.scope, orderId, square);
      expect(sent.invoice).toMatchObject({ status: "UNPAID", square_invoice_id: linked.squareInvoiceId });
      expect(fake.calls("POST", "/v2/invoices").length).toBe(creates);
    });

    it("refuses without Square, for a non-draft local invoice, and for another agency's order", async () => {
      const { orderId, listingNumber } = await draftOrder();
      expect(await errorCodeOf(sendInvoice(agency.scope, orderId, null))).toBe("payment_provider_error");
      expect(await errorCodeOf(sendInvoice(other.scope, orderId, square))).toBe("not_found");
      expect(await errorCodeOf(syncInvoice(other.scope, orderId, square))).toBe("not_found");
      await cancelListing(agency.scope, listingNumber);
      expect(await errorCodeOf(sendInvoice(agency.scope, orderId, square))).toBe("lifecycle_violation");
    });

    it("a listing cancelled while the invoice is being created at Square: the Square draft is deleted, 422", async () => {
      const { listingNumber, orderId } = await draftOrder();
      const racing = interleave(square, ["createInvoice"], async () => {
        await cancelListing(agency.scope, listingNumber, new Date(), square);
      });
      const error = await sendInvoice(agency.scope, orderId, racing).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("lifecycle_violation");
      expect((error as AppError).message).toContain("is CANCELED");
      const row = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId } });
      expect(row).toMatchObject({ status: "CANCELED", squareInvoiceId: null });
      const squareOrder = [...fake.orders.values()].find((o) => o.reference_id === orderId);
      expect([...fake.invoices.values()].filter((i) => i.order_id === squareOrder.id)).toEqual([]);
    });

    it("a listing cancelled between creating and publishing the invoice: 422 (the invoice is cancelled), not 502 retry later", async () => {
      const { listingNumber, orderId } = await draftOrder();
      const racing = interleave(square, ["publishInvoice"], async () => {
        await cancelListing(agency.scope, listingNumber, new Date(), square);
      });
      const error = await sendInvoice(agency.scope, orderId, racing).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("lifecycle_violation");
      expect((error as AppError).message).toContain("is CANCELED");
      const row = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId } });
      expect(row.status).toBe("CANCELED");
      expect(fake.invoices.has(row.squareInvoiceId!)).toBe(false);
      expect((await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber } })).status).toBe("cancelled");
    });

    it("sync reads Square's state: paid in Square's dashboard, and a deleted draft is CANCELED", async () => {
      const { orderId } = await draftOrder();
      const sent = await sendInvoice(agency.scope, orderId, square);
      fake.setStatus(sent.invoice!.square_invoice_id!, "PAID");
      expect((await syncInvoice(agency.scope, orderId, square)).invoice!.status).toBe("PAID");

      const second = await draftOrder();
      fake.fail("POST", /\/publish$/, 503);
      await sendInvoice(agency.scope, second.orderId, square).catch(() => undefined);
      const draft = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId: second.orderId } });
      fake.invoices.delete(draft.squareInvoiceId!);
      expect((await syncInvoice(agency.scope, second.orderId, square)).invoice!.status).toBe("CANCELED");
    });
  });

  describe("cancelling a listing with Square configured", () => {
    /** A listing with a sent (UNPAID at Square) invoice and a second order whose invoice is a Square draft. */
    async function listingAtSquare() {
      const tour = await createListing(agency.scope, input({ package: "essentials" }));
      const first = tour.orders[0]!.id;
      await sendInvoice(agency.scope, first, square);
      const pkg = await agency.scope.db.package.findFirstOrThrow({ where: { code: "twilight" } });
      const { order, invoice } = packageOrder({ agencyId: agency.id, tourId: tour.id, pkg });
      await agency.scope.db.order.create({ data: order });
      await agency.scope.db.invoice.create({ data: invoice });
      fake.fail("POST", /\/publish$/, 503);
      await sendInvoice(agency.scope, order.id, square).catch(() => undefined);
      fake.clearFailures();
      const rows = await agency.scope.db.invoice.findMany({ where: { order: { tourId: tour.id } }, orderBy: { id: "asc" } });
      expect(rows.map((r) => r.status)).toEqual(["UNPAID", "DRAFT"]);
      return { listingNumber: tour.listingNumber, unpaid: rows[0]!, draft: rows[1]! };
    }

    it("cancels the published invoice at Square (with its version), deletes the draft, then cancels the listing", async () => {
      const { listingNumber, unpaid, draft } = await listingAtSquare();
      const cancelled = await cancelListing(agency.scope, listingNumber, new Date(), square);
      expect(cancelled.status).toBe("cancelled");
      expect(fake.invoices.get(unpaid.squareInvoiceId!)!.status).toBe("CANCELED");
      expect(fake.calls("POST", /\/cancel$/).find((c) => c.path.includes(encodeURIComponent(unpaid.squareInvoiceId!)))!.body).toEqual({ version: unpaid.squareVersion });
      expect(fake.invoices.has(draft.squareInvoiceId!)).toBe(false);
      const rows = await agency.scope.db.invoice.findMany({ where: { id: { in: [unpaid.id, draft.id] } }, orderBy: { id: "asc" } });
      expect(rows.map((r) => r.status)).toEqual(["CANCELED", "CANCELED"]);
      expect(rows[0]!.squareVersion).toBe(unpaid.squareVersion! + 1);
    });

    it("a Square failure changes nothing here (502, listing and invoices as they were); the retry converges", async () => {
      const { listingNumber, unpaid, draft } = await listingAtSquare();
      // The published invoice is cancelled at Square, then deleting the draft fails.
      fake.fail("DELETE", /^\/v2\/invoices\//, 500);
      const error = await cancelListing(agency.scope, listingNumber, new Date(), square).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("payment_provider_error");
      expect((error as AppError).message).toContain(`Listing ${listingNumber} was not cancelled`);
      const tour = await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber } });
      expect(tour.status).toBe("coming_soon");
      const rows = await agency.scope.db.invoice.findMany({ where: { id: { in: [unpaid.id, draft.id] } }, orderBy: { id: "asc" } });
      expect(rows.map((r) => [r.status, r.squareVersion])).toEqual([["UNPAID", unpaid.squareVersion], ["DRAFT", draft.squareVersion]]);
      expect(fake.invoices.get(unpaid.squareInvoiceId!)!.status).toBe("CANCELED");

      // The retry finds the first already cancelled at Square (Square refuses to cancel it again).
      const cancelled = await cancelListing(agency.scope, listingNumber, new Date(), square);
      expect(cancelled.status).toBe("cancelled");
      const after = await agency.scope.db.invoice.findMany({ where: { id: { in: [unpaid.id, draft.id] } }, orderBy: { id: "asc" } });
      expect(after.map((r) => r.status)).toEqual(["CANCELED", "CANCELED"]);
      expect(fake.invoices.has(draft.squareInvoiceId!)).toBe(false);
    });

    it("Square not answering at all: 502 and nothing changed", async () => {
      const { listingNumber, unpaid } = await listingAtSquare();
      const closed = await new FakeSquare().start();
      const url = closed.url;
      await closed.close();
      const unreachable = await createSquareSdkGateway({ accessToken: "t", locationId: fake.locationId, baseUrl: url, maxRetries: 0 });
      expect(await errorCodeOf(cancelListing(agency.scope, listingNumber, new Date(), unreachable))).toBe("payment_provider_error");
      expect((await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber } })).status).toBe("coming_soon");
      expect((await agency.scope.db.invoice.findUniqueOrThrow({ where: { id: unpaid.id } })).status).toBe("UNPAID");
    });

    it("an invoice paid at Square meanwhile is recorded as PAID and left alone; the listing is cancelled", async () => {
      const { listingNumber, unpaid } = await listingAtSquare();
      fake.setStatus(unpaid.squareInvoiceId!, "PAID");
      await cancelListing(agency.scope, listingNumber, new Date(), square);
      expect((await agency.scope.db.invoice.findUniqueOrThrow({ where: { id: unpaid.id } })).status).toBe("PAID");
      expect(fake.invoices.get(unpaid.squareInvoiceId!)!.status).toBe("PAID");
    });

    it("a newer version at Square (edited in Square's dashboard) is cancelled with that version", async () => {
      const { listingNumber, unpaid } = await listingAtSquare();
      fake.setStatus(unpaid.squareInvoiceId!, "UNPAID");
      await cancelListing(agency.scope, listingNumber, new Date(), square);
      expect(fake.invoices.get(unpaid.squareInvoiceId!)!.status).toBe("CANCELED");
      expect((await agency.scope.db.invoice.findUniqueOrThrow({ where: { id: unpaid.id } })).status).toBe("CANCELED");
    });

    /** A further order on the listing whose invoice is a local draft (Square has not seen it). */
    async function addLocalDraft(listingNumber: string): Promise<string> {
      const tour = await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber } });
      const pkg = await agency.scope.db.package.findFirstOrThrow({ where: { code: "twilight" } });
      const { order, invoice } = packageOrder({ agencyId: agency.id, tourId: tour.id, pkg });
      await agency.scope.db.order.create({ data: order });
      await agency.scope.db.invoice.create({ data: invoice });
      return order.id;
    }

    /** Another request at work between cancelListing's steps: before each cancel or delete reaches Square. */
    const interleaved = (meanwhile: () => Promise<void>) => interleave(square, ["cancelInvoice", "deleteInvoice"], meanwhile);

    it("an invoice sent to Square while the listing is being cancelled is cancelled there too, without a 409", async () => {
      const { listingNumber, unpaid, draft } = await listingAtSquare();
      const lateOrderId = await addLocalDraft(listingNumber);
      let sent = false;
      const racing = interleaved(async () => {
        if (sent) return;
        sent = true;
        await sendInvoice(agency.scope, lateOrderId, square);
      });

      const cancelled = await cancelListing(agency.scope, listingNumber, new Date(), racing);
      expect(cancelled.status).toBe("cancelled");
      const late = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId: lateOrderId } });
      expect(late.squareInvoiceId).toMatch(/^inv:0-/);
      expect(fake.invoices.get(late.squareInvoiceId!)!.status).toBe("CANCELED");
      const rows = await agency.scope.db.invoice.findMany({ where: { id: { in: [unpaid.id, draft.id, late.id] } } });
      expect(rows.map((r) => r.status)).toEqual(["CANCELED", "CANCELED", "CANCELED"]);
      const event = await agency.scope.db.webhookEvent.findFirstOrThrow({ where: { type: "listing.cancelled", data: { path: ["listing_number"], equals: listingNumber } } });
      expect([...(event.data as { cancelled_invoice_ids: string[] }).cancelled_invoice_ids].sort()).toEqual([unpaid.id, draft.id, late.id].sort());
    });

    it(`gives up with 409 conflict (writing nothing) only after ${CANCEL_ROUNDS} rounds each found invoices sent meanwhile; a retry converges`, async () => {
      const { listingNumber } = await listingAtSquare();
      // Every cancel or delete at Square is overtaken by one more invoice being sent.
      const late: string[] = [];
      const racing = interleaved(async () => {
        const orderId = await addLocalDraft(listingNumber);
        late.push(orderId);
        await sendInvoice(agency.scope, orderId, square);
      });
      const error = await cancelListing(agency.scope, listingNumber, new Date(), racing).catch((e: unknown) => e);
      expect((error as AppError).code).toBe("conflict");
      // Each round cancelled the two invoices the round before it missed: no more rounds, no fewer.
      expect(late).toHaveLength(2 * CANCEL_ROUNDS);
      expect((await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber } })).status).toBe("coming_soon");
      const last = await agency.scope.db.invoice.findFirstOrThrow({ where: { orderId: late.at(-1)! } });
      expect(last.status).toBe("UNPAID");
      expect(fake.invoices.get(last.squareInvoiceId!)!.status).toBe("UNPAID");

      expect((await cancelListing(agency.scope, listingNumber, new Date(), square)).status).toBe("cancelled");
      const rows = await agency.scope.db.invoice.findMany({ where: { orderId: { in: late } } });
      expect(rows.map((r) => r.status)).toEqual(late.map(() => "CANCELED"));
      expect(fake.invoices.get(last.squareInvoiceId!)!.status).toBe("CANCELED");
    });

    it("still refuses inside the 24-hour window before calling Square", async () => {
      const { listingNumber, unpaid } = await listingAtSquare();
      const tour = await agency.scope.db.tour.findUniqueOrThrow({ where: { listingNumber } });
      const startsAt = new Date(Date.now() + 3 * 3_600_000);
      await agency.scope.db.shoot.create({ data: { id: `shoot_${tour.id.slice(5)}`, agencyId: agency.id, tourId: tour.id, startsAt, endsAt: new Date(startsAt.getTime() + 5_400_000) } });
      const calls = fake.requests.length;
      expect(await errorCodeOf(cancelListing(agency.scope, listingNumber, new Date(), square))).toBe("cancellation_window_active");
      expect(fake.requests.length).toBe(calls);
      expect(fake.invoices.get(unpaid.squareInvoiceId!)!.status).toBe("UNPAID");
    });
  });
});
