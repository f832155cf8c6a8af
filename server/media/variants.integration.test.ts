// Variants over real HTTP: an uploaded photo gets mls/web/thumb JPEGs of the promised sizes,
// upright, sRGB and without GPS or other EXIF (read back with exifr), downloadable by `?size=`;
// a damaged or truncated image is refused with 415 and leaves no row and no file.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import sharp from "sharp";
import exifr from "exifr";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { createMediaRoutes } from "../http/media-routes";
import { LocalStorage } from "../storage/local";
import { createListing } from "../listings/create-listing";

const APP_URL = "https://valara.example";
type Json = Record<string, any>;

/** A noisy (so JPEG cannot squeeze it to nothing) landscape photo, stored rotated with EXIF orientation 6 and GPS. */
async function cameraPhoto(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .withExif({
      IFD0: { Make: "Valara Test Camera", Artist: "Jane Photographer" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "40/1 26/1 4639/100", GPSLongitudeRef: "W", GPSLongitude: "79/1 58/1 5599/100" },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describeEachDatabase("media variants", (testDb) => {
  let server: http.Server;
  let base: string;
  let root: string;
  let agency: TestAgency;
  let key: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "valara-variants-"));
    const logger = pino({ level: "silent" });
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: APP_URL,
      maxBodyBytes: 1024 * 1024,
      logger,
      sessionSecret: "integration-test-session-secret-0123456789",
      customRoutes: createMediaRoutes({ storage: new LocalStorage(root), appUrl: APP_URL, maxFileBytes: 64 * 1024 * 1024, logger }),
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    agency = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const newListing = async () =>
    (await createListing(agency.scope, { address: "9 Variant Row", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id })).listingNumber;

  async function upload(listingNumber: string, files: [string, Buffer][]) {
    const body = new FormData();
    body.append("listing_number", listingNumber);
    for (const [filename, bytes] of files) body.append("files", new Blob([new Uint8Array(bytes)]), filename);
    const res = await fetch(`${base}/media/upload`, { method: "POST", headers: { "X-Idempotency-Key": randomUUID(), "X-API-Key": key }, body });
    return { status: res.status, body: (await res.json()) as Json };
  }
  const download = async (url: string) => {
    const res = await fetch(url.replace(APP_URL + "/api/v1", base), { headers: { "X-API-Key": key } });
    return { status: res.status, type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  function storedFiles(): string[] {
    return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  it("renders mls, web and thumb upright, in sRGB, without GPS or personal EXIF, and keeps the original untouched", async () => {
    const original = await cameraPhoto(3000, 2000); // shown as 2000 x 3000 (orientation 6)
    expect((await exifr.gps(original))?.latitude).toBeCloseTo(40.44, 1);
    const n = await newListing();
    const res = await upload(n, [["front.jpg", original]]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const item = res.body.items[0];
    expect(item).toMatchObject({ width: 2000, height: 3000 });
    const sizes = Object.fromEntries(item.variants.map((v: Json) => [v.size, v]));
    expect(Object.keys(sizes)).toEqual(["mls", "web", "thumb"]);
    for (const [size, longEdge] of [["mls", 2048], ["web", 1280], ["thumb", 400]] as const) {
      const variant = sizes[size];
      // Portrait once upright: the long edge is the height.
      expect(variant).toMatchObject({ height: longEdge, width: Math.round((longEdge * 2000) / 3000), content_type: "image/jpeg" });
      const got = await download(variant.url);
      expect(got.status).toBe(200);
      expect(got.type).toBe("image/jpeg");
      expect(got.bytes.length).toBe(variant.bytes);
      const meta = await sharp(got.bytes).metadata();
      expect(meta).toMatchObject({ format: "jpeg", width: variant.width, height: variant.height, space: "srgb" });
      expect(meta.orientation ?? 1).toBe(1);
      expect(await exifr.gps(got.bytes)).toBeUndefined();
      const tags = await exifr.parse(got.bytes, true).catch(() => undefined);
      expect(tags?.Make).toBeUndefined();
      expect(tags?.Artist).toBeUndefined();
    }
    expect(sizes.mls.bytes).toBeLessThan(4 * 1024 * 1024);
    // The original: byte for byte what was sent, EXIF and all.
    const kept = await download(item.url);
    expect(kept.bytes.equals(original)).toBe(true);
    // The listing's media lists the variants too.
    const listing = await fetch(`${base}/listings/${n}`, { headers: { "X-API-Key": key } }).then((r) => r.json() as Promise<Json>);
    expect(listing.media.photos[0].variants.map((v: Json) => v.size)).toEqual(["mls", "web", "thumb"]);
  });

  it("gives no variants to what it cannot render, and refuses an unknown size", async () => {
    const n = await newListing();
    const pdf = fs.readFileSync(path.resolve(import.meta.dirname, "../../e2e/fixtures/media/floor-plan.pdf"));
    const res = await upload(n, [["plan.pdf", pdf]]);
    expect(res.status).toBe(201);
    expect(res.body.items[0].variants).toEqual([]);
    expect((await download(`${res.body.items[0].url}?size=mls`)).status).toBe(404);
    expect((await download(`${res.body.items[0].url}?size=huge`)).status).toBe(400);
  });

  it.each([
    ["truncated", async () => (await cameraPhoto(800, 600)).subarray(0, 20_000)],
    ["damaged", async () => {
      // A JPEG's signature and start, then garbage: what a broken transfer or a renamed file looks like.
      const head = (await cameraPhoto(800, 600)).subarray(0, 64);
      return Buffer.concat([head, Buffer.alloc(30_000, 0x5a)]);
    }],
  ])("refuses a %s JPEG with 415 and keeps nothing, not even the good file sent with it", async (_what, make) => {
    const n = await newListing();
    const before = storedFiles().sort();
    const res = await upload(n, [["good.jpg", await cameraPhoto(400, 300)], ["bad.jpg", await make()]]);
    expect(res.status, JSON.stringify(res.body)).toBe(415);
    expect(res.body.error).toMatchObject({ code: "unsupported_media_type" });
    expect(res.body.error.message).toContain("bad.jpg");
    expect(await testDb().db.prisma.media.count({ where: { tour: { listingNumber: n } } })).toBe(0);
    await expect.poll(() => storedFiles().sort()).toEqual(before);
  });
});
