// X-Idempotency-Key on POST and PATCH: required; a repeat of the same request replays the stored
// status and body (X-Idempotent-Replay: true); a different request with the key is a conflict; a
// repeat while the first is still running is told so; fifty racing copies create one listing.
import { expect, test } from "@playwright/test";
import { provisionAgency, type ProvisionedAgency } from "../support/cli";
import { lockListingRow, requestsWaitingOnLocks } from "../support/db";
import { ApiClient, createListing, expectError, expectJson, idemKey, listingBody, type Res } from "../support/api";

let agency: ProvisionedAgency;

test.beforeAll(async () => {
  agency = await provisionAgency("idem");
});

const total = async (api: ApiClient) => {
  const res = await api.get("/listings", { params: { limit: 1 } });
  expectJson(res, 200);
  return res.body.total as number;
};

test.describe("the key is required", () => {
  test("on every POST and PATCH, and nothing happens without it", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const listing = await createListing(api, agency);
    const n = listing.listing_number;
    const before = await total(api);
    for (const res of [
      await api.post("/listings", listingBody(agency), { idempotencyKey: null }),
      await api.patch(`/listings/${n}/status`, { status: "Active" }, { idempotencyKey: null }),
      await api.post(`/listings/${n}/cancel`, undefined, { idempotencyKey: null }),
      await api.patch(`/listings/${n}/sections/floorplan`, { url: "https://example.com/p.pdf" }, { idempotencyKey: null }),
    ]) {
      const error = expectError(res, 400, "idempotency_key_required");
      expect(error.message).toContain("X-Idempotency-Key");
    }
    expect(await total(api)).toBe(before);
    const after = (await api.get(`/listings/${n}`)).body;
    expect(after.status).toBe("Coming Soon");
    expect(after.sections.floorplan).toBeNull();
  });

  test("an empty key is missing; an over-long key or one with spaces is 400 naming the header", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    expectError(await api.post("/listings", listingBody(agency), { idempotencyKey: "" }), 400, "idempotency_key_required");
    expectError(await api.post("/listings", listingBody(agency), { idempotencyKey: "   " }), 400, "idempotency_key_required");
    const error = expectError(await api.post("/listings", listingBody(agency), { idempotencyKey: "k".repeat(256) }), 400, "validation_failed");
    expect(error.details?.map((d) => d.field)).toEqual(["X-Idempotency-Key"]);
    const spaced = expectError(await api.post("/listings", listingBody(agency), { idempotencyKey: "two words" }), 400, "validation_failed");
    expect(spaced.details?.map((d) => d.field)).toEqual(["X-Idempotency-Key"]);
    expectJson(await api.post("/listings", listingBody(agency), { idempotencyKey: "k".repeat(255) }), 201);
  });

  test("GET does not need one", async ({ request }) => {
    expectJson(await new ApiClient(request, agency.key).get("/listings"), 200);
  });
});

test.describe("replays", () => {
  test("the same key and request return the stored 201 and body, flagged X-Idempotent-Replay, and create once", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const before = await total(api);
    const key = idemKey();
    const body = listingBody(agency, { package: "essentials", notes: "replay me", agent_two_id: agency.agentIds[1] });

    const first = await api.post("/listings", body, { idempotencyKey: key });
    expectJson(first, 201);
    expect(first.headers["x-idempotent-replay"]).toBeUndefined();

    for (let i = 0; i < 3; i++) {
      const again = await api.post("/listings", body, { idempotencyKey: key });
      expect(again.status).toBe(201);
      expect(again.headers["x-idempotent-replay"]).toBe("true");
      expect(again.text).toBe(first.text);
      // A replay is still a request of its own.
      expect(again.headers["x-request-id"]).not.toBe(first.headers["x-request-id"]);
    }
    expect(await total(api)).toBe(before + 1);
    // The stored response is replayed even with Bearer auth (same agency).
    const viaBearer = await new ApiClient(request).post("/listings", body, {
      idempotencyKey: key,
      headers: { Authorization: `Bearer ${agency.key}` },
    });
    expect(viaBearer.headers["x-idempotent-replay"]).toBe("true");
    expect(viaBearer.body.listing_number).toBe(first.body.listing_number);
  });

  test("the order of keys and whitespace in the JSON body do not make it a different request", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const key = idemKey();
    const body = listingBody(agency, { notes: "order" });
    const first = await api.post("/listings", body, { idempotencyKey: key });
    expectJson(first, 201);

    const reversed = Object.fromEntries(Object.entries(body).reverse());
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(body));
    const again = await api.post("/listings", undefined, { idempotencyKey: key, rawBody: JSON.stringify(reversed, null, 2) });
    expect(again.status).toBe(201);
    expect(again.headers["x-idempotent-replay"]).toBe("true");
    expect(again.body.listing_number).toBe(first.body.listing_number);
  });

  test("the case of the path does not make it a different request (listing numbers are case-insensitive)", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    let listing = await api.post("/listings", listingBody(agency), { idempotencyKey: idemKey() });
    while (!/[A-Z]/.test(listing.body.listing_number)) listing = await api.post("/listings", listingBody(agency), { idempotencyKey: idemKey() });
    const n: string = listing.body.listing_number;
    const key = idemKey();
    const first = await api.patch(`/listings/${n}/status`, { status: "Active" }, { idempotencyKey: key });
    expectJson(first, 200);
    const again = await api.patch(`/listings/${n.toLowerCase()}/status`, { status: "Active" }, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.headers["x-idempotent-replay"]).toBe("true");
  });

  test("a replayed PATCH returns the stored result without running again", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await createListing(api, agency);
    const key = idemKey();
    const first = await api.patch(`/listings/${n}/status`, { status: "Active" }, { idempotencyKey: key });
    expectJson(first, 200);
    expect(first.body.status).toBe("Active");

    // Run again, Active -> Active would be a lifecycle violation; the replay is the stored 200.
    const again = await api.patch(`/listings/${n}/status`, { status: "Active" }, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.headers["x-idempotent-replay"]).toBe("true");
    expect(again.text).toBe(first.text);

    // With a new key it does run, and is refused.
    expectError(await api.patch(`/listings/${n}/status`, { status: "Active" }), 422, "lifecycle_violation");
  });

  test("a stored error is replayed as it was, with its original request_id", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const key = idemKey();
    const body = listingBody(agency, { package: "no-such-package" });
    const first = await api.post("/listings", body, { idempotencyKey: key });
    const error = expectError(first, 422, "invalid_reference");
    const again = await api.post("/listings", body, { idempotencyKey: key });
    expectError(again, 422, "invalid_reference", { replayed: true });
    expect(again.headers["x-idempotent-replay"]).toBe("true");
    expect(again.text).toBe(first.text);
    expect(again.body.error.request_id).toBe(error.request_id);
  });
});

