// API key authentication and scopes: X-API-Key or Authorization: Bearer, never the query string;
// missing, malformed, unknown, revoked and expired keys; keys lacking the endpoint's scope.
import { expect, test } from "@playwright/test";
import { cliAtClockOffset, mintKey, provisionAgency, revokeKey, type ProvisionedAgency } from "../support/cli";
import { API_KEY, ApiClient, createListing, expectError, expectJson, idemKey, listingBody, withRequest } from "../support/api";

const DAY_MS = 24 * 60 * 60 * 1000;

let agency: ProvisionedAgency;
let listingNumber: string;

test.beforeAll(async ({ playwright }) => {
  agency = await provisionAgency("auth");
  listingNumber = await withRequest(playwright, async (request) => (await createListing(new ApiClient(request, agency.key), agency)).listing_number);
});

/** One request per endpoint, each of which needs a key. */
function everyEndpoint(api: ApiClient, n: string) {
  return [
    () => api.get("/listings"),
    () => api.post("/listings", listingBody(agency)),
    () => api.get(`/listings/${n}`),
    () => api.get(`/listings/${n}/orders`),
    () => api.patch(`/listings/${n}/status`, { status: "Active" }),
    () => api.post(`/listings/${n}/cancel`),
    () => api.patch(`/listings/${n}/sections/floorplan`, { url: "https://example.com/plan.pdf" }),
    () => api.get("/users"),
  ];
}

test.describe("presenting a key", () => {
  test("keys have the documented format ma_live_ak_<26 Crockford base32>", async () => {
    expect(agency.key).toMatch(API_KEY);
    const minted = await mintKey(agency.slug, "users:read");
    expect(minted.key).toMatch(API_KEY);
    expect(minted.key).not.toBe(agency.key);
  });

  test("as X-API-Key", async ({ request }) => {
    const res = await new ApiClient(request, agency.key).get(`/listings/${listingNumber}`);
    expectJson(res, 200);
    expect(res.body.listing_number).toBe(listingNumber);
  });

  test("as Authorization: Bearer, for reads and writes", async ({ request }) => {
    const bearer = new ApiClient(request);
    const auth = { Authorization: `Bearer ${agency.key}` };
    expectJson(await bearer.get("/users", { headers: auth }), 200);
    expectJson(await bearer.get("/users", { headers: { Authorization: `bearer ${agency.key}` } }), 200);
    const created = await bearer.post("/listings", listingBody(agency), { headers: auth });
    expectJson(created, 201);
  });

  test("never from the query string, even alongside a valid header", async ({ request }) => {
    const anonymous = new ApiClient(request);
    for (const name of ["api_key", "apikey", "apiKey", "access_token"]) {
      const res = await anonymous.get("/listings", { params: { [name]: agency.key } });
      expect(res.status, name).not.toBe(200);
      const error = expectError(res, 401, "invalid_api_key");
      expect(error.message).toMatch(/query string/);
      // A key in the URL is refused even when the header carries a valid one: URLs end up in logs.
      expectError(await new ApiClient(request, agency.key).get("/listings", { params: { [name]: agency.key } }), 401, "invalid_api_key");
    }
    const write = await anonymous.post("/listings", listingBody(agency), { params: { api_key: agency.key } });
    expectError(write, 401, "invalid_api_key");
  });

  test("no key at all is 401 authentication_required on every endpoint", async ({ request }) => {
    for (const call of everyEndpoint(new ApiClient(request), listingNumber)) {
      const error = expectError(await call(), 401, "authentication_required");
      expect(error.message).toMatch(/X-API-Key/);
    }
    // Empty or non-Bearer credentials are not a key either.
    const anonymous = new ApiClient(request);
    expectError(await anonymous.get("/users", { headers: { "X-API-Key": "" } }), 401, "authentication_required");
    expectError(await anonymous.get("/users", { headers: { Authorization: "Basic dXNlcjpwYXNz" } }), 401, "authentication_required");
    expectError(await anonymous.get("/users", { headers: { Authorization: "Bearer" } }), 401, "authentication_required");
  });

  test("a malformed key is 401 invalid_api_key", async ({ request }) => {
    const body = agency.key.slice("ma_live_ak_".length);
    for (const key of [
      "nope",
      `sk_live_${body}`,
      `ma_test_ak_${body}`,
      `ma_live_ak_${body.slice(0, 25)}`,
      `ma_live_ak_${body}0`,
      `ma_live_ak_${body.slice(0, 25)}U`, // U is not Crockford base32
    ]) {
      expectError(await new ApiClient(request, key).get("/users"), 401, "invalid_api_key");
      expectError(await new ApiClient(request).get("/users", { headers: { Authorization: `Bearer ${key}` } }), 401, "invalid_api_key");
    }
  });

  test("a well-formed key that was never minted is 401 invalid_api_key", async ({ request }) => {
    const last = agency.key.at(-1) === "0" ? "1" : "0";
    const unknown = `${agency.key.slice(0, -1)}${last}`;
    expectError(await new ApiClient(request, unknown).get("/users"), 401, "invalid_api_key");
    expectError(await new ApiClient(request, "ma_live_ak_00000000000000000000000000").get("/users"), 401, "invalid_api_key");
  });

  test("authentication comes first: a bad key on a bad request is still 401", async ({ request }) => {
    const api = new ApiClient(request, "ma_live_ak_00000000000000000000000000");
    expectError(await api.post("/listings", undefined, { rawBody: "{not json", idempotencyKey: null }), 401, "invalid_api_key");
    expectError(await api.get("/listings", { params: { limit: 0 } }), 401, "invalid_api_key");
    expectError(await api.get("/listings/ZZZZZZ"), 401, "invalid_api_key");
  });
});

