// Media uploads, downloads and upload tickets over real HTTP, served by the REST handler with the
// media routes and local-disk storage in a temp directory, on both databases. "Nothing left
// behind" is checked in the database and on disk (final keys and the staging area).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { createMediaRoutes } from "../http/media-routes";
import { LocalStorage } from "../storage/local";
import { withRequestTransaction } from "../db/request-transaction";
import { S3Storage } from "../storage/s3";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { createListing } from "../listings/create-listing";
import { createUploadTicket } from "./upload-tickets";
import { addMedia, type StagedMedia } from "./add-media";
import { Readable } from "node:stream";

const FIXTURES = path.resolve(import.meta.dirname, "../../e2e/fixtures/media");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const APP_URL = "https://valara.example";
const MAX_FILE_BYTES = 64 * 1024;
const SECRET = "integration-test-session-secret-0123456789";

type Json = Record<string, any>;

/**
 * Posts a multipart upload for the listing that sends one whole file and `partial` of a second
 * (the body promises far more), then hangs up: a client that goes away mid-upload.
 */
async function hangUpMidUpload(url: string, headers: Record<string, string>, listingNumber: string, partial: Buffer): Promise<void> {
  const boundary = "----valara-test-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="listing_number"\r\n\r\n${listingNumber}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="one.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const firstFile = Buffer.concat([fixture("photo.jpg"), Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="two.png"\r\n\r\n`)]);
  const declared = head.length + firstFile.length + partial.length + 1_000_000;
  await new Promise<void>((resolve) => {
    const req = http.request(url, {
      method: "POST",
      headers: { ...headers, "X-Idempotency-Key": randomUUID(), "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": String(declared) },
    });
    req.on("error", () => resolve());
    req.write(Buffer.concat([head, firstFile, partial]), () => {
      // Once the server has the first file and part of the second, hang up.
      setImmediate(() => {
        req.destroy();
        resolve();
      });
    });
  });
}

describeEachDatabase("media", (testDb) => {
  let server: http.Server;
  let base: string;
  let root: string;
  let agency: TestAgency;
  let other: TestAgency;
  let key: string;
  let readOnlyKey: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "valara-media-"));
    const logger = pino({ level: "silent" });
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: APP_URL,
      maxBodyBytes: 1024 * 1024,
      logger,
      sessionSecret: SECRET,
      customRoutes: createMediaRoutes({ storage: new LocalStorage(root), appUrl: APP_URL, maxFileBytes: MAX_FILE_BYTES, logger }),
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
    readOnlyKey = await makeApiKey(agency, ["listings:read"]);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  const newListing = async (owner: TestAgency = agency) =>
    (await createListing(owner.scope, { address: "1 Media Way", owner_user_id: owner.owner.id, agent_one_id: owner.agents[0]!.id })).listingNumber;

  function form(fields: Record<string, string>, files: [string, Buffer][]): FormData {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    for (const [filename, bytes] of files) body.append("files", new Blob([new Uint8Array(bytes)]), filename);
    return body;
  }

  async function upload(body: FormData, headers: Record<string, string> = { "X-API-Key": key }, idempotencyKey: string = randomUUID()) {
    const res = await fetch(`${base}/media/upload`, { method: "POST", headers: { "X-Idempotency-Key": idempotencyKey, ...headers }, body });
    return { status: res.status, body: (await res.json()) as Json, headers: res.headers };
  }

  /** Every file under the storage root (final keys and staging). */
  function storedFiles(): string[] {
    if (!fs.existsSync(root)) return [];
    return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
  }
  const mediaRows = (listingNumber: string) => testDb().db.prisma.media.count({ where: { tour: { listingNumber } } });

  async function expectNothingLeft(listingNumber: string, filesBefore: string[]) {
    expect(await mediaRows(listingNumber)).toBe(0);
    // The server may still be removing a staged file after answering (a client that went away).
    await expect.poll(() => storedFiles().sort()).toEqual([...filesBefore].sort());
  }

  describe("upload", () => {
    it("stores each allowed type with the kind, type, size, SHA-256 and dimensions found in its bytes", async () => {
      const n = await newListing();
      const samples: [string, string, string, number | null, number | null][] = [
        ["photo.jpg", "image/jpeg", "photo", 12, 8],
        ["photo.png", "image/png", "photo", 10, 6],
        ["photo.webp", "image/webp", "photo", 9, 7],
        ["photo.heic", "image/heic", "photo", 64, 64],
        ["tour.mp4", "video/mp4", "video", null, null],
        ["floor-plan.pdf", "application/pdf", "document", null, null],
      ];
      const res = await upload(form({ listing_number: n }, samples.map(([name]) => [name, fixture(name)])));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.listing_number).toBe(n);
      expect(res.body.items).toHaveLength(samples.length);
      for (const [index, [name, contentType, kind, width, height]] of samples.entries()) {
        const item = res.body.items[index];
        expect(item).toMatchObject({ filename: name, content_type: contentType, kind, width, height, size_bytes: fixture(name).length, sha256: sha256(fixture(name)) });
        expect(item.media_id).toMatch(/^media_[0-9A-Z]{26}$/);
        expect(item.url).toBe(`${APP_URL}/api/v1/media/${item.media_id}`);
      }
      const listing = (await (await fetch(`${base}/listings/${n}`, { headers: { "X-API-Key": key } })).json()) as Json;
      expect(listing.media.photos.map((m: Json) => m.filename)).toEqual(["photo.jpg", "photo.png", "photo.webp", "photo.heic"]);
      expect(listing.media.videos.map((m: Json) => m.filename)).toEqual(["tour.mp4"]);
      expect(listing.media.documents.map((m: Json) => m.filename)).toEqual(["floor-plan.pdf"]);
      expect(listing.media.floor_plans).toEqual([]);
      expect(listing.media.photos[0]).toEqual(res.body.items[0]);
      // One media.uploaded event for the upload, in its transaction, with every file.
      const events = await testDb().db.prisma.webhookEvent.findMany({ where: { type: "media.uploaded" }, orderBy: { id: "desc" }, take: 1 });
      expect(events[0]?.data).toMatchObject({
        listing_number: n,
        uploaded_via: "api_key",
        // The event keeps its catalogued shape: variants, caption and cover are read from the API.
        media: res.body.items.map(({ uploaded_at: _at, variants: _variants, caption: _caption, is_cover: _cover, ...item }: Json) => item),
      });
    });

    it("detects the type from the bytes: a PDF named photo.jpg is a PDF; an executable or text named photo.jpg is refused", async () => {
      const n = await newListing();
      const pdf = await upload(form({ listing_number: n }, [["photo.jpg", fixture("floor-plan.pdf")]]));
      expect(pdf.status).toBe(201);
      expect(pdf.body.items[0]).toMatchObject({ filename: "photo.jpg", content_type: "application/pdf", kind: "document" });

      const before = storedFiles();
      const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(4096, 1)]);
      for (const bytes of [exe, Buffer.from("just some text, not a photo\n".repeat(50))]) {
        const res = await upload(form({ listing_number: n }, [["photo.jpg", bytes]]));
        expect(res.status).toBe(415);
        expect(res.body.error.code).toBe("unsupported_media_type");
        expect(res.body.error.message).toContain("photo.jpg");
      }
      expect(await mediaRows(n)).toBe(1);
      expect(storedFiles().sort()).toEqual(before.sort());
    });

    it("files as the kind asked for when the type allows it, and says why when it does not", async () => {
      const n = await newListing();
      const plan = await upload(form({ listing_number: n, kind: "floor_plan" }, [["plan.pdf", fixture("floor-plan.pdf")], ["plan.png", fixture("photo.png")]]));
      expect(plan.status).toBe(201);
      expect(plan.body.items.map((m: Json) => m.kind)).toEqual(["floor_plan", "floor_plan"]);
      const before = storedFiles();
      const wrong = await upload(form({ listing_number: n, kind: "photo" }, [["plan.pdf", fixture("floor-plan.pdf")]]));
      expect(wrong.status).toBe(400);
      expect(wrong.body.error).toMatchObject({ code: "validation_failed", details: [{ field: "kind" }] });
      const unknown = await upload(form({ listing_number: n, kind: "hologram" }, [["a.jpg", fixture("photo.jpg")]]));
      expect(unknown.body.error.details[0].field).toBe("kind");
      expect(await mediaRows(n)).toBe(2);
      expect(storedFiles().sort()).toEqual(before.sort());
    });

    it("refuses a file over the limit with 413, and a later failing file undoes the earlier ones", async () => {
      const n = await newListing();
      const before = storedFiles();
      const big = Buffer.concat([fixture("photo.png"), Buffer.alloc(MAX_FILE_BYTES, 7)]);
      const res = await upload(form({ listing_number: n }, [["ok.jpg", fixture("photo.jpg")], ["big.png", big]]));
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe("payload_too_large");
      expect(res.body.error.message).toContain("big.png");
      await expectNothingLeft(n, before);

      const exe = Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".repeat(300), "latin1");
      const later = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")], ["b.png", fixture("photo.png")], ["c.jpg", exe]]));
      expect(later.status).toBe(415);
      await expectNothingLeft(n, before);
    });

    it("leaves nothing behind when the client goes away mid-upload", async () => {
      const n = await newListing();
      const before = storedFiles();
      await hangUpMidUpload(`${base}/media/upload`, { "X-API-Key": key }, n, Buffer.concat([fixture("photo.png"), Buffer.alloc(20_000, 3)]));
      await expect.poll(() => storedFiles().sort()).toEqual(before.sort());
      expect(await mediaRows(n)).toBe(0);
    });

    it("validates the form: the listing number, at least one file, multipart only, no unknown fields", async () => {
      const n = await newListing();
      const cases: [FormData | string, number, string, string | undefined][] = [
        [form({}, [["a.jpg", fixture("photo.jpg")]]), 400, "validation_failed", "listing_number"],
        [form({ listing_number: "no!" }, [["a.jpg", fixture("photo.jpg")]]), 400, "validation_failed", "listing_number"],
        [form({ listing_number: n }, []), 400, "validation_failed", "files"],
        [form({ listing_number: n, caption: "x" }, [["a.jpg", fixture("photo.jpg")]]), 400, "validation_failed", "caption"],
        [form({ listing_number: n }, [["empty.jpg", Buffer.alloc(0)]]), 400, "validation_failed", "files"],
        [JSON.stringify({ listing_number: n }), 415, "unsupported_media_type", undefined],
      ];
      for (const [body, status, code, field] of cases) {
        const res =
          typeof body === "string"
            ? await fetch(`${base}/media/upload`, { method: "POST", headers: { "X-API-Key": key, "X-Idempotency-Key": randomUUID(), "Content-Type": "application/json" }, body }).then(
                async (r) => ({ status: r.status, body: (await r.json()) as Json }),
              )
            : await upload(body);
        expect({ status: res.status, code: res.body.error.code }).toEqual({ status, code });
        if (field) expect(res.body.error.details.map((d: Json) => d.field)).toContain(field);
      }
      // A field sent twice is refused as such; a field named like an Object.prototype member is
      // an unknown field like any other, not one "sent twice" (nor, for __proto__, ignored).
      const twice = new FormData();
      for (const value of [n, n]) twice.append("listing_number", value);
      twice.append("files", new Blob([new Uint8Array(fixture("photo.jpg"))]), "a.jpg");
      expect((await upload(twice)).body.error.details).toEqual([{ field: "listing_number", message: "must be sent once" }]);
      for (const name of ["constructor", "toString", "hasOwnProperty", "__proto__"]) {
        const res = await upload(form({ listing_number: n, [name]: "x" }, [["a.jpg", fixture("photo.jpg")]]));
        expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 400, code: "validation_failed" });
        expect(res.body.error.details.map((d: Json) => d.field)).toEqual([name]);
        expect(res.body.error.message).not.toContain("sent once");
      }
      expect(await mediaRows(n)).toBe(0);
    });

    it("answers another agency's listing with 404 and a cancelled listing with 422", async () => {
      const theirs = await newListing(other);
      const res = await upload(form({ listing_number: theirs }, [["a.jpg", fixture("photo.jpg")]]));
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("listing_not_found");
      expect(await mediaRows(theirs)).toBe(0);

      const n = await newListing();
      expect((await fetch(`${base}/listings/${n}/cancel`, { method: "POST", headers: { "X-API-Key": key, "X-Idempotency-Key": randomUUID() } })).status).toBe(200);
      const cancelled = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]));
      expect(cancelled.status).toBe(422);
      expect(cancelled.body.error.code).toBe("lifecycle_violation");
    });

    it("is idempotent on the fields and the files' contents", async () => {
      const n = await newListing();
      const idem = randomUUID();
      const first = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), undefined, idem);
      expect(first.status).toBe(201);
      const filesAfterFirst = storedFiles();
      const replay = await upload(form({ listing_number: n.toLowerCase() }, [["a.jpg", fixture("photo.jpg")]]), undefined, idem);
      expect(replay.status).toBe(201);
      expect(replay.headers.get("x-idempotent-replay")).toBe("true");
      expect(replay.body).toEqual(first.body);
      const conflict = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.png")]]), undefined, idem);
      expect(conflict.status).toBe(409);
      expect(conflict.body.error.code).toBe("idempotency_key_conflict");
      expect(await mediaRows(n)).toBe(1);
      expect(storedFiles().sort()).toEqual(filesAfterFirst.sort());
      const missing = await fetch(`${base}/media/upload`, { method: "POST", headers: { "X-API-Key": key }, body: form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]) });
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as Json).error.code).toBe("idempotency_key_required");
    });

    it("needs the media:write scope", async () => {
      const n = await newListing();
      const res = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), { "X-API-Key": readOnlyKey });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("insufficient_scope");
      const none = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), {});
      expect(none.status).toBe(401);
      expect(none.body.error.code).toBe("authentication_required");
    });
  });

  describe("addMedia", () => {
    it("refuses a ticket for another listing, whatever the caller checked before", async () => {
      const [ticketListing, other] = [await newListing(), await newListing()];
      const storage = new LocalStorage(root);
      const ticket = await createUploadTicket(agency.scope, ticketListing, { ttlSeconds: 600 });
      const staged = await storage.stage(Readable.from([fixture("photo.jpg")]));
      const file: StagedMedia = { filename: "a.jpg", contentType: "image/jpeg", extension: "jpg", kind: "photo", sizeBytes: 1, sha256: "0".repeat(64), width: null, height: null, staged };
      const refused = addMedia(agency.scope, storage, { listingNumber: other, files: [file], uploader: { via: "upload_ticket", ticketId: ticket.id } });
      await expect(refused).rejects.toMatchObject({ code: "listing_not_found" });
      await staged.discard();
      expect(await mediaRows(other)).toBe(0);
      expect((await testDb().db.prisma.uploadTicket.findUniqueOrThrow({ where: { id: ticket.id } })).usedAt).toBeNull();
    });

    it("rolls back the rows and the ticket, and deletes the files already moved, when a later step fails", async () => {
      const n = await newListing();
      const storage = new LocalStorage(root);
      const ticket = await createUploadTicket(agency.scope, n, { ttlSeconds: 600 });
      const before = storedFiles();
      const staged = await Promise.all([fixture("photo.jpg"), fixture("photo.png")].map((bytes) => storage.stage(Readable.from([bytes]))));
      const failing = { ...staged[1]!, commit: async () => Promise.reject(new Error("disk full")) };
      const file = (index: number, stagedObject: StagedMedia["staged"]): StagedMedia => ({
        filename: `f${index}.jpg`,
        contentType: "image/jpeg",
        extension: "jpg",
        kind: "photo",
        sizeBytes: 1,
        sha256: "0".repeat(64),
        width: null,
        height: null,
        staged: stagedObject,
      });
      await expect(
        addMedia(agency.scope, storage, { listingNumber: n, files: [file(0, staged[0]!), file(1, failing)], uploader: { via: "upload_ticket", ticketId: ticket.id } }),
      ).rejects.toThrow("disk full");
      expect(await mediaRows(n)).toBe(0);
      expect((await testDb().db.prisma.uploadTicket.findUniqueOrThrow({ where: { id: ticket.id } })).usedAt).toBeNull();
      // The first file was moved to its key and then deleted; the second is still staged (the
      // caller discards it, as the upload handler does).
      await staged[1]!.discard();
      expect(storedFiles().sort()).toEqual(before.sort());
    });

    it("inside a request transaction that then fails to commit, deletes the files it moved; when it commits, keeps them", async () => {
      const n = await newListing();
      const storage = new LocalStorage(root);
      const before = storedFiles();
      const stagedFile = async (): Promise<StagedMedia> => ({
        filename: "f.jpg",
        contentType: "image/jpeg",
        extension: "jpg",
        kind: "photo",
        sizeBytes: 1,
        sha256: "0".repeat(64),
        width: null,
        height: null,
        staged: await storage.stage(Readable.from([fixture("photo.jpg")])),
      });
      const options = { timeoutMs: 30_000, maxWaitMs: 5_000 };
      // As an idempotent upload runs: addMedia's own transaction is a savepoint of the request's,
      // and something after it (storing the answer, the COMMIT) fails.
      const failed = withRequestTransaction(
        testDb().db.prisma,
        async () => {
          await addMedia(agency.scope, storage, { listingNumber: n, files: [await stagedFile()], uploader: { via: "api_key", apiKeyId: "key_test" } });
          expect(storedFiles().length).toBeGreaterThan(before.length); // moved into place, for now
          throw new Error("the answer could not be stored");
        },
        options,
      );
      await expect(failed).rejects.toThrow("the answer could not be stored");
      expect(await mediaRows(n)).toBe(0);
      expect(storedFiles().sort()).toEqual(before.sort());

      const kept = await withRequestTransaction(
        testDb().db.prisma,
        async () => addMedia(agency.scope, storage, { listingNumber: n, files: [await stagedFile()], uploader: { via: "api_key", apiKeyId: "key_test" } }),
        options,
      ).catch((error: unknown) => error);
      expect(kept).not.toBeInstanceOf(Error);
      expect(await mediaRows(n)).toBe(1);
      const row = await testDb().db.prisma.media.findFirstOrThrow({ where: { tour: { listingNumber: n } } });
      expect(fs.existsSync(path.join(root, row.storageKey))).toBe(true);
    });

    it("keeps the moved files when the COMMIT succeeded but its answer was lost: never a row without its file", async () => {
      const n = await newListing();
      const storage = new LocalStorage(root);
      const staged = await Promise.all([fixture("photo.jpg"), fixture("photo.png")].map((bytes) => storage.stage(Readable.from([bytes]))));
      const files: StagedMedia[] = staged.map((stagedObject, index) => ({
        filename: `f${index}.jpg`,
        contentType: "image/jpeg",
        extension: "jpg",
        kind: "photo",
        sizeBytes: 1,
        sha256: "0".repeat(64),
        width: null,
        height: null,
        staged: stagedObject,
      }));
      // The transaction commits, then the client reports a failure (a connection dropped before COMMIT's answer arrived).
      const db = new Proxy(agency.scope.db, {
        get(target, property, receiver) {
          if (property !== "$transaction") return Reflect.get(target, property, receiver);
          return async (...args: Parameters<typeof target.$transaction>) => {
            await target.$transaction(...args);
            throw new Error("connection lost");
          };
        },
      });
      await expect(addMedia({ ...agency.scope, db }, storage, { listingNumber: n, files, uploader: { via: "api_key", apiKeyId: "key_test" } })).rejects.toThrow(
        "connection lost",
      );
      const rows = await testDb().db.prisma.media.findMany({ where: { tour: { listingNumber: n } } });
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(fs.existsSync(path.join(root, row.storageKey))).toBe(true);
    });
  });

  describe("with the dashboard session", () => {
    const cookieFor = async (userId: string) => `next-auth.session-token=${await encode({ token: { sub: userId }, secret: SECRET })}`;

    it("uploads from the app's own origin and refuses other origins, no origin, and read-only roles", async () => {
      const n = await newListing();
      const cookie = await cookieFor(agency.owner.id);
      const ok = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), { Cookie: cookie, Origin: APP_URL });
      expect(ok.status).toBe(201);
      const viaReferer = await upload(form({ listing_number: n }, [["b.jpg", fixture("photo.jpg")]]), { Cookie: cookie, Referer: `${APP_URL}/listings/${n}` });
      expect(viaReferer.status).toBe(201);
      for (const headers of [{ Origin: "https://evil.example" }, { Referer: "https://evil.example/page" }, {}] as Record<string, string>[]) {
        const res = await upload(form({ listing_number: n }, [["c.jpg", fixture("photo.jpg")]]), { Cookie: cookie, ...headers });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe("forbidden");
      }
      const viewer = await upload(form({ listing_number: n }, [["d.jpg", fixture("photo.jpg")]]), { Cookie: await cookieFor(agency.viewer.id), Origin: APP_URL });
      expect(viewer.status).toBe(403);
      const forged = await upload(form({ listing_number: n }, [["e.jpg", fixture("photo.jpg")]]), { Cookie: "next-auth.session-token=not-a-jwt", Origin: APP_URL });
      expect(forged.status).toBe(401);
      expect(await mediaRows(n)).toBe(2);
      // The session reads the media too.
      const media = ok.body.items[0];
      const download = await fetch(`${base}/media/${media.media_id}`, { headers: { Cookie: cookie } });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer())).toEqual(fixture("photo.jpg"));
    });
  });

  describe("download", () => {
    it("streams the bytes with their type, length, name and ETag, and 304 for a matching If-None-Match", async () => {
      const n = await newListing();
      const created = await upload(form({ listing_number: n }, [["Façade «north» \"1\".jpg", fixture("photo.jpg")]]));
      const media = created.body.items[0];
      const res = await fetch(`${base}/media/${media.media_id}`, { headers: { "X-API-Key": readOnlyKey } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(res.headers.get("content-length")).toBe(String(fixture("photo.jpg").length));
      expect(res.headers.get("cache-control")).toBe("private");
      expect(res.headers.get("etag")).toBe(`"${sha256(fixture("photo.jpg"))}"`);
      expect(res.headers.get("content-disposition")).toBe(
        `inline; filename="Fa_ade _north_ _1_.jpg"; filename*=UTF-8''Fa%C3%A7ade%20%C2%ABnorth%C2%BB%20%221%22.jpg`,
      );
      expect(Buffer.from(await res.arrayBuffer())).toEqual(fixture("photo.jpg"));
      const cached = await fetch(`${base}/media/${media.media_id}`, { headers: { "X-API-Key": readOnlyKey, "If-None-Match": `W/"x", ${res.headers.get("etag")}` } });
      expect(cached.status).toBe(304);
      expect(await cached.text()).toBe("");
    });

    it("answers another agency's media, unknown ids and ids with bad percent-encodings with 404 media_not_found", async () => {
      const n = await newListing();
      const created = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]));
      const theirKey = await makeApiKey(other);
      const unknown: [string, string][] = ["media_01JD3Q6W4ZKXY3T5V7B9C1D2EF", "%E9", "%ZZ", "media_%E9%80", "%"].map((id) => [id, key]);
      for (const [id, apiKey] of [[created.body.items[0].media_id, theirKey], ...unknown] as const) {
        const res = await fetch(`${base}/media/${id}`, { headers: { "X-API-Key": apiKey } });
        expect(res.status).toBe(404);
        expect(((await res.json()) as Json).error.code).toBe("media_not_found");
      }
      const wrongMethod = await fetch(`${base}/media/upload`, { headers: { "X-API-Key": key } });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get("allow")).toBe("POST, OPTIONS");
    });
  });

  describe("upload tickets", () => {
    const createTicket = async (listingNumber: string, apiKey = key) => {
      const res = await fetch(`${base}/listings/${listingNumber}/upload-tickets`, { method: "POST", headers: { "X-API-Key": apiKey, "X-Idempotency-Key": randomUUID() } });
      return { status: res.status, body: (await res.json()) as Json };
    };

    it("creates a single-use ticket for one listing, kept only as its hash", async () => {
      const n = await newListing();
      const ticket = await createTicket(n);
      expect(ticket.status).toBe(201);
      expect(ticket.body.token).toMatch(/^ma_upl_[A-Za-z0-9_-]{32}$/);
      expect(ticket.body).toMatchObject({ upload_url: `${APP_URL}/api/v1/media/upload`, listing_number: n, expires_in: 3600 });
      expect(Date.parse(ticket.body.expires_at) - Date.now()).toBeGreaterThan(3500_000);
      const stored = await testDb().db.prisma.uploadTicket.findMany({ where: { tour: { listingNumber: n } } });
      expect(stored).toHaveLength(1);
      expect(stored[0]!.tokenHash).toBe(sha256(Buffer.from(ticket.body.token)));
      expect(JSON.stringify(stored)).not.toContain(ticket.body.token);

      const headers = { "X-Upload-Ticket": ticket.body.token };
      const wrongListing = await upload(form({ listing_number: await newListing() }, [["a.jpg", fixture("photo.jpg")]]), headers);
      expect(wrongListing.status).toBe(404);
      expect(wrongListing.body.error.code).toBe("listing_not_found");

      const idem = randomUUID();
      const first = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), headers, idem);
      expect(first.status).toBe(201);
      const replay = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), headers, idem);
      expect(replay.status).toBe(201);
      expect(replay.headers.get("x-idempotent-replay")).toBe("true");
      const again = await upload(form({ listing_number: n }, [["b.jpg", fixture("photo.jpg")]]), headers);
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe("upload_ticket_used");
      expect(await mediaRows(n)).toBe(1);
      const row = await testDb().db.prisma.media.findFirstOrThrow({ where: { tour: { listingNumber: n } } });
      expect(row).toMatchObject({ uploadedVia: "upload_ticket", uploadTicketId: stored[0]!.id });

      // A ticket is no key: it reads nothing and makes no tickets.
      expect((await fetch(`${base}/listings/${n}`, { headers })).status).toBe(401);
    });

    it("lets a used ticket replay only its own upload's idempotency key; any other key is 401", async () => {
      const n = await newListing();
      const files: [string, Buffer][] = [["a.jpg", fixture("photo.jpg")]];
      // The agency's API key uploads the very same files under a key of its own first.
      const keyOfApiKey = randomUUID();
      const byApiKey = await upload(form({ listing_number: n }, files), { "X-API-Key": key }, keyOfApiKey);
      expect(byApiKey.status).toBe(201);
      const other = await createTicket(n);
      const keyOfOtherTicket = randomUUID();
      expect((await upload(form({ listing_number: n }, files), { "X-Upload-Ticket": other.body.token }, keyOfOtherTicket)).status).toBe(201);

      const { body } = await createTicket(n);
      const headers = { "X-Upload-Ticket": body.token };
      const own = randomUUID();
      const first = await upload(form({ listing_number: n }, files), headers, own);
      expect(first.status).toBe(201);
      const before = storedFiles();
      // The uploader retrying after a lost answer: the same ticket, key and files replay the 201.
      const retry = await upload(form({ listing_number: n }, files), headers, own);
      expect(retry.status).toBe(201);
      expect(retry.headers.get("x-idempotent-replay")).toBe("true");
      expect(retry.body).toEqual(first.body);
      // The same request under the agency's or another ticket's completed key, or a new key: used.
      for (const idem of [keyOfApiKey, keyOfOtherTicket, randomUUID()]) {
        const res = await upload(form({ listing_number: n }, files), headers, idem);
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 401, code: "upload_ticket_used" });
      }
      expect(await mediaRows(n)).toBe(3);
      expect(storedFiles().sort()).toEqual(before.sort());
    });

    it("refuses expired, unknown and malformed tickets, and tickets of cancelled or foreign listings", async () => {
      const n = await newListing();
      const expired = await createUploadTicket(agency.scope, n, { ttlSeconds: 60, now: new Date(Date.now() - 2 * 60_000) });
      const cases: [string, string][] = [
        [expired.token, "upload_ticket_expired"],
        [`ma_upl_${"A".repeat(32)}`, "invalid_upload_ticket"],
        ["nonsense", "invalid_upload_ticket"],
      ];
      for (const [token, code] of cases) {
        const res = await upload(form({ listing_number: n }, [["a.jpg", fixture("photo.jpg")]]), { "X-Upload-Ticket": token });
        expect({ status: res.status, code: res.body.error.code }).toEqual({ status: 401, code });
      }
      expect((await createTicket(await newListing(other))).body.error.code).toBe("listing_not_found");
      expect((await createTicket(n, readOnlyKey)).body.error.code).toBe("insufficient_scope");
      await fetch(`${base}/listings/${n}/cancel`, { method: "POST", headers: { "X-API-Key": key, "X-Idempotency-Key": randomUUID() } });
      expect((await createTicket(n)).body.error.code).toBe("lifecycle_violation");
      expect(await mediaRows(n)).toBe(0);
    });

    it("lets exactly one of two concurrent uploads with one ticket through", async () => {
      const n = await newListing();
      const { body } = await createTicket(n);
      const before = storedFiles();
      const results = await Promise.all(
        ["a.jpg", "b.png"].map((name) => upload(form({ listing_number: n }, [[name, fixture(name === "a.jpg" ? "photo.jpg" : "photo.png")]]), { "X-Upload-Ticket": body.token })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 401]);
      expect(results.find((r) => r.status === 401)!.body.error.code).toBe("upload_ticket_used");
      expect(await mediaRows(n)).toBe(1);
      // The photo and its three variants (mls, web, thumb).
      expect(storedFiles().length).toBe(before.length + 4);
    });
  });
});

// The same upload path with the S3 driver, against s3rver (an S3-compatible server) in-process:
// files stream through lib-storage into the bucket, and a failed upload leaves no object.
describeEachDatabase("media on S3", (testDb) => {
  let s3rver: S3rver;
  let s3Dir: string;
  let storage: S3Storage;
  let server: http.Server;
  let base: string;
  let agency: TestAgency;
  let key: string;
  const BUCKET = "valara-media";
  // Larger than on disk: over the 5 MiB part size, so that an over-limit file goes multipart first.
  const S3_MAX_FILE_BYTES = 6 * 1024 * 1024;

  beforeAll(async () => {
    s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-s3rver-"));
    s3rver = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { address, port } = await s3rver.run();
    storage = new S3Storage({
      bucket: BUCKET,
      region: "us-east-1",
      endpoint: `http://${address}:${port}`,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
    const logger = pino({ level: "silent" });
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: APP_URL,
      maxBodyBytes: 1024 * 1024,
      logger,
      customRoutes: createMediaRoutes({ storage, appUrl: APP_URL, maxFileBytes: S3_MAX_FILE_BYTES, logger }),
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    agency = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await s3rver?.close();
    fs.rmSync(s3Dir, { recursive: true, force: true });
  });

  const objects = async () => ((await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();
  const newListing = async () =>
    (await createListing(agency.scope, { address: "2 Bucket Rd", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id })).listingNumber;
  const mediaRows = (listingNumber: string) => testDb().db.prisma.media.count({ where: { tour: { listingNumber } } });
  const post = (n: string, files: [string, Buffer][]) => {
    const body = new FormData();
    body.append("listing_number", n);
    for (const [name, bytes] of files) body.append("files", new Blob([new Uint8Array(bytes)]), name);
    return fetch(`${base}/media/upload`, { method: "POST", headers: { "X-API-Key": key, "X-Idempotency-Key": randomUUID() }, body });
  };

  it("stores uploads in the bucket, serves them back, and leaves nothing for a failed upload", async () => {
    const n = await newListing();
    const before = await objects();
    const failed = await post(n, [["a.jpg", fixture("photo.jpg")], ["b.txt", Buffer.from("text ".repeat(100))]]);
    expect(failed.status).toBe(415);
    expect(await objects()).toEqual(before);

    const ok = await post(n, [["a.jpg", fixture("photo.jpg")], ["plan.pdf", fixture("floor-plan.pdf")]]);
    expect(ok.status).toBe(201);
    const { items } = (await ok.json()) as Json;
    const rows = await testDb().db.prisma.media.findMany({ where: { tour: { listingNumber: n } }, orderBy: { id: "asc" } });
    const keys = rows.flatMap((r) => [r.storageKey, ...(r.variants as Json[]).map((v) => v.storage_key as string)]);
    expect(keys).toHaveLength(5); // the photo, its mls/web/thumb, the PDF
    expect(await objects()).toEqual(keys.sort());
    const download = await fetch(`${base}/media/${items[1].media_id}`, { headers: { "X-API-Key": key } });
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(fixture("floor-plan.pdf"));
  });

  it("refuses a file over the limit that went multipart with 413, leaving no row and no object", async () => {
    // Past lib-storage's 5 MiB part size, so the file is a multipart upload when the limit stops
    // it; s3rver cannot abort a multipart upload, and that failed abort must not turn the 413 into a 500.
    const n = await newListing();
    const before = await objects();
    const big = Buffer.concat([fixture("photo.png"), Buffer.alloc(7 * 1024 * 1024, 7)]);
    const res = await post(n, [["a.jpg", fixture("photo.jpg")], ["big.png", big]]);
    const body = (await res.json()) as Json;
    expect({ status: res.status, code: body.error?.code }).toEqual({ status: 413, code: "payload_too_large" });
    expect(body.error.message).toContain("big.png");
    expect(await mediaRows(n)).toBe(0);
    await expect.poll(objects).toEqual(before);
  });

  it("leaves no row and no object when the client goes away mid-upload, and serves the next upload", async () => {
    const n = await newListing();
    const before = await objects();
    // The second file is cut off past the part size: a multipart upload is under way when the client leaves.
    await hangUpMidUpload(`${base}/media/upload`, { "X-API-Key": key }, n, Buffer.concat([fixture("photo.png"), Buffer.alloc(5.5 * 1024 * 1024, 3)]));
    await expect.poll(objects).toEqual(before);
    expect(await mediaRows(n)).toBe(0);
    const next = await post(n, [["a.jpg", fixture("photo.jpg")]]);
    expect(next.status).toBe(201);
    expect(await mediaRows(n)).toBe(1);
  });
});