test.describe("conflicts", () => {
  test("the same key with a different body, path or method is 409 idempotency_key_conflict", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const key = idemKey();
    const body = listingBody(agency, { notes: "conflict" });
    const first = await api.post("/listings", body, { idempotencyKey: key });
    expectJson(first, 201);
    const n = first.body.listing_number;
    const before = await total(api);

    const conflicts: Res[] = [
      await api.post("/listings", { ...body, notes: "conflict, but different" }, { idempotencyKey: key }),
      await api.post("/listings", { ...body, package: "essentials" }, { idempotencyKey: key }),
      await api.post(`/listings/${n}/cancel`, undefined, { idempotencyKey: key }),
      await api.patch(`/listings/${n}/status`, { status: "Active" }, { idempotencyKey: key }),
    ];
    for (const res of conflicts) {
      const error = expectError(res, 409, "idempotency_key_conflict");
      expect(res.headers["x-idempotent-replay"]).toBeUndefined();
      expect(error.message).toMatch(/different request/);
    }
    expect(await total(api)).toBe(before);
    expect((await api.get(`/listings/${n}`)).body.status).toBe("Coming Soon");

    // The original request still replays.
    const again = await api.post("/listings", body, { idempotencyKey: key });
    expect(again.headers["x-idempotent-replay"]).toBe("true");
    expect(again.body.listing_number).toBe(n);
  });

  test("the same key while the first request is still running is 409 idempotency_key_in_use", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await createListing(api, agency);
    const key = idemKey();
    // Hold the listing's row lock so that the first request waits inside its transaction.
    const lock = await lockListingRow(n);
    let first: Promise<Res>;
    try {
      first = api.patch(`/listings/${n}/status`, { status: "Off Market" }, { idempotencyKey: key });
      await expect.poll(() => requestsWaitingOnLocks(), { message: "the first request waits on the listing's row inside its transaction" }).toBeGreaterThan(0);

      const during = await api.patch(`/listings/${n}/status`, { status: "Off Market" }, { idempotencyKey: key });
      const error = expectError(during, 409, "idempotency_key_in_use");
      expect(error.message).toMatch(/still being processed/);
      expect(during.headers["retry-after"]).toBe("1");
      // A different request with the busy key is a conflict, not "in use".
      expectError(await api.patch(`/listings/${n}/status`, { status: "Active" }, { idempotencyKey: key }), 409, "idempotency_key_conflict");
    } finally {
      await lock.release();
    }
    const done = await first!;
    expectJson(done, 200);
    expect(done.body.status).toBe("Off Market");
    expect(done.headers["x-idempotent-replay"]).toBeUndefined();

    const after = await api.patch(`/listings/${n}/status`, { status: "Off Market" }, { idempotencyKey: key });
    expect(after.status).toBe(200);
    expect(after.headers["x-idempotent-replay"]).toBe("true");
    expect(after.text).toBe(done.text);
  });
});

test("fifty concurrent identical POST /listings with one key create exactly one listing", async ({ request }) => {
  const agencyOwn = await provisionAgency("idem-race");
  {
    const api = new ApiClient(request, agencyOwn.key);
    expect(await total(api)).toBe(0);
    const key = idemKey();
    const body = listingBody(agencyOwn, { package: "essentials", notes: "race" });

    const responses = await Promise.all(Array.from({ length: 50 }, () => api.post("/listings", body, { idempotencyKey: key })));

    const created = responses.filter((r) => r.status === 201);
    const busy = responses.filter((r) => r.status === 409);
    expect(created.length + busy.length, responses.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join("\n")).toBe(50);
    for (const res of busy) expectError(res, 409, "idempotency_key_in_use");
    const originals = created.filter((r) => r.headers["x-idempotent-replay"] === undefined);
    expect(originals).toHaveLength(1);
    for (const res of created) {
      expectJson(res, 201);
      expect(res.body.listing_number).toBe(originals[0]!.body.listing_number);
      expect(res.text).toBe(originals[0]!.text);
    }
    for (const res of created.filter((r) => r !== originals[0])) expect(res.headers["x-idempotent-replay"]).toBe("true");

    const list = await api.get("/listings");
    expect(list.body.total).toBe(1);
    expect(list.body.items.map((l: { listing_number: string }) => l.listing_number)).toEqual([originals[0]!.body.listing_number]);
    const orders = await api.get(`/listings/${originals[0]!.body.listing_number}/orders`);
    expect(orders.body.total).toBe(1);

    // Once settled, every retry is a replay.
    const settled = await api.post("/listings", body, { idempotencyKey: key });
    expect(settled.status).toBe(201);
    expect(settled.headers["x-idempotent-replay"]).toBe("true");
  }
});
