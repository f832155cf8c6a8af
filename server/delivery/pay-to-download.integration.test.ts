// Pay to download, end to end on both databases: the lock state per listing (agency setting ×
// override × real invoice rows), the gallery over real HTTP while locked (files and ZIP refused
// with 402, the preview watermarked) and after Square's webhook reports the invoice paid (every
// download open, nobody acting), media.downloads_unlocked written exactly once with that change,
// and the dashboard procedures' tenancy (another agency's listing is a 404).
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import pino from "pino";
import sharp from "sharp";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { errorCodeOf } from "../testing/errors";
import { createListing } from "../listings/create-listing";
import { markMediaDelivered } from "../listings/media-delivery";
import { LocalStorage } from "../storage/local";
import { renderVariants, variantKey } from "../media/variants";
import { newId } from "../ids";
import { appRouter } from "../api/root";
import type { Actor } from "../api/trpc";
import { createSquareWebhookHandler } from "../square/webhook-handler";
import { recordInvoiceState } from "../orders/invoice-events";
import { SQUARE_WEBHOOK_ACTOR } from "../webhooks/actor";
import type { InvoiceStatus } from "../db/generated/client.ts";
import { downloadLockOf } from "./download-lock";
import { loadGallery, revokeDelivery } from "./deliveries";
import { galleryView } from "./downloads";
import { galleryFilePath, galleryZipPath, isGalleryDownloadPath, serveGalleryDownload } from "./gallery-routes";

const KEY = "pay-to-download-signature-key";
const NOTIFICATION_URL = "https://valara.example/api/integrations/square/webhook";

