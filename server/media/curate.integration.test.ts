// Curation over real HTTP (the REST handler, API keys): reorder, cover, caption, delete and
// restore are tenant-scoped (another agency's media is a 404), idempotent (a retry with the
// same X-Idempotency-Key replays), and a delete's files go only when it is purged.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { createMediaRoutes } from "../http/media-routes";
import { LocalStorage } from "../storage/local";
import { createListing } from "../listings/create-listing";
import { purgeDeletedMedia, RESTORE_WINDOW_MS } from "./curate";

const APP_URL = "https://valara.example";
const FIXTURES = path.resolve(import.meta.dirname, "../../e2e/fixtures/media");
type Json = Record<string, any>;

describeEachDatabase("media curation", (testDb) => {
  let server: http.Server;
  let base: string;
  let root: string;
  let storage: LocalStorage;
  let agency: TestAgency;
  let other: TestAgency;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "valara-curate-"));
    storage = new LocalStorage(root);
    const logger = pino({ level: "silent" });
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: APP_URL,
      maxBodyBytes: 1024 * 1024,
      logger,
      sessionSecret: "integration-test-session-secret-0123456789",
      customRoutes: createMediaRoutes({ storage, appUrl: APP_URL, maxFileBytes: 1024 * 1024, logger }),
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
    otherKey = await makeApiKey(other);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function call(method: string, route: string, body?: unknown, opts: { key?: string; idem?: string } = {}) {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { "X-API-Key": opts.key ?? key, "Content-Type": "application/json", ...(method === "GET" ? {} : { "X-Idempotency-Key": opts.idem ?? randomUUID() }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Json, replay: res.headers.get("x-idempotent-replay") };
  }

  async function listingWithPhotos(count: number) {
    const n = (await createListing(agency.scope, { address: "3 Curate Ct", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id })).listingNumber;
    const body = new FormData();
    body.append("listing_number", n);
    for (let i = 1; i <= count; i++) body.append("files", new Blob([new Uint8Array(fs.readFileSync(path.join(FIXTURES, "photo.jpg")))]), `p${i}.jpg`);
    const res = await fetch(`${base}/media/upload`, { method: "POST", headers: { "X-Idempotency-Key": randomUUID(), "X-API-Key": key }, body });
    const items = ((await res.json()) as Json).items as Json[];
    return { n, ids: items.map((i) => i.media_id as string) };
  }
  const photos = async (n: string, k = key) => (await call("GET", `/listings/${n}`, undefined, { key: k })).body.media?.photos as Json[];

  it("reorders: listed items first, the rest after in their order; a retry replays; new uploads go last", async () => {
    const { n, ids } = await listingWithPhotos(3);
    const idem = randomUUID();
    const first = await call("POST", `/listings/${n}/media/order`, { media_ids: [ids[2], ids[0]] }, { idem });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.photos.map((p: Json) => p.media_id)).toEqual([ids[2], ids[0], ids[1]]);
    const again = await call("POST", `/listings/${n}/media/order`, { media_ids: [ids[2], ids[0]] }, { idem });
    expect(again.replay).toBe("true");
    expect(again.body).toEqual(first.body);
    expect((await photos(n)).map((p) => p.media_id)).toEqual([ids[2], ids[0], ids[1]]);
    expect((await call("POST", `/listings/${n}/media/order`, { media_ids: [ids[0], ids[0]] })).status).toBe(400);
    expect((await call("POST", `/listings/${n}/media/order`, { media_ids: ["media_01NOTREAL00000000000000000"] })).body.error.code).toBe("media_not_found");
  });

  it("captions and picks one cover", async () => {
    const { n, ids } = await listingWithPhotos(2);
    const captioned = await call("PATCH", `/media/${ids[0]}`, { caption: "Front at dusk", is_cover: true });
    expect(captioned.status, JSON.stringify(captioned.body)).toBe(200);
    expect(captioned.body).toMatchObject({ caption: "Front at dusk", is_cover: true });
    await call("PATCH", `/media/${ids[1]}`, { is_cover: true });
    expect((await photos(n)).map((p) => [p.media_id, p.is_cover, p.caption])).toEqual([
      [ids[0], false, "Front at dusk"],
      [ids[1], true, null],
    ]);
    expect((await call("PATCH", `/media/${ids[0]}`, { caption: null })).body.caption).toBeNull();
  });

  it("another agency's media is a 404 for every curation call, and nothing changes", async () => {
    const { n, ids } = await listingWithPhotos(2);
    const before = await photos(n);
    for (const [method, route, body] of [
      ["PATCH", `/media/${ids[0]}`, { caption: "mine now" }],
      ["POST", `/media/${ids[0]}/delete`, {}],
      ["POST", `/media/${ids[0]}/restore`, {}],
      ["POST", `/listings/${n}/media/order`, { media_ids: [ids[1]] }],
    ] as const) {
      const res = await call(method, route, body, { key: otherKey });
      expect(res.status, `${method} ${route}`).toBe(404);
      expect(["media_not_found", "listing_not_found"]).toContain(res.body.error.code);
    }
    expect(await photos(n)).toEqual(before);
  });

  it("deletes at once, restores within 7 days, and purges rows and files only after the window", async () => {
    const { n, ids } = await listingWithPhotos(2);
    const row = await testDb().db.prisma.media.findUniqueOrThrow({ where: { id: ids[0] } });
    const files = [row.storageKey, ...(row.variants as Json[]).map((v) => v.storage_key)].map((k) => path.join(root, k));
    expect(files.every((f) => fs.existsSync(f))).toBe(true);

    const deleted = await call("POST", `/media/${ids[0]}/delete`, {});
    expect(deleted.status).toBe(200);
    expect(new Date(deleted.body.restorable_until).getTime() - new Date(deleted.body.deleted_at).getTime()).toBe(RESTORE_WINDOW_MS);
    expect((await photos(n)).map((p) => p.media_id)).toEqual([ids[1]]);
    expect((await fetch(`${base}/media/${ids[0]}`, { headers: { "X-API-Key": key } })).status).toBe(404);
    // Deleting again is the same delete.
    expect((await call("POST", `/media/${ids[0]}/delete`, {})).body.deleted_at).toBe(deleted.body.deleted_at);

    expect((await call("POST", `/media/${ids[0]}/restore`, {})).status).toBe(200);
    expect((await photos(n)).map((p) => p.media_id)).toEqual([ids[0], ids[1]]);

    await call("POST", `/media/${ids[0]}/delete`, {});
    // Within the window, the purge keeps it.
    expect(await purgeDeletedMedia(testDb().db.prisma, storage, new Date(Date.now() + RESTORE_WINDOW_MS - 60_000))).toBe(0);
    expect(files.every((f) => fs.existsSync(f))).toBe(true);
    expect(await purgeDeletedMedia(testDb().db.prisma, storage, new Date(Date.now() + RESTORE_WINDOW_MS + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await testDb().db.prisma.media.count({ where: { id: ids[0] } })).toBe(0);
    expect(files.some((f) => fs.existsSync(f))).toBe(false);
    expect((await call("POST", `/media/${ids[0]}/restore`, {})).status).toBe(404);
  });
});
