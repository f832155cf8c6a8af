// Tenant isolation: a key acts for one agency. Another agency's listing is 404 listing_not_found
// on every listing endpoint (never 403) and stays untouched; lists never show another agency's
// rows; another agency's users cannot be referenced; idempotency keys are per agency.
import { expect, test } from "@playwright/test";
import { cli, mintKey, provisionAgency, scheduleShoot, type ProvisionedAgency } from "../support/cli";
import { ApiClient, createListing, expectError, expectJson, idemKey, listingBody, withRequest } from "../support/api";

let mine: ProvisionedAgency;
let theirs: ProvisionedAgency;
const mineListings: string[] = [];
const theirListings: string[] = [];

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  [mine, theirs] = await Promise.all([provisionAgency("tenant-a"), provisionAgency("tenant-b")]);
  await withRequest(playwright, async (request) => {
    const a = new ApiClient(request, mine.key);
    const b = new ApiClient(request, theirs.key);
    for (let i = 0; i < 2; i++) mineListings.push((await createListing(a, mine, { package: "essentials" })).listing_number);
    for (let i = 0; i < 3; i++) {
      theirListings.push((await createListing(b, theirs, { package: "essentials", agent_two_id: theirs.agentIds[1] })).listing_number);
    }
  });
});

test("another agency's listing is 404 listing_not_found on every listing endpoint, and is left untouched", async ({ request }) => {
  const api = new ApiClient(request, mine.key);
  const n = theirListings[0]!;
  await scheduleShoot(n, new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));
  const theirView = new ApiClient(request, theirs.key);
  const before = (await theirView.get(`/listings/${n}`)).body;

  for (const number of [n, n.toLowerCase()]) {
    const attempts = [
      await api.get(`/listings/${number}`),
      await api.get(`/listings/${number}/orders`),
      await api.patch(`/listings/${number}/status`, { status: "Active" }),
      await api.patch(`/listings/${number}/status`, { status: "Off Market" }),
      await api.post(`/listings/${number}/cancel`),
      await api.patch(`/listings/${number}/sections/matterport`, { url: "https://my.matterport.com/show/?m=SxQL3iGyoDo" }),
      await api.patch(`/listings/${number}/sections/matterport`, { model_id: null }),
      await api.patch(`/listings/${number}/sections/floorplan`, { url: "https://example.com/plan.pdf" }),
    ];
    for (const res of attempts) {
      expect(res.status, res.text).not.toBe(403);
      const error = expectError(res, 404, "listing_not_found");
      // Exactly what a listing that does not exist at all gets.
      expect(error.message).toBe(`No listing with number ${n} exists in your agency.`);
    }
  }
  // Same answer as for a number nobody has.
  const nobody = await api.get("/listings/ZZZZZZZZ");
  expectError(nobody, 404, "listing_not_found");

  const after = (await theirView.get(`/listings/${n}`)).body;
  expect(after).toEqual(before);
  expect(after.status).toBe("Coming Soon");
  expect(after.shoots[0].status).toBe("scheduled");
  expect(after.orders[0].invoice_status).toBe("DRAFT");
});

test("a key with listings:read only gets the same 404, not 403, for another agency's listing", async ({ request }) => {
  const { key } = await mintKey(mine.slug, "listings:read");
  const api = new ApiClient(request, key);
  expectError(await api.get(`/listings/${theirListings[1]}`), 404, "listing_not_found");
  expectError(await api.get(`/listings/${theirListings[1]}/orders`), 404, "listing_not_found");
});

test("GET /listings shows only the agency's own listings, with or without filters", async ({ request }) => {
  const a = new ApiClient(request, mine.key);
  const b = new ApiClient(request, theirs.key);
  const numbers = (res: { body: { items: { listing_number: string }[] } }) => res.body.items.map((l) => l.listing_number).sort();

  const mineList = await a.get("/listings", { params: { limit: 200 } });
  expectJson(mineList, 200);
  expect(mineList.body.total).toBe(mineListings.length);
  expect(numbers(mineList)).toEqual([...mineListings].sort());

  const theirList = await b.get("/listings", { params: { limit: 200 } });
  expect(theirList.body.total).toBe(theirListings.length);
  expect(numbers(theirList)).toEqual([...theirListings].sort());

  // Filtering by another agency's agent or by status never reaches across.
  for (const agent of theirs.agentIds) {
    const res = await a.get("/listings", { params: { agent_id: agent } });
    expect(res.body).toEqual({ items: [], next_cursor: "", total: 0 });
  }
  const coming = await a.get("/listings", { params: { status: "Coming Soon", limit: 200 } });
  expect(numbers(coming).every((n: string) => mineListings.includes(n))).toBe(true);
});

