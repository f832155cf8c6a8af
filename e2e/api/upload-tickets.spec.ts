// Upload tickets over real HTTP: POST /api/v1/listings/{n}/upload-tickets with an API key, then
// uploads with X-Upload-Ticket and no key: one listing only, one successful use (a replay of it
// under its own idempotency key still answers, no other key does), expiry (the ticket's expiry is
// moved into the past in the database: the server's clock cannot be moved from here), concurrent
// uses, unknown tickets, other methods, and nothing else a ticket can open.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { mintKey, provisionAgency, type ProvisionedAgency } from "../support/cli";
import { expireUploadTicket } from "../support/db";
import { API, APP_URL, ApiClient, createListing, expectError, expectJson, idemKey, wrap } from "../support/api";
import { Conformance, type Doc } from "../support/openapi";
import { upload } from "../support/media";

const fixture = (name: string) => fs.readFileSync(path.resolve("e2e/fixtures/media", name));

let agency: ProvisionedAgency;
let doc: Doc;

test.beforeAll(async ({ playwright }) => {
  agency = await provisionAgency("tickets");
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  doc = (await wrap(await request.get("/api/openapi.json"))).body;
  await request.dispose();
});

test("a ticket uploads once to its listing, without an API key", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const oas = await Conformance.of(doc);
  const { listing_number: n } = await createListing(api, agency);
  const { listing_number: elsewhere } = await createListing(api, agency);

  const created = await api.post(`/listings/${n}/upload-tickets`);
  expectJson(created, 201);
  oas.expectResponse("POST", "/listings/{listing_number}/upload-tickets", created);
  expect(created.body).toEqual({
    token: expect.stringMatching(/^ma_upl_[A-Za-z0-9_-]{32}$/),
    upload_url: `${APP_URL}${API}/media/upload`,
    listing_number: n,
    expires_in: 3600,
    expires_at: expect.any(String),
  });
  const expiresIn = Date.parse(created.body.expires_at) - Date.now();
  expect(expiresIn).toBeGreaterThan(3000_000);
  expect(expiresIn).toBeLessThanOrEqual(3600_000);
  const ticket = { "X-Upload-Ticket": created.body.token };

  // Not another listing, and nothing but uploads.
  const wrongListing = await upload(request, { listing_number: elsewhere }, [["a.jpg", fixture("photo.jpg")]], ticket);
  expectError(wrongListing, 404, "listing_not_found");
  expectError(await wrap(await request.get(`${API}/listings/${n}`, { headers: ticket })), 401, "authentication_required");
  expectError(await wrap(await request.post(`${API}/listings/${n}/upload-tickets`, { headers: { ...ticket, "X-Idempotency-Key": idemKey() } })), 401, "authentication_required");

  const key = idemKey();
  const first = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")], ["b.pdf", fixture("floor-plan.pdf")]], ticket, key);
  expectJson(first, 201);
  oas.expectResponse("POST", "/media/upload", first);
  expect(first.body.items.map((m: any) => m.kind)).toEqual(["photo", "document"]);

  // The same request again is answered from the ledger; anything else is refused.
  const replay = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")], ["b.pdf", fixture("floor-plan.pdf")]], ticket, key);
  expectJson(replay, 201);
  expect(replay.headers["x-idempotent-replay"]).toBe("true");
  expect(replay.body).toEqual(first.body);
  const again = await upload(request, { listing_number: n }, [["c.jpg", fixture("photo.jpg")]], ticket);
  expectError(again, 401, "upload_ticket_used");
  oas.expectResponse("POST", "/media/upload", again);
  // The same files under a key the agency's API key completed are not this ticket's upload to replay.
  const apiKeyKey = idemKey();
  expectJson(await upload(request, { listing_number: n }, [["d.jpg", fixture("photo.png")]], { "X-API-Key": agency.key }, apiKeyKey), 201);
  expectError(await upload(request, { listing_number: n }, [["d.jpg", fixture("photo.png")]], ticket, apiKeyKey), 401, "upload_ticket_used");

  const listing = await api.get(`/listings/${n}`);
  expect(listing.body.media.photos.map((m: any) => m.filename)).toEqual(["a.jpg", "d.jpg"]);
  expect(listing.body.media.documents.map((m: any) => m.filename)).toEqual(["b.pdf"]);
  expect((await api.get(`/listings/${elsewhere}`)).body.media.photos).toEqual([]);
});

test("of two concurrent uploads with one ticket, exactly one succeeds", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  const { body } = await api.post(`/listings/${n}/upload-tickets`);
  const results = await Promise.all(
    Array.from({ length: 4 }, (_, i) => upload(request, { listing_number: n }, [[`shot-${i}.jpg`, fixture("photo.jpg")]], { "X-Upload-Ticket": body.token })),
  );
  expect(results.map((r) => r.status).sort()).toEqual([201, 401, 401, 401]);
  for (const refused of results.filter((r) => r.status === 401)) expectError(refused, 401, "upload_ticket_used");
  expect((await api.get(`/listings/${n}`)).body.media.photos).toHaveLength(1);
});

test("unknown and malformed tickets are 401 invalid_upload_ticket; tickets need media:write and a live listing", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const oas = await Conformance.of(doc);
  const { listing_number: n } = await createListing(api, agency);
  for (const token of [`ma_upl_${"x".repeat(32)}`, "ma_live_ak_01JD3Q6W4ZKXY3T5V7B9C1D2EF", "garbage"]) {
    const res = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-Upload-Ticket": token });
    expectError(res, 401, "invalid_upload_ticket");
    oas.expectResponse("POST", "/media/upload", res);
  }
  const reader = await mintKey(agency.slug, "listings:read");
  const cases: [Promise<any>, number, string][] = [
    [api.withKey(reader.key).post(`/listings/${n}/upload-tickets`), 403, "insufficient_scope"],
    [api.post("/listings/ZZZZZZ/upload-tickets"), 404, "listing_not_found"],
    [api.post(`/listings/${n}/upload-tickets`, undefined, { idempotencyKey: null }), 400, "idempotency_key_required"],
  ];
  for (const [pending, status, code] of cases) {
    const res = await pending;
    expectError(res, status, code);
    oas.expectResponse("POST", "/listings/{listing_number}/upload-tickets", res);
  }
  expectJson(await api.post(`/listings/${n}/cancel`), 200);
  const cancelled = await api.post(`/listings/${n}/upload-tickets`);
  expectError(cancelled, 422, "lifecycle_violation");
  oas.expectResponse("POST", "/listings/{listing_number}/upload-tickets", cancelled);
});

test("an expired ticket is 401 upload_ticket_expired and uploads nothing", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const oas = await Conformance.of(doc);
  const { listing_number: n } = await createListing(api, agency);
  const created = await api.post(`/listings/${n}/upload-tickets`);
  expectJson(created, 201);
  await expireUploadTicket(created.body.token);
  const res = await upload(request, { listing_number: n }, [["a.jpg", fixture("photo.jpg")]], { "X-Upload-Ticket": created.body.token });
  expectError(res, 401, "upload_ticket_expired");
  oas.expectResponse("POST", "/media/upload", res);
  expect((await api.get(`/listings/${n}`)).body.media.photos).toEqual([]);
});

test("upload-tickets takes POST only: GET, PUT and DELETE are 405 in the envelope", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency);
  for (const method of ["GET", "PUT", "DELETE"]) {
    const res = await api.call(method, `/listings/${n}/upload-tickets`);
    const error = expectError(res, 405, "method_not_allowed");
    expect(error.message).toContain(method);
    expect(res.headers["allow"]).toBe("POST, OPTIONS");
  }
});
