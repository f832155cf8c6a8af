// POST /api/v1/media/upload and GET /api/v1/media/{media_id} over real HTTP against the
// production build: every allowed type, detection from the bytes, the size limit, idempotency,
// the listing's media, downloads with ETags, tenancy, and conformance to the OpenAPI document.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { mintKey, provisionAgency, type ProvisionedAgency } from "../support/cli";
import { API, APP_URL, ApiClient, createListing, expectError, expectJson, idemKey, wrap, type Res } from "../support/api";
import { hangUpMidUpload, upload } from "../support/media";
import { Conformance, type Doc } from "../support/openapi";
import { E2E_PORT } from "../support/env";
import { connect } from "../../server/testing/raw-http";

const FIXTURES = path.resolve("e2e/fixtures/media");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const MEDIA_ID = /^media_[0-9A-HJKMNP-TV-Z]{26}$/;

let agency: ProvisionedAgency;
let other: ProvisionedAgency;
let doc: Doc;

test.beforeAll(async ({ playwright }) => {
  [agency, other] = await Promise.all([provisionAgency("media"), provisionAgency("media-other")]);
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  doc = (await wrap(await request.get("/api/openapi.json"))).body;
  await request.dispose();
});

test("uploads every allowed type; the listing lists them by kind; each downloads as stored", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const oas = await Conformance.of(doc);
  const { listing_number: n } = await createListing(api, agency);
  const samples: [string, string, string, number | null, number | null][] = [
    ["photo.jpg", "image/jpeg", "photo", 12, 8],
    ["photo.png", "image/png", "photo", 10, 6],
    ["photo.webp", "image/webp", "photo", 9, 7],
    ["photo.heic", "image/heic", "photo", 64, 64],
    ["tour.mp4", "video/mp4", "video", null, null],
    ["floor-plan.pdf", "application/pdf", "document", null, null],
  ];
  const res = await upload(request, { listing_number: n }, samples.map(([name]) => [name, fixture(name)]), { "X-API-Key": agency.key });
  expectJson(res, 201);
  oas.expectResponse("POST", "/media/upload", res);
  expect(res.body.listing_number).toBe(n);
  for (const [index, [name, contentType, kind, width, height]] of samples.entries()) {
    const item = res.body.items[index];
    expect(item).toEqual({
      media_id: expect.stringMatching(MEDIA_ID),
      kind,
      filename: name,
      content_type: contentType,
      size_bytes: fixture(name).length,
      sha256: sha256(fixture(name)),
      width,
      height,
      url: `${APP_URL}${API}/media/${item.media_id}`,
      uploaded_at: expect.any(String),
      caption: null,
      is_cover: false,
      // Photos that decode get their three sizes; the rest (HEIC too: libvips here has no HEVC) none.
      variants: ["photo.heic", "tour.mp4", "floor-plan.pdf"].includes(name)
        ? []
        : ["mls", "web", "thumb"].map((size) =>
            expect.objectContaining({ size, content_type: "image/jpeg", url: `${APP_URL}${API}/media/${item.media_id}?size=${size}` }),
          ),
    });
  }

  const listing = await api.get(`/listings/${n}`);
  expectJson(listing, 200);
  oas.expectResponse("GET", "/listings/{listing_number}", listing);
  expect(Object.keys(listing.body.media).sort()).toEqual(["documents", "floor_plans", "photos", "videos"]);
  expect(listing.body.media.photos.map((m: any) => m.filename)).toEqual(["photo.jpg", "photo.png", "photo.webp", "photo.heic"]);
  expect(listing.body.media.videos).toEqual([res.body.items[4]]);
  expect(listing.body.media.documents).toEqual([res.body.items[5]]);
  const page = await api.get("/listings", { params: { limit: 200 } });
  expect(page.body.items.find((l: any) => l.listing_number === n).media).toEqual(listing.body.media);

  // Each downloads with its own bytes, type and length, with a key that may only read.
  const reader = await mintKey(agency.slug, "listings:read");
  for (const [index, [name, contentType]] of samples.entries()) {
    const item = res.body.items[index];
    const download = await request.get(new URL(item.url).pathname, { headers: { "X-API-Key": reader.key } });
    expect(download.status()).toBe(200);
    const headers = download.headers();
    expect(headers["content-type"]).toBe(contentType);
    expect(headers["content-length"]).toBe(String(fixture(name).length));
    expect(headers["etag"]).toBe(`"${sha256(fixture(name))}"`);
    expect(headers["cache-control"]).toBe("private");
    expect(headers["content-disposition"]).toBe(`inline; filename="${name}"; filename*=UTF-8''${name}`);
    expect(headers["x-request-id"]).toMatch(/^req_/);
    expect(Buffer.compare(await download.body(), fixture(name))).toBe(0);
    const notModified = await request.get(new URL(item.url).pathname, { headers: { "X-API-Key": reader.key, "If-None-Match": headers["etag"]! } });
    expect(notModified.status()).toBe(304);
    expect((await notModified.body()).length).toBe(0);
    // HEAD: the download's headers, no bytes.
    const head = await request.head(new URL(item.url).pathname, { headers: { "X-API-Key": reader.key } });
    expect(head.status()).toBe(200);
    expect(head.headers()["content-length"]).toBe(String(fixture(name).length));
    expect(head.headers()["etag"]).toBe(headers["etag"]);
    expect((await head.body()).length).toBe(0);
  }
});

