// A gallery's downloads: each item in each size under a readable name, "Download all" as a ZIP whose
// entries are the stored bytes in the chosen size and order, the token checked on every request
// (revoked → 404 at once), and no way to reach another agency's media through a gallery link.
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import pino from "pino";
import sharp from "sharp";
import yauzl from "yauzl";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { createListing } from "../listings/create-listing";
import { markMediaDelivered } from "../listings/media-delivery";
import { LocalStorage } from "../storage/local";
import { readAll, renderVariants, variantKey } from "../media/variants";
import { newId } from "../ids";
import { revokeDelivery } from "./deliveries";
import { galleryFilePath, galleryZipPath, isGalleryDownloadPath, serveGalleryDownload } from "./gallery-routes";

/** The ZIP's entries, name → bytes, in archive order. */
async function unzip(buffer: Buffer): Promise<[string, Buffer][]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const entries: [string, Buffer][] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    zip.on("end", resolve);
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        readAll(stream).then((data) => {
          entries.push([entry.fileName, data]);
          zip.readEntry();
        }, reject);
      });
    });
    zip.readEntry();
  });
  return entries;
}

describeEachDatabase("gallery downloads", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let storage: LocalStorage;
  let dir: string;
  let server: http.Server;
  let base: string;
  const prisma = () => testDb().db.prisma;
  const stored = new Map<string, Buffer>();

  async function store(key: string, data: Buffer) {
    const staged = await storage.stage(Readable.from([data]));
    await staged.commit(key);
    stored.set(key, data);
  }

  /** A photo stored with its real variants, as an upload leaves it. */
  async function addPhoto(a: TestAgency, tourId: string, opts: { caption?: string; position: number; isCover?: boolean; color: string }) {
    const original = await sharp({ create: { width: 900, height: 600, channels: 3, background: opts.color } }).jpeg().toBuffer();
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
      data: {
        id, agencyId: a.id, tourId, kind: "photo", filename: "IMG_0001.jpg", contentType: "image/jpeg", sizeBytes: original.length,
        sha256: id.padEnd(64, "0"), storageKey: key, uploadedVia: "api_key", variants, caption: opts.caption ?? null,
        position: opts.position, isCover: opts.isCover ?? false,
      },
    });
    return { id, key, variants };
  }

  async function addDocument(a: TestAgency, tourId: string) {
    const id = newId("media");
    const key = `${a.id}/${tourId}/${id}.pdf`;
    const data = Buffer.from("%PDF-1.4\n% a disclosure\n%%EOF\n");
    await store(key, data);
    await prisma().media.create({
      data: { id, agencyId: a.id, tourId, kind: "document", filename: "Disclosure.pdf", contentType: "application/pdf", sizeBytes: data.length, sha256: id.padEnd(64, "1"), storageKey: key, uploadedVia: "api_key" },
    });
    return { id, key };
  }

  async function get(url: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}${url}`, { headers });
    return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
  }

  beforeAll(async () => {
    agency = await makeAgency(prisma());
    other = await makeAgency(prisma());
    dir = await mkdtemp(path.join(os.tmpdir(), "valara-gallery-"));
    storage = new LocalStorage(dir);
    server = http.createServer((req, res) => {
      const p = (req.url ?? "/").split("?", 1)[0]!;
      if (!isGalleryDownloadPath(p)) {
        res.writeHead(418);
        res.end();
        return;
      }
      void serveGalleryDownload(prisma(), storage, pino({ level: "silent" }), req, res, p);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });

  async function deliveredListing() {
    const tour = await createListing(agency.scope, { address: "9 Zip Street", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
    const back = await addPhoto(agency, tour.id, { position: 0, color: "#224466" });
    const front = await addPhoto(agency, tour.id, { position: 1, caption: "Front door, at dusk", isCover: true, color: "#aa3311" });
    const doc = await addDocument(agency, tour.id);
    const { delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, "https://valara.example");
    return { tour, back, front, doc, token: delivery.token, deliveryId: delivery.id };
  }

  it("serves each item in each size under a readable name, and the original as stored", async () => {
    const { tour, back, front, token } = await deliveredListing();
    const n = tour.listingNumber;
    const mls = await get(galleryFilePath(token, front.id, "mls", true));
    expect(mls.status).toBe(200);
    expect(mls.headers.get("content-type")).toBe("image/jpeg");
    // The cover comes first, so the front photo is 01 and named from its caption.
    expect(mls.headers.get("content-disposition")).toContain(`attachment; filename="${n}-01-front-door-at-dusk.jpg"`);
    expect(mls.body.equals(stored.get(front.variants.find((v) => v.size === "mls")!.storage_key)!)).toBe(true);
    const original = await get(galleryFilePath(token, back.id, "original", true));
    expect(original.headers.get("content-disposition")).toContain(`filename="${n}-02-photo.jpg"`);
    expect(original.body.equals(stored.get(back.key)!)).toBe(true);
    // Inline for the page's <img>, revalidated each time so a revoked link stops at once.
    const web = await get(galleryFilePath(token, back.id, "web"));
    expect(web.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(web.headers.get("cache-control")).toBe("private, no-cache");
    expect((await get(galleryFilePath(token, back.id, "web"), { "If-None-Match": web.headers.get("etag")! })).status).toBe(304);
    expect((await get(`/d/${token}/files/${back.id}/huge`)).status).toBe(404);
  });

  it("Download all streams a ZIP of every item in the chosen size, in gallery order, byte for byte", async () => {
    const { tour, back, front, doc, token } = await deliveredListing();
    const n = tour.listingNumber;
    const mlsOf = (p: typeof front) => stored.get(p.variants.find((v) => v.size === "mls")!.storage_key)!;
    const res = await get(galleryZipPath(token, "mls"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-length")).toBeNull(); // streamed, not assembled first
    expect(res.headers.get("content-disposition")).toContain(`filename="${n}-mls.zip"`);
    const mlsEntries = await unzip(res.body);
    expect(mlsEntries.map(([name]) => name)).toEqual([`${n}-01-front-door-at-dusk.jpg`, `${n}-02-photo.jpg`, `${n}-03-document.pdf`]);
    expect(mlsEntries[0]![1].equals(mlsOf(front))).toBe(true);
    expect(mlsEntries[1]![1].equals(mlsOf(back))).toBe(true);
    expect(mlsEntries[2]![1].equals(stored.get(doc.key)!)).toBe(true); // no variant: the original

    const originals = await unzip((await get(galleryZipPath(token, "original"))).body);
    expect(originals.map(([, data]) => data)).toEqual([stored.get(front.key), stored.get(back.key), stored.get(doc.key)]);
    expect((await get(`/d/${token}/download.zip?size=thumb`)).status).toBe(400);
  });

  it("checks the token on every request: revoked, unknown or another agency's media is a 404", async () => {
    const { front, token, deliveryId } = await deliveredListing();
    const theirs = await createListing(other.scope, { address: "1 Other Road", owner_user_id: other.owner.id, agent_one_id: other.agents[0]!.id });
    const foreign = await addPhoto(other, theirs.id, { position: 0, color: "#00ff00" });
    expect((await get(galleryFilePath(token, foreign.id, "mls", true))).status).toBe(404);
    expect((await get(galleryFilePath(token, front.id, "mls"))).status).toBe(200);

    await revokeDelivery(agency.scope.db, deliveryId);
    expect((await get(galleryFilePath(token, front.id, "mls"))).status).toBe(404);
    expect((await get(galleryZipPath(token, "mls"))).status).toBe(404);
    expect((await get(galleryZipPath("x".repeat(43), "mls"))).status).toBe(404);
  });

  it("an expired link is a 404", async () => {
    const { front, token, deliveryId } = await deliveredListing();
    await prisma().delivery.update({ where: { id: deliveryId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await get(galleryFilePath(token, front.id, "mls"))).status).toBe(404);
  });
});