test("GET /users shows only the agency's own users", async ({ request }) => {
  const a = new ApiClient(request, mine.key);
  const res = await a.get("/users", { params: { limit: 200 } });
  expectJson(res, 200);
  const ids = res.body.items.map((u: { id: string }) => u.id).sort();
  expect(ids).toEqual([mine.ownerId, ...mine.agentIds, mine.viewerId].sort());
  expect(res.body.total).toBe(4);
  for (const user of res.body.items) expect(user.email).toMatch(new RegExp(`@${mine.slug}\\.test$`));
  for (const role of ["owner", "agent", "viewer"]) {
    const filtered = await a.get("/users", { params: { role } });
    for (const user of filtered.body.items) expect(user.email).toMatch(new RegExp(`@${mine.slug}\\.test$`));
  }
});

test("another agency's users cannot be referenced: 422 invalid_reference naming the field", async ({ request }) => {
  const api = new ApiClient(request, mine.key);
  const before = (await api.get("/listings")).body.total;
  for (const [overrides, field] of [
    [{ owner_user_id: theirs.ownerId }, "owner_user_id"],
    [{ agent_one_id: theirs.agentIds[0] }, "agent_one_id"],
    [{ agent_two_id: theirs.agentIds[1] }, "agent_two_id"],
  ] as const) {
    const res = await api.post("/listings", listingBody(mine, overrides));
    const error = expectError(res, 422, "invalid_reference");
    expect(error.details?.map((d) => d.field)).toEqual([field]);
    expect(error.message).toMatch(new RegExp(`^${field}: `));
    // Nothing about the other agency's user is revealed beyond the id that was sent.
    expect(error.message).not.toMatch(/agent1|owner@|tenant-b/);
  }
  expect((await api.get("/listings")).body.total).toBe(before);
});

test("another agency's packages cannot be ordered", async ({ request }) => {
  const created = await cli([
    "package", "create", "--agency", theirs.slug, "--code", "twilight", "--name", "Twilight Shoot", "--duration-minutes", "60", "--price-cents", "19900",
  ]);
  expect(created.exitCode, created.stderr).toBe(0);
  const error = expectError(await new ApiClient(request, mine.key).post("/listings", listingBody(mine, { package: "twilight" })), 422, "invalid_reference");
  expect(error.details?.map((d) => d.field)).toEqual(["package"]);
  // The error lists our own package codes only.
  expect(error.message).toMatch(/known codes: essentials$/);
  // The owner of the package can.
  const theirsListing = await new ApiClient(request, theirs.key).post("/listings", listingBody(theirs, { package: "twilight" }));
  expectJson(theirsListing, 201);
  expect(theirsListing.body.orders[0].total_cents).toBe(19900);
  theirListings.push(theirsListing.body.listing_number);
});

test("idempotency keys are per agency: the same key in two agencies is two requests", async ({ request }) => {
  const a = new ApiClient(request, mine.key);
  const b = new ApiClient(request, theirs.key);
  const key = idemKey();
  const theirBody = listingBody(theirs, { notes: "shared key" });
  const first = await a.post("/listings", listingBody(mine, { notes: "shared key" }), { idempotencyKey: key });
  expectJson(first, 201);
  const second = await b.post("/listings", theirBody, { idempotencyKey: key });
  expectJson(second, 201);
  expect(second.headers["x-idempotent-replay"]).toBeUndefined();
  expect(second.body.listing_number).not.toBe(first.body.listing_number);
  expect(second.body.owner_user_id).toBe(theirs.ownerId);
  // Neither agency sees the other's listing through the replay.
  const replay = await b.post("/listings", theirBody, { idempotencyKey: key });
  expect(replay.headers["x-idempotent-replay"]).toBe("true");
  expect(replay.body.listing_number).toBe(second.body.listing_number);
  expectError(await b.get(`/listings/${first.body.listing_number}`), 404, "listing_not_found");
  mineListings.push(first.body.listing_number);
  theirListings.push(second.body.listing_number);
});