test("the type comes from the bytes: a PDF named .jpg is a document, an executable or text named .jpg is 415", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  const pdf = await upload(request, { listing_number: n }, [["photo.jpg", fixture("floor-plan.pdf")]], { "X-API-Key": agency.key });
  expectJson(pdf, 201);
  expect(pdf.body.items[0]).toMatchObject({ filename: "photo.jpg", content_type: "application/pdf", kind: "document" });
  const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(2048, 0)]);
  for (const bytes of [exe, Buffer.from("<html><script>alert(1)</script></html>")]) {
    const res = await upload(request, { listing_number: n }, [["photo.jpg", bytes]], { "X-API-Key": agency.key });
    const error = expectError(res, 415, "unsupported_media_type");
    expect(error.message).toContain("photo.jpg");
  }
  const listing = await api.get(`/listings/${n}`);
  expect(listing.body.media.documents).toHaveLength(1);
  expect(listing.body.media.photos).toHaveLength(0);
});

test("a file over MEDIA_MAX_FILE_BYTES (50 MB) is 413 and stores nothing, not even the files before it", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  const big = Buffer.concat([fixture("photo.png"), Buffer.alloc(50 * 1024 * 1024, 1)]);
  // Over a bare socket, reading while it writes: the server answers 413 as soon as the file passes
  // the limit, and closes the connection rather than reading on if the body is not over by then, so
  // a client that only reads once it has sent everything may see the connection reset instead
  // (README, "Too large"). Here the file passes the limit just before the body ends.
  const boundary = "----valara-e2e-413";
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="listing_number"\r\n\r\n${n}\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="small.jpg"\r\n\r\n`),
    fixture("photo.jpg"),
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="huge.png"\r\n\r\n`),
    big,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const connection = await connect(E2E_PORT);
  connection.socket.write(
    `POST ${API}/media/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${agency.key}\r\nX-Idempotency-Key: ${idemKey()}\r\n` +
      `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  let sent = 0;
  while (sent < body.length && !connection.socket.destroyed && !connection.received()) {
    const piece = body.subarray(sent, sent + 256 * 1024);
    sent += piece.length;
    if (!connection.socket.write(piece)) await Promise.race([new Promise((resolve) => connection.socket.once("drain", resolve)), connection.closed]);
  }
  const res = await connection.response();
  expect(res.status).toBe(413);
  expect(JSON.parse(res.body).error.code).toBe("payload_too_large");
  connection.socket.destroy();
  expect((await api.get(`/listings/${n}`)).body.media.photos).toEqual([]);
});

test("a client that goes away mid-upload leaves no media, and the server carries on", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  await hangUpMidUpload(n, { "X-API-Key": agency.key }, fixture("photo.jpg"), Buffer.concat([fixture("photo.png"), Buffer.alloc(256 * 1024, 3)]));
  const media = async () => (await api.get(`/listings/${n}`)).body.media;
  // Give the server time to notice and clean up; the listing never gains media from it.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await media()).toEqual({ photos: [], videos: [], documents: [], floor_plans: [] });
  expect((await request.get("/healthz")).status()).toBe(200);
  const next = await upload(request, { listing_number: n }, [["after.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key });
  expectJson(next, 201);
  expect((await media()).photos.map((m: any) => m.filename)).toEqual(["after.jpg"]);
});

test("kind: as asked when the type fits, 400 naming kind when it does not", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  const plan = await upload(request, { listing_number: n, kind: "floor_plan" }, [["plan.pdf", fixture("floor-plan.pdf")]], { "X-API-Key": agency.key });
  expectJson(plan, 201);
  expect((await api.get(`/listings/${n}`)).body.media.floor_plans.map((m: any) => m.filename)).toEqual(["plan.pdf"]);
  const wrong = await upload(request, { listing_number: n, kind: "video" }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key });
  expect(expectError(wrong, 400, "validation_failed").details?.[0]?.field).toBe("kind");
});

test("idempotent on fields and file contents: a replay returns the same media, other files under the key are a conflict", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  const key = idemKey();
  const first = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key }, key);
  expectJson(first, 201);
  const replay = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key }, key);
  expectJson(replay, 201);
  expect(replay.headers["x-idempotent-replay"]).toBe("true");
  expect(replay.body).toEqual(first.body);
  expectError(await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.png")]], { "X-API-Key": agency.key }, key), 409, "idempotency_key_conflict");
  expectError(await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key }, null), 400, "idempotency_key_required");
  expect((await api.get(`/listings/${n}`)).body.media.photos).toHaveLength(1);
});

test("tenancy, scopes and the envelope", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const oas = await Conformance.of(doc);
  const { listing_number: n } = await createListing(api, agency);
  const { listing_number: theirs } = await createListing(new ApiClient(request, other.key), other);
  const created = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key });
  const mediaPath = `${API}/media/${created.body.items[0].media_id}`;

  const cases: [Promise<Res>, number, string][] = [
    [upload(request, { listing_number: theirs }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key }), 404, "listing_not_found"],
    [upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": (await mintKey(agency.slug, "listings:read")).key }), 403, "insufficient_scope"],
    [upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], {}), 401, "authentication_required"],
    [upload(request, { listing_number: n }, [], { "X-API-Key": agency.key }), 400, "validation_failed"],
    [upload(request, {}, [["a.jpg", fixture("photo.jpg")]], { "X-API-Key": agency.key }), 400, "validation_failed"],
    [api.post("/media/upload", { listing_number: n }), 415, "unsupported_media_type"],
  ];
  for (const [pending, status, code] of cases) {
    const res = await pending;
    expectError(res, status, code);
    oas.expectResponse("POST", "/media/upload", res);
  }
  const downloads: [Promise<Res>, number, string][] = [
    [wrap(await request.get(mediaPath, { headers: { "X-API-Key": other.key } })), 404, "media_not_found"],
    [wrap(await request.get(`${API}/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF`, { headers: { "X-API-Key": agency.key } })), 404, "media_not_found"],
    // Ids that are not valid percent-encoding (a lone UTF-8 byte, a malformed escape): unknown ids, not a 500.
    [wrap(await request.get(`${API}/media/%E9`, { headers: { "X-API-Key": agency.key } })), 404, "media_not_found"],
    [wrap(await request.get(`${API}/media/%ZZ`, { headers: { "X-API-Key": agency.key } })), 404, "media_not_found"],
    [wrap(await request.get(mediaPath)), 401, "authentication_required"],
    [wrap(await request.get(mediaPath, { headers: { "X-API-Key": (await mintKey(agency.slug, "media:write")).key } })), 403, "insufficient_scope"],
  ];
  for (const [pending, status, code] of downloads) {
    const res = await pending;
    expectError(res, status, code);
    oas.expectResponse("GET", "/media/{media_id}", res);
  }
  const wrongMethod = await api.get("/media/upload");
  expectError(wrongMethod, 405, "method_not_allowed");
  expect(wrongMethod.headers["allow"]).toBe("POST, OPTIONS");
  const deleteMedia = await api.call("DELETE", `/media/${created.body.items[0].media_id}`);
  expectError(deleteMedia, 405, "method_not_allowed");
  // PATCH (caption, cover) shares the path with the download.
  expect(deleteMedia.headers["allow"]).toBe("PATCH, GET, HEAD, OPTIONS");
});

test("the OpenAPI document describes the upload (multipart, three ways in) and the download", async () => {
  const op = doc.paths["/media/upload"]!.post!;
  expect(Object.keys(op.requestBody!.content)).toEqual(["multipart/form-data"]);
  const schema = op.requestBody!.content["multipart/form-data"]!.schema;
  expect(Object.keys(schema.properties).sort()).toEqual(["files", "kind", "listing_number"]);
  expect(op.security).toEqual([{ ApiKeyHeader: [] }, { BearerAuth: [] }, { UploadTicket: [] }, { SessionCookie: [] }]);
  expect(doc.components.securitySchemes.UploadTicket).toMatchObject({ type: "apiKey", in: "header", name: "X-Upload-Ticket" });
  expect(doc.components.securitySchemes.SessionCookie).toMatchObject({ type: "apiKey", in: "cookie" });
  expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "409", "413", "415", "422"]));
  // 413 and 415 are about the files (the limit per file, the types found in the bytes), not a JSON body.
  const tooLarge = op.responses["413"]!;
  expect(tooLarge.description).toContain("52428800 bytes (50 MiB)");
  expect(tooLarge.description).toContain("MEDIA_MAX_FILE_BYTES");
  expect(tooLarge.content?.["application/json"]?.examples?.payload_too_large?.value.error.message).toContain("A file is larger than 52428800 bytes");
  const unsupported = op.responses["415"]!;
  for (const type of ["JPEG", "PNG", "WebP", "HEIC", "MP4", "PDF", "multipart/form-data"]) expect(unsupported.description).toContain(type);
  for (const response of [tooLarge, unsupported]) {
    expect(response.description).not.toContain("application/json");
    expect(response.description).not.toContain("larger than the API accepts");
  }
  // The JSON endpoints keep the body's own meaning.
  expect(doc.paths["/listings"]!.post!.responses["415"]!.description).toContain("application/json");
  const download = doc.paths["/media/{media_id}"]!.get!;
  expect(Object.keys(download.responses)).toEqual(expect.arrayContaining(["200", "304", "404"]));
  expect(download.parameters?.map((p) => p.name)).toEqual(["media_id", "size"]);
});