test.describe("revoked and expired keys", () => {
  test("a revoked key is refused at once with 401 api_key_revoked; the agency's other keys still work", async ({ request }) => {
    const minted = await mintKey(agency.slug, "listings:read,listings:write,users:read");
    const api = new ApiClient(request, minted.key);
    expectJson(await api.get("/users"), 200);

    await revokeKey(minted.id);

    for (const call of everyEndpoint(api, listingNumber)) {
      const error = expectError(await call(), 401, "api_key_revoked");
      expect(error.message).toMatch(/revoked/);
    }
    expectError(await new ApiClient(request).get("/users", { headers: { Authorization: `Bearer ${minted.key}` } }), 401, "api_key_revoked");
    expectJson(await new ApiClient(request, agency.key).get("/users"), 200);
  });

  test("a key minted with an expiry works until then", async ({ request }) => {
    const minted = await mintKey(agency.slug, "listings:read,users:read", ["--expires-in-days", "1"]);
    expectJson(await new ApiClient(request, minted.key).get("/users"), 200);
  });

  test("an expired key is 401 api_key_expired", async ({ request }) => {
    // The real CLI mints a one-day key with its clock two days behind: the key expired a day ago.
    // The server runs on real time; nothing is written to the database behind the CLI's back.
    const minted = await cliAtClockOffset<{ key: string; api_key: { expires_at: string } }>(-2 * DAY_MS, [
      "key", "create", "--agency", agency.slug, "--name", "expired", "--scopes", "all", "--expires-in-days", "1",
    ]);
    expect(minted.exitCode, minted.stderr).toBe(0);
    expect(minted.json.key).toMatch(API_KEY);
    expect(new Date(minted.json.api_key.expires_at).getTime()).toBeLessThan(Date.now());

    const api = new ApiClient(request, minted.json.key);
    for (const call of everyEndpoint(api, listingNumber)) {
      const error = expectError(await call(), 401, "api_key_expired");
      expect(error.message).toMatch(/expired/);
    }
  });
});

test.describe("scopes", () => {
  test("a listings:read key reads listings but may not write them or read users", async ({ request }) => {
    const { key } = await mintKey(agency.slug, "listings:read");
    const api = new ApiClient(request, key);
    expectJson(await api.get("/listings"), 200);
    expectJson(await api.get(`/listings/${listingNumber}`), 200);
    expectJson(await api.get(`/listings/${listingNumber}/orders`), 200);

    const before = (await api.get("/listings")).body.total;
    const refusals = [
      [await api.post("/listings", listingBody(agency)), "listings:write"],
      [await api.patch(`/listings/${listingNumber}/status`, { status: "Active" }), "listings:write"],
      [await api.post(`/listings/${listingNumber}/cancel`), "listings:write"],
      [await api.patch(`/listings/${listingNumber}/sections/floorplan`, { url: "https://example.com/p.pdf" }), "listings:write"],
      [await api.get("/users"), "users:read"],
    ] as const;
    for (const [res, scope] of refusals) {
      const error = expectError(res, 403, "insufficient_scope");
      expect(error.message).toContain(scope);
    }
    // Nothing was written.
    expect((await api.get("/listings")).body.total).toBe(before);
    const listing = (await api.get(`/listings/${listingNumber}`)).body;
    expect(listing.status).toBe("Coming Soon");
    expect(listing.sections.floorplan).toBeNull();
  });

  test("a users:read key reads users and nothing else", async ({ request }) => {
    const { key } = await mintKey(agency.slug, "users:read");
    const api = new ApiClient(request, key);
    expectJson(await api.get("/users"), 200);
    expectError(await api.get("/listings"), 403, "insufficient_scope");
    expectError(await api.get(`/listings/${listingNumber}`), 403, "insufficient_scope");
    expectError(await api.get(`/listings/${listingNumber}/orders`), 403, "insufficient_scope");
  });

  test("a 403 is not stored under the idempotency key: the retry with a key that has the scope succeeds", async ({ request }) => {
    const { key: readOnly } = await mintKey(agency.slug, "listings:read");
    const idempotencyKey = idemKey();
    const body = listingBody(agency, { address: `scope retry ${idempotencyKey}` });

    const refused = await new ApiClient(request, readOnly).post("/listings", body, { idempotencyKey });
    expectError(refused, 403, "insufficient_scope");
    expect(refused.headers["x-idempotent-replay"]).toBeUndefined();

    const retried = await new ApiClient(request, agency.key).post("/listings", body, { idempotencyKey });
    expectJson(retried, 201);
    expect(retried.headers["x-idempotent-replay"]).toBeUndefined();
    expect(retried.body.address).toBe(body.address);
  });

  test("the scope is checked before the request's content", async ({ request }) => {
    const { key } = await mintKey(agency.slug, "listings:read");
    const api = new ApiClient(request, key);
    expectError(await api.post("/listings", {}, { idempotencyKey: null }), 403, "insufficient_scope");
    expectError(await api.post("/listings", undefined, { rawBody: "{oops" }), 403, "insufficient_scope");
  });
});
