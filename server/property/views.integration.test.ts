// Page views of the public property pages, on a real database: one per visitor per listing and
// UTC day, bots and prefetches not counted, a 30-day window, the day's salt rotated (yesterday's
// deleted), tenant-scoped reads (GET /listings/{n} over REST: another agency's listing is a 404);
// and the public media route serves only what a public page may show.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { createMediaRoutes } from "../http/media-routes";
import { LocalStorage } from "../storage/local";
import { createListing } from "../listings/create-listing";
import { cancelListing } from "../listings/cancel-listing";
import { forAgency } from "../db/tenant";
import { AppError } from "../errors";
import { forgetCachedSalt, isCountableVisit, listingIdOf, recordPropertyView, utcDay, viewsByDay, viewsLast30Days } from "./views";
import { clientAddress, parseTrustedProxies } from "../access/client-address";
import { countPageVisit, isPublicMediaPath, servePublicMedia } from "./public-routes";

const APP_URL = "https://valara.example";
const FIXTURES = path.resolve(import.meta.dirname, "../../e2e/fixtures/media");
const BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
const PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
type Json = Record<string, any>;

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

describeEachDatabase("property page views", (testDb) => {
  let server: http.Server;
  let base: string;
  let root: string;
  let agency: TestAgency;
  let other: TestAgency;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "valara-views-"));
    const storage = new LocalStorage(root);
    const logger = pino({ level: "silent" });
    const rest = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: APP_URL,
      maxBodyBytes: 1024 * 1024,
      logger,
      sessionSecret: "integration-test-session-secret-0123456789",
      customRoutes: createMediaRoutes({ storage, appUrl: APP_URL, maxFileBytes: 5 * 1024 * 1024, logger }),
    });
    // What the app server does for /property/... (server/http/app-server.ts), with a stand-in page.
    server = http.createServer((req, res) => {
      const route = (req.url ?? "/").split("?", 1)[0]!;
      if (route.startsWith("/api/v1")) return void rest(req, res);
      if (isPublicMediaPath(route)) return void servePublicMedia(testDb().db.prisma, storage, req, res, route);
      const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], parseTrustedProxies("loopback")) ?? "unknown";
      countPageVisit(testDb().db.prisma, req, route, logger, address);
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<h1>page</h1>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
    otherKey = await makeApiKey(other);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });
  // The salt is cached per process; each database here has its own salt table.
  beforeEach(() => forgetCachedSalt());

  const newListing = async (who: TestAgency = agency) =>
    (await createListing(who.scope, { address: "12 View St, Portland, OR 97205", owner_user_id: who.owner.id, agent_one_id: who.agents[0]!.id })).listingNumber;
  const tourId = (n: string) => listingIdOf(agency.scope.db, n);
  const visit = (n: string, clientAddress: string, userAgent: string, at?: Date) =>
    recordPropertyView(testDb().db.prisma, { listingNumber: n, clientAddress, userAgent, at });

  it("counts one view per visitor (address and user agent) per listing and UTC day", async () => {
    const n = await newListing();
    const m = await newListing();
    const now = new Date();
    expect(await visit(n, "203.0.113.7", BROWSER, daysAgo(now, 1))).toBe(true);
    expect(await visit(n, "203.0.113.7", BROWSER, now)).toBe(true);
    expect(await visit(n, "203.0.113.7", BROWSER, now)).toBe(false);
    expect(await visit(n, "203.0.113.7", PHONE, now)).toBe(true);
    expect(await visit(n, "198.51.100.2", BROWSER, now)).toBe(true);
    expect(await visit(m, "203.0.113.7", BROWSER, now)).toBe(true);
    expect(await viewsLast30Days(agency.scope.db, await tourId(n), now)).toBe(4);
    const days = await viewsByDay(agency.scope.db, await tourId(n), now);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: utcDay(now), views: 3 });
    expect(days.at(-2)).toEqual({ day: utcDay(daysAgo(now, 1)), views: 1 });
    expect(days.slice(0, -2).every((d) => d.views === 0)).toBe(true);
    // No address or user agent is stored: only the salted hash.
    const rows = await testDb().db.prisma.propertyView.findMany({ where: { tourId: await tourId(n) } });
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.visitor))).toBe(true);
    expect(JSON.stringify(rows)).not.toContain("203.0.113.7");
  });

  it("rotates the salt daily: the day before's is deleted, so a visitor's hash differs from day to day", async () => {
    const n = await newListing();
    const now = new Date();
    await visit(n, "203.0.113.9", BROWSER, daysAgo(now, 1));
    await visit(n, "203.0.113.9", BROWSER, now);
    const salts = await testDb().db.prisma.propertyViewSalt.findMany();
    expect(salts.map((s) => utcDay(s.day))).toEqual([utcDay(now)]);
    const rows = await testDb().db.prisma.propertyView.findMany({ where: { tourId: await tourId(n) } });
    expect(new Set(rows.map((r) => r.visitor)).size).toBe(2);
  });

  it("counts the last 30 UTC days, today included, and nothing older", async () => {
    const n = await newListing();
    const now = new Date();
    for (const ago of [30, 29, 15, 0]) await visit(n, "203.0.113.10", BROWSER, daysAgo(now, ago));
    expect(await viewsLast30Days(agency.scope.db, await tourId(n), now)).toBe(3);
    const days = await viewsByDay(agency.scope.db, await tourId(n), now);
    expect(days[0]).toEqual({ day: utcDay(daysAgo(now, 29)), views: 1 });
    expect(days.reduce((sum, d) => sum + d.views, 0)).toBe(3);
    // A day later the oldest falls out.
    expect(await viewsLast30Days(agency.scope.db, await tourId(n), daysAgo(now, -1))).toBe(2);
  });

  it("counts nothing for a cancelled or unknown listing", async () => {
    const n = await newListing();
    await cancelListing(agency.scope, n);
    expect(await visit(n, "203.0.113.11", BROWSER)).toBe(false);
    expect(await visit("ZZZZZZ", "203.0.113.11", BROWSER)).toBe(false);
    expect(await viewsLast30Days(agency.scope.db, await tourId(n))).toBe(0);
  });

  it("excludes bots, prefetches, requests without a user agent and other methods", () => {
    const human = { method: "GET", userAgent: BROWSER, headers: {} };
    expect(isCountableVisit(human)).toBe(true);
    for (const bot of [GOOGLEBOT, "facebookexternalhit/1.1", "Twitterbot/1.0", "curl/8.5.0", "python-requests/2.32", "Mozilla/5.0 (compatible; bingbot/2.0)"]) {
      expect(isCountableVisit({ ...human, userAgent: bot }), bot).toBe(false);
    }
    expect(isCountableVisit({ ...human, userAgent: undefined })).toBe(false);
    expect(isCountableVisit({ ...human, userAgent: "  " })).toBe(false);
    expect(isCountableVisit({ ...human, method: "HEAD" })).toBe(false);
    expect(isCountableVisit({ ...human, headers: { "sec-purpose": "prefetch;prerender" } })).toBe(false);
    expect(isCountableVisit({ ...human, headers: { purpose: "prefetch" } })).toBe(false);
  });

  it("counts page requests over HTTP beside the response: bots not, both pages of one visitor once", async () => {
    const n = await newListing();
    const get = (route: string, userAgent: string, forwardedFor?: string) =>
      fetch(`${base}${route}`, { headers: { "User-Agent": userAgent, ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}) } });
    expect((await get(`/property/${n}`, GOOGLEBOT)).status).toBe(200);
    expect((await get(`/property/${n}`, BROWSER)).status).toBe(200);
    expect((await get(`/property/${n.toLowerCase()}/unbranded`, BROWSER)).status).toBe(200);
    // Behind a proxy TRUSTED_PROXIES names (here loopback): the address the proxy saw is the visitor.
    expect((await get(`/property/${n}`, BROWSER, "198.51.100.20")).status).toBe(200);
    expect((await get(`/property/${n}/media/x/web`, BROWSER)).status).toBe(404);
    await vi.waitFor(async () => expect(await viewsLast30Days(agency.scope.db, await tourId(n))).toBe(2));
  });

  it("is tenant-scoped: another agency reads no views and gets a 404 for the listing", async () => {
    const n = await newListing();
    await visit(n, "203.0.113.12", BROWSER);
    const id = await tourId(n);
    expect(await viewsLast30Days(forAgency(testDb().db.prisma, other.id), id)).toBe(0);
    expect((await viewsByDay(forAgency(testDb().db.prisma, other.id), id)).every((d) => d.views === 0)).toBe(true);
    await expect(listingIdOf(other.scope.db, n)).rejects.toBeInstanceOf(AppError);

    const mine = await fetch(`${base}/api/v1/listings/${n}`, { headers: { "X-API-Key": key } });
    expect(mine.status).toBe(200);
    expect(((await mine.json()) as Json).views_last_30_days).toBe(1);
    const theirs = await fetch(`${base}/api/v1/listings/${n}`, { headers: { "X-API-Key": otherKey } });
    expect(theirs.status).toBe(404);
    expect(((await theirs.json()) as Json).error.code).toBe("listing_not_found");
  });

  it("serves a public page's web and thumb renditions only, and nothing once the listing is cancelled", async () => {
    const n = await newListing();
    const body = new FormData();
    body.append("listing_number", n);
    body.append("files", new Blob([new Uint8Array(fs.readFileSync(path.join(FIXTURES, "photo.jpg")))]), "front.jpg");
    body.append("files", new Blob([new Uint8Array(fs.readFileSync(path.join(FIXTURES, "tour.mp4")))]), "walk.mp4");
    const uploaded = await fetch(`${base}/api/v1/media/upload`, { method: "POST", headers: { "X-Idempotency-Key": randomUUID(), "X-API-Key": key }, body });
    expect(uploaded.status).toBe(201);
    const [photo, video] = ((await uploaded.json()) as Json).items as Json[];
    const doc = new FormData();
    doc.append("listing_number", n);
    doc.append("kind", "document");
    doc.append("files", new Blob([new Uint8Array(fs.readFileSync(path.join(FIXTURES, "floor-plan.pdf")))]), "contract.pdf");
    const document = (((await (await fetch(`${base}/api/v1/media/upload`, { method: "POST", headers: { "X-Idempotency-Key": randomUUID(), "X-API-Key": key }, body: doc })).json()) as Json).items as Json[])[0]!;

    const media = (id: string, size: string) => fetch(`${base}/property/${n}/media/${id}/${size}`);
    const web = await media(photo!.media_id, "web");
    expect(web.status).toBe(200);
    expect(web.headers.get("content-type")).toBe("image/jpeg");
    const webVariant = (photo!.variants as Json[]).find((v) => v.size === "web")!;
    expect(Number(web.headers.get("content-length"))).toBe(webVariant.bytes);
    expect((await media(photo!.media_id, "thumb")).status).toBe(200);
    expect((await media(photo!.media_id, "mls")).status).toBe(404);
    expect((await media(photo!.media_id, "file")).status).toBe(404);
    expect((await media(video!.media_id, "file")).status).toBe(200);
    expect((await media(document.media_id, "file")).status).toBe(404);
    expect((await fetch(`${base}/property/${n}/media/${photo!.media_id}/web`, { headers: { "If-None-Match": web.headers.get("etag")! } })).status).toBe(304);
    // Another listing's number with this media id: not found.
    const elsewhere = await newListing();
    expect((await fetch(`${base}/property/${elsewhere}/media/${photo!.media_id}/web`)).status).toBe(404);

    await cancelListing(agency.scope, n);
    expect((await media(photo!.media_id, "web")).status).toBe(404);
    expect((await media(video!.media_id, "file")).status).toBe(404);
  });
});