describeEachDatabase("pay to download", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let storage: LocalStorage;
  let dir: string;
  let gallery: http.Server;
  let square: http.Server;
  const prisma = () => testDb().db.prisma;
  const stored = new Map<string, Buffer>();
  const base = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  async function store(key: string, data: Buffer) {
    const staged = await storage.stage(Readable.from([data]));
    await staged.commit(key);
    stored.set(key, data);
  }

  async function addPhoto(a: TestAgency, tourId: string, position: number, color: string) {
    const original = await sharp({ create: { width: 1800, height: 1200, channels: 3, background: color } }).jpeg().toBuffer();
    const id = newId("media");
    const key = `${a.id}/${tourId}/${id}.jpg`;
    await store(key, original);
    const variants = [];
    for (const { data, ...facts } of await renderVariants(original, "photo.jpg")) {
      const storageKey = variantKey(key, facts.size);
      await store(storageKey, data);
      variants.push({ size: facts.size, width: facts.width, height: facts.height, bytes: facts.bytes, content_type: facts.contentType, storage_key: storageKey });
    }
    await prisma().media.create({
      data: { id, agencyId: a.id, tourId, kind: "photo", filename: "IMG.jpg", contentType: "image/jpeg", sizeBytes: original.length, sha256: id.padEnd(64, "0"), storageKey: key, uploadedVia: "api_key", variants, position },
    });
    return { id, key, variants };
  }

  /** A listing with a package (so an order with a DRAFT invoice), one photo, delivered. */
  async function deliveredListing(a = agency) {
    const tour = await createListing(a.scope, { address: "4 Paywall Lane", owner_user_id: a.owner.id, agent_one_id: a.agents[0]!.id, package: "essentials" });
    const photo = await addPhoto(a, tour.id, 0, "#336699");
    const { delivery } = await markMediaDelivered(a.scope, tour.listingNumber, "https://valara.example");
    const invoice = await prisma().invoice.findUniqueOrThrow({ where: { orderId: tour.orders[0]!.id } });
    return { tour, photo, token: delivery.token, deliveryId: delivery.id, invoiceId: invoice.id };
  }

  /** The invoice as sending it through Square leaves it: UNPAID, with a Square id and payment page. */
  async function sent(invoiceId: string) {
    const squareId = `inv:0-${randomUUID()}`;
    await prisma().invoice.update({ where: { id: invoiceId }, data: { status: "UNPAID", squareInvoiceId: squareId, squareVersion: 1, publicUrl: `https://squareup.com/pay-invoice/${squareId}` } });
    return squareId;
  }

  async function squareSays(squareId: string, status: string, version: number, eventId: string = randomUUID()) {
    const body = JSON.stringify({
      merchant_id: "MLFAKE",
      type: status === "PAID" ? "invoice.payment_made" : "invoice.updated",
      event_id: eventId,
      created_at: new Date().toISOString(),
      data: { type: "invoice", id: squareId, object: { invoice: { id: squareId, status, version } } },
    });
    const res = await fetch(`${base(square)}/api/integrations/square/webhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "x-square-hmacsha256-signature": createHmac("sha256", KEY).update(NOTIFICATION_URL + body).digest("base64") },
      body,
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<{ outcome: string }>;
  }

  const unlockEvents = (listingNumber: string) =>
    prisma().webhookEvent.findMany({ where: { agencyId: agency.id, type: "media.downloads_unlocked", listingNumber }, orderBy: { id: "asc" } });

  async function get(url: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${base(gallery)}${url}`, { headers });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  const requirePayment = (a: TestAgency, on: boolean) => prisma().agency.update({ where: { id: a.id }, data: { downloadsRequirePayment: on } });

  beforeAll(async () => {
    agency = await makeAgency(prisma());
    other = await makeAgency(prisma());
    await requirePayment(agency, true);
    dir = await mkdtemp(path.join(os.tmpdir(), "valara-paygate-"));
    storage = new LocalStorage(dir);
    gallery = http.createServer((req, res) => {
      const p = (req.url ?? "/").split("?", 1)[0]!;
      if (!isGalleryDownloadPath(p)) return void res.writeHead(418).end();
      void serveGalleryDownload(prisma(), storage, pino({ level: "silent" }), req, res, p);
    });
    square = http.createServer(createSquareWebhookHandler({ prisma: async () => prisma(), signatureKey: KEY, notificationUrl: NOTIFICATION_URL, logger: pino({ level: "silent" }) }));
    await Promise.all([gallery, square].map((s) => new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))));
  });
  afterAll(async () => {
    for (const s of [gallery, square]) s.closeAllConnections();
    await Promise.all([gallery, square].map((s) => new Promise((resolve) => s.close(resolve))));
    await rm(dir, { recursive: true, force: true });
  });

  it("decides the lock from the agency's setting, the listing's override and its invoices", async () => {
    const { tour, invoiceId } = await deliveredListing();
    const lockOf = async () => (await downloadLockOf(prisma(), tour.id))!;
    const setInvoice = (status: InvoiceStatus) => prisma().invoice.update({ where: { id: invoiceId }, data: { status } });
    const setGate = (downloadGate: "inherit" | "until_paid" | "never") => prisma().tour.update({ where: { id: tour.id }, data: { downloadGate } });

    expect(await lockOf()).toEqual({ requiresPayment: true, locked: true, payUrl: null }); // a draft: due, nowhere to pay yet
    await sent(invoiceId);
    expect(await lockOf()).toMatchObject({ locked: true, payUrl: expect.stringMatching(/^https:\/\/squareup\.com\/pay-invoice\//) });
    await setGate("never");
    expect((await lockOf()).locked).toBe(false);
    await setGate("inherit");
    await requirePayment(agency, false);
    expect((await lockOf()).locked).toBe(false);
    await setGate("until_paid");
    expect((await lockOf()).locked).toBe(true);
    await setInvoice("PAID");
    expect(await lockOf()).toEqual({ requiresPayment: true, locked: false, payUrl: null });
    // A second order whose invoice is unpaid locks it again; once that is cancelled it no longer bills.
    const orderId = newId("order");
    await prisma().order.create({ data: { id: orderId, agencyId: agency.id, tourId: tour.id, currency: "USD", subtotalCents: 100, totalCents: 100 } });
    const second = await prisma().invoice.create({ data: { id: newId("invoice"), agencyId: agency.id, orderId, status: "UNPAID", amountCents: 100, currency: "USD" } });
    expect((await lockOf()).locked).toBe(true);
    await prisma().invoice.update({ where: { id: second.id }, data: { status: "CANCELED" } });
    expect((await lockOf()).locked).toBe(false);
    await setInvoice("REFUNDED");
    expect((await lockOf()).locked).toBe(true);
    await requirePayment(agency, true);
  });

  it("while locked, serves only the watermarked web preview; files and the ZIP are refused with 402", async () => {
    const { tour, photo, token, invoiceId } = await deliveredListing();
    const squareId = await sent(invoiceId);
    const web = stored.get(photo.variants.find((v) => v.size === "web")!.storage_key)!;
    const webSize = photo.variants.find((v) => v.size === "web")!;

    const preview = await get(`/d/${token}/files/${photo.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get("content-type")).toBe("image/jpeg");
    expect(preview.body.equals(web)).toBe(false);
    const meta = await sharp(preview.body).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", webSize.width, webSize.height]);
    // The watermark really changed the pixels (not just the encoding): compare to the plain web rendition.
    const [a, b] = await Promise.all([sharp(preview.body).raw().toBuffer(), sharp(web).raw().toBuffer()]);
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 24) differing++;
    expect(differing / a.length).toBeGreaterThan(0.02);

    for (const size of ["mls", "web", "thumb", "original"] as const) {
      const refused = await get(galleryFilePath(token, photo.id, size, true));
      expect(refused.status, size).toBe(402);
      const body = JSON.parse(refused.body.toString("utf8"));
      expect(body.error).toMatchObject({ code: "payment_required", request_id: expect.stringMatching(/^req_/), pay_url: `https://squareup.com/pay-invoice/${squareId}` });
      expect(body.error.message).toContain(tour.listingNumber);
    }
    for (const size of ["mls", "original"] as const) expect((await get(galleryZipPath(token, size))).status).toBe(402);
    // A browser that opens a download link gets a page saying so, with the link to pay.
    const page = await get(galleryFilePath(token, photo.id, "mls", true), { Accept: "text/html,application/xhtml+xml" });
    expect(page.status).toBe(402);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body.toString("utf8")).toContain(`href="https://squareup.com/pay-invoice/${squareId}"`);

    // The page names no unwatermarked file and no download.
    const view = galleryView((await loadGallery(prisma(), token))!, token);
    expect(view[0]!.downloads).toEqual([]);
    expect(view[0]!.image).toEqual({ thumb: expect.objectContaining({ path: `/d/${token}/files/${photo.id}/preview` }), web: expect.objectContaining({ path: `/d/${token}/files/${photo.id}/preview` }) });
  });

  it("unlocks the moment Square reports the invoice paid, and tells integrators exactly once", async () => {
    const { tour, photo, token, deliveryId, invoiceId } = await deliveredListing();
    const revoked = await markMediaDelivered(agency.scope, tour.listingNumber, "https://valara.example");
    await revokeDelivery(agency.scope.db, revoked.delivery.id);
    const squareId = await sent(invoiceId);
    expect((await get(galleryZipPath(token, "mls"))).status).toBe(402);

    expect(await squareSays(squareId, "PARTIALLY_PAID", 2)).toMatchObject({ outcome: "applied" });
    expect((await get(galleryFilePath(token, photo.id, "mls"))).status).toBe(402);
    expect(await unlockEvents(tour.listingNumber)).toHaveLength(0);

    const paidEvent = randomUUID();
    expect(await squareSays(squareId, "PAID", 3, paidEvent)).toMatchObject({ outcome: "applied" });
    const mls = await get(galleryFilePath(token, photo.id, "mls", true));
    expect(mls.status).toBe(200);
    expect(mls.body.equals(stored.get(photo.variants.find((v) => v.size === "mls")!.storage_key)!)).toBe(true);
    expect((await get(galleryZipPath(token, "original"))).status).toBe(200);
    const [unlocked, ...more] = await unlockEvents(tour.listingNumber);
    expect(more).toHaveLength(0);
    expect(unlocked!.data).toEqual({ listing_number: tour.listingNumber, invoice_id: invoiceId, delivery_ids: [deliveryId], unlocked_at: expect.any(String) });
    expect(unlocked!.actorDisplay).toBe("Square");
    // The same event again (Square redelivers), and a later event that keeps it paid: nothing more.
    expect(await squareSays(squareId, "PAID", 3, paidEvent)).toMatchObject({ outcome: "duplicate" });
    expect(await squareSays(squareId, "PARTIALLY_REFUNDED", 4)).toMatchObject({ outcome: "applied" });
    expect(await unlockEvents(tour.listingNumber)).toHaveLength(1);
  });

  it("two invoices of one listing paid at the same moment unlock it once", async () => {
    const { tour, token, invoiceId } = await deliveredListing();
    const orderId = newId("order");
    await prisma().order.create({ data: { id: orderId, agencyId: agency.id, tourId: tour.id, currency: "USD", subtotalCents: 14_900, totalCents: 14_900 } });
    const second = await prisma().invoice.create({ data: { id: newId("invoice"), agencyId: agency.id, orderId, status: "DRAFT", amountCents: 14_900, currency: "USD" } });
    await Promise.all([sent(invoiceId), sent(second.id)]);
    const paid = { status: "PAID" as const, version: 2, observedAt: new Date() };
    if (testDb().kind === "postgres") {
      // Force the race: the first payment's transaction stays open (its change not yet visible)
      // while the second one runs. The second must wait for the listing's row lock; without it,
      // each would see the other invoice unpaid and neither would send the event.
      let release!: () => void;
      let recorded!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const firstRecorded = new Promise<void>((resolve) => (recorded = resolve));
      const first = prisma().$transaction(async (tx) => {
        await recordInvoiceState(tx, SQUARE_WEBHOOK_ACTOR, invoiceId, paid);
        recorded();
        await held;
      }, { timeout: 30_000 });
      await firstRecorded;
      let secondDone = false;
      const secondTx = prisma().$transaction((tx) => recordInvoiceState(tx, SQUARE_WEBHOOK_ACTOR, second.id, paid), { timeout: 30_000 }).then(() => (secondDone = true));
      // Wait until the second is either blocked on a lock or (without the row lock) finished.
      await expect
        .poll(async () => secondDone || (await prisma().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)[0]!.n > 0, { timeout: 15_000 })
        .toBe(true);
      release();
      await Promise.all([first, secondTx]);
    } else {
      // One connection: transactions run one after the other.
      await Promise.all([invoiceId, second.id].map((id) => prisma().$transaction((tx) => recordInvoiceState(tx, SQUARE_WEBHOOK_ACTOR, id, paid))));
    }
    expect(await unlockEvents(tour.listingNumber)).toHaveLength(1);
    expect((await get(galleryZipPath(token, "mls"))).status).toBe(200);
  });

  it("sends no unlock event when downloads were never locked", async () => {
    const { tour, invoiceId } = await deliveredListing();
    await prisma().tour.update({ where: { id: tour.id }, data: { downloadGate: "never" } });
    const squareId = await sent(invoiceId);
    expect(await squareSays(squareId, "PAID", 2)).toMatchObject({ outcome: "applied" });
    expect(await unlockEvents(tour.listingNumber)).toHaveLength(0);
  });

  it("lists a listing's deliveries and sets its override through tenant-scoped procedures (another agency's: 404)", async () => {
    const caller = (a: TestAgency, role: "owner" | "agent", userId: string) =>
      appRouter.createCaller({
        requestId: "req_test",
        transport: "dashboard",
        db: testDb().db,
        actor: { kind: "user", userId, name: role, email: `${role}@x.test`, role, agencyId: a.id, actingForAgencyId: null } satisfies Actor,
        appUrl: "http://localhost",
      });
    const ours = await deliveredListing();
    const second = await markMediaDelivered(agency.scope, ours.tour.listingNumber, "https://valara.example", new Date(), new Date(Date.now() + 86_400_000));
    await revokeDelivery(agency.scope.db, ours.deliveryId);
    const listed = await caller(agency, "agent", agency.agents[0]!.id).delivery.listingDeliveries({ listing_number: ours.tour.listingNumber });
    expect(listed.items.map((d) => [d.delivery_id, d.state, d.created_by])).toEqual([
      [second.delivery.id, "active", "Operator CLI (test)"],
      [ours.deliveryId, "revoked", "Operator CLI (test)"],
    ]);
    expect(listed.items[0]!.expires_at).not.toBeNull();
    expect(listed.download_lock).toMatchObject({ download_gate: "inherit", agency_requires_payment: true, requires_payment: true, locked: true });

    const theirs = caller(other, "owner", other.owner.id);
    expect(await errorCodeOf(theirs.delivery.listingDeliveries({ listing_number: ours.tour.listingNumber }))).toBe("listing_not_found");
    expect(await errorCodeOf(theirs.delivery.setDownloadGate({ listing_number: ours.tour.listingNumber, download_gate: "never" }))).toBe("listing_not_found");
    expect(await errorCodeOf(theirs.listings.revokeDelivery({ delivery_id: second.delivery.id }))).toMatch(/not_found/);
    // Only the owner sets pay to download.
    expect(await errorCodeOf(caller(agency, "agent", agency.agents[0]!.id).delivery.setDownloadGate({ listing_number: ours.tour.listingNumber, download_gate: "never" }))).toBe("forbidden");
    expect(await errorCodeOf(caller(agency, "agent", agency.agents[0]!.id).delivery.updateSettings({ downloads_require_payment: false }))).toBe("forbidden");
    const owner = caller(agency, "owner", agency.owner.id);
    expect(await owner.delivery.setDownloadGate({ listing_number: ours.tour.listingNumber, download_gate: "never" })).toMatchObject({ download_gate: "never", locked: false });
    expect(await owner.delivery.settings()).toEqual({ downloads_require_payment: true });
    expect(await theirs.delivery.settings()).toEqual({ downloads_require_payment: false });
  });
});
