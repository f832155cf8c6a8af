// The Square webhook receiver over real HTTP, on both databases: signature checks, each invoice
// state change, redeliveries (same event_id), stale events, unknown invoices.
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { FakeSquare } from "../testing/fake-square";
import { createListing } from "../listings/create-listing";
import { listListingOrders } from "../listings/orders";
import { sendInvoice } from "../orders/invoices";
import { createSquareSdkGateway } from "./sdk-gateway";
import type { SquareGateway } from "./gateway";
import { SQUARE_WEBHOOK_PATH, createSquareWebhookHandler } from "./webhook-handler";

const KEY = "test-square-signature-key";
const sign = (url: string, body: string, key = KEY) => createHmac("sha256", key).update(url + body).digest("base64");

describeEachDatabase("Square webhook receiver", (testDb) => {
  let agency: TestAgency;
  let fake: FakeSquare;
  let square: SquareGateway;
  let server: http.Server;
  let unconfigured: http.Server;
  let notificationUrl: string;
  const logs: Record<string, unknown>[] = [];

  function listen(handler: http.RequestListener): Promise<http.Server> {
    const s = http.createServer(handler);
    return new Promise((resolve) => s.listen(0, "127.0.0.1", () => resolve(s)));
  }
  const base = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    fake = await new FakeSquare().start();
    square = await createSquareSdkGateway({ accessToken: fake.accessToken, locationId: fake.locationId, baseUrl: fake.url, maxRetries: 0 });
    const logger = pino({ level: "info" }, new Writable({ write: (chunk, _enc, done) => (logs.push(JSON.parse(String(chunk))), done()) }));
    const prisma = async () => testDb().db.prisma;
    // The URL as registered with Square: deliberately not the address we listen on (a proxy in front).
    notificationUrl = "https://valara.example/api/integrations/square/webhook";
    server = await listen(createSquareWebhookHandler({ prisma, signatureKey: KEY, notificationUrl, logger, maxBytes: 4096 }));
    unconfigured = await listen(createSquareWebhookHandler({ prisma, signatureKey: undefined, notificationUrl, logger }));
  });
  afterAll(async () => {
    await fake.close();
    server.closeAllConnections();
    unconfigured.closeAllConnections();
    await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => unconfigured.close(r))]);
  });

  /** A listing whose invoice was sent through (fake) Square: returns its listing number and Square id. */
  async function sentInvoice(): Promise<{ listingNumber: string; orderId: string; squareId: string }> {
    const tour = await createListing(agency.scope, { address: "1 Webhook Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" });
    const order = await sendInvoice(agency.scope, tour.orders[0]!.id, square);
    return { listingNumber: tour.listingNumber, orderId: order.order_id, squareId: order.invoice!.square_invoice_id! };
  }

  async function invoiceOf(listingNumber: string) {
    return (await listListingOrders(agency.scope, listingNumber, { limit: 5 })).items[0]!.invoice!;
  }

  function event(type: string, squareId: string, invoice: { status?: string; version?: number; public_url?: string } | null, createdAt = new Date()) {
    return {
      merchant_id: "MLFAKE0MERCHANT",
      type,
      event_id: randomUUID(),
      created_at: createdAt.toISOString(),
      data: invoice ? { type: "invoice", id: squareId, object: { invoice: { id: squareId, location_id: fake.locationId, ...invoice } } } : { type: "invoice", id: squareId, deleted: true },
    };
  }

  async function deliver(payload: unknown, options: { signature?: string | null; target?: http.Server; method?: string; raw?: string } = {}) {
    const body = options.raw ?? JSON.stringify(payload);
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    const signature = options.signature === undefined ? sign(notificationUrl, body) : options.signature;
    if (signature !== null) headers["x-square-hmacsha256-signature"] = signature;
    const res = await fetch(`${base(options.target ?? server)}${SQUARE_WEBHOOK_PATH}`, { method: options.method ?? "POST", headers, body: options.method === "GET" ? undefined : body });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  }

  describe("signatures", () => {
    it("refuses a missing signature (401), a bad one (403), and everything when no key is configured (403)", async () => {
      const { squareId, listingNumber } = await sentInvoice();
      const paid = event("invoice.payment_made", squareId, { status: "PAID", version: 5 });
      const cases = [
        { res: await deliver(paid, { signature: null }), status: 401, code: "authentication_required" },
        { res: await deliver(paid, { signature: sign(notificationUrl, JSON.stringify(paid), "wrong-key") }), status: 403, code: "forbidden" },
        { res: await deliver(paid, { signature: sign(`${notificationUrl}/`, JSON.stringify(paid)) }), status: 403, code: "forbidden" },
        { res: await deliver(paid, { signature: sign(notificationUrl, JSON.stringify({ ...paid, type: "invoice.updated" })) }), status: 403, code: "forbidden" },
        { res: await deliver(paid, { target: unconfigured }), status: 403, code: "forbidden" },
      ];
      for (const { res, status, code } of cases) {
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
        expect(res.body.error.request_id).toMatch(/^req_/);
        expect(res.headers.get("x-request-id")).toBe(res.body.error.request_id);
      }
      expect((await invoiceOf(listingNumber)).status).toBe("UNPAID");
      expect(await testDb().db.prisma.squareWebhookEvent.count({ where: { eventId: paid.event_id } })).toBe(0);
    });

    it("answers 405 to other methods, 413 past the size limit, 400 to signed non-JSON or a signed non-event", async () => {
      expect((await deliver(null, { method: "GET", signature: null })).status).toBe(405);
      const big = JSON.stringify({ event_id: "x", pad: "a".repeat(5000) });
      const tooBig = await deliver(null, { raw: big });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe("payload_too_large");
      const notJson = await deliver(null, { raw: "{not json" });
      expect([notJson.status, notJson.body.error.code]).toEqual([400, "invalid_json"]);
      const notEvent = await deliver({ hello: "world" });
      expect([notEvent.status, notEvent.body.error.code]).toEqual([400, "validation_failed"]);
    });
  });

  describe("invoice states", () => {
    it("follows an invoice through published, partial payment, payment and refunds", async () => {
      const { squareId, listingNumber } = await sentInvoice();
      const steps: [string, string, number][] = [
        ["invoice.payment_made", "PARTIALLY_PAID", 2],
        ["invoice.payment_made", "PAID", 3],
        ["invoice.refunded", "PARTIALLY_REFUNDED", 4],
        ["invoice.refunded", "REFUNDED", 5],
      ];
      for (const [type, status, version] of steps) {
        const res = await deliver(event(type, squareId, { status, version, public_url: "https://squareup.com/pay-invoice/x" }));
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ received: true, outcome: "applied", status });
        const invoice = await invoiceOf(listingNumber);
        expect(invoice.status).toBe(status);
        expect(invoice.square_synced_at).not.toBeNull();
      }
      const row = await testDb().db.prisma.invoice.findUniqueOrThrow({ where: { squareInvoiceId: squareId } });
      expect(row.squareVersion).toBe(5);
    });

    it.each([
      ["invoice.canceled", "CANCELED"],
      ["invoice.scheduled_charge_failed", "FAILED"],
      ["invoice.updated", "SCHEDULED"],
      ["invoice.updated", "PAYMENT_PENDING"],
      ["invoice.published", "UNPAID"],
    ])("%s with status %s sets it", async (type, status) => {
      const { squareId, listingNumber } = await sentInvoice();
      expect((await deliver(event(type, squareId, { status, version: 7 }))).body.outcome).toBe("applied");
      expect((await invoiceOf(listingNumber)).status).toBe(status);
    });

    it("invoice.created for a draft, then invoice.deleted (no invoice object, no version): CANCELED", async () => {
      const { squareId, listingNumber } = await sentInvoice();
      // Say Square's draft was re-created and then deleted in Square's dashboard.
      await deliver(event("invoice.created", squareId, { status: "DRAFT", version: 9 }));
      expect((await invoiceOf(listingNumber)).status).toBe("DRAFT");
      const deleted = await deliver(event("invoice.deleted", squareId, null));
      expect(deleted.body.outcome).toBe("applied");
      expect((await invoiceOf(listingNumber)).status).toBe("CANCELED");
    });

    it("a redelivered event_id is a 200 that changes nothing", async () => {
      const { squareId, listingNumber } = await sentInvoice();
      const paid = event("invoice.payment_made", squareId, { status: "PAID", version: 3 });
      expect((await deliver(paid)).body.outcome).toBe("applied");
      // A refund arrives, then Square redelivers the payment event.
      await deliver(event("invoice.refunded", squareId, { status: "REFUNDED", version: 4 }));
      const again = await deliver(paid);
      expect(again.status).toBe(200);
      expect(again.body.outcome).toBe("duplicate");
      expect((await invoiceOf(listingNumber)).status).toBe("REFUNDED");
      expect(await testDb().db.prisma.squareWebhookEvent.count({ where: { eventId: paid.event_id } })).toBe(1);
    });

    it("a stale event (older version, or same version seen earlier) does not overwrite newer state", async () => {
      const { squareId, listingNumber } = await sentInvoice();
      const now = Date.now();
      expect((await deliver(event("invoice.payment_made", squareId, { status: "PAID", version: 3 }, new Date(now)))).body.outcome).toBe("applied");
      const older = await deliver(event("invoice.published", squareId, { status: "UNPAID", version: 1 }, new Date(now + 60_000)));
      expect([older.status, older.body.outcome]).toEqual([200, "stale"]);
      const sameVersionEarlier = await deliver(event("invoice.updated", squareId, { status: "UNPAID", version: 3 }, new Date(now - 60_000)));
      expect(sameVersionEarlier.body.outcome).toBe("stale");
      const deletedEarlier = await deliver(event("invoice.deleted", squareId, null, new Date(now - 60_000)));
      expect(deletedEarlier.body.outcome).toBe("stale");
      expect((await invoiceOf(listingNumber)).status).toBe("PAID");
    });

    it("an event for an invoice we do not know is a 200 and a log line", async () => {
      const unknown = event("invoice.payment_made", "inv:0-NotOneOfOurs", { status: "PAID", version: 2 });
      const res = await deliver(unknown);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: "unknown_invoice", squareInvoiceId: "inv:0-NotOneOfOurs" });
      expect(logs.some((line) => line.eventId === unknown.event_id && line.squareInvoiceId === "inv:0-NotOneOfOurs" && line.level === 40)).toBe(true);
      expect(await testDb().db.prisma.invoice.count({ where: { squareInvoiceId: "inv:0-NotOneOfOurs" } })).toBe(0);
    });

    it("other event types are recorded and ignored", async () => {
      const payment = { merchant_id: "M", type: "payment.created", event_id: randomUUID(), created_at: new Date().toISOString(), data: { type: "payment", id: "P1", object: { payment: { id: "P1" } } } };
      const res = await deliver(payment);
      expect(res.body).toMatchObject({ outcome: "ignored" });
      expect((await deliver(payment)).body.outcome).toBe("duplicate");
    });
  });
});
