// A listing's shoots over HTTP: POST /listings/{n}/shoots books a slot availability offers (and
// says why another start is refused), racing bookings of one slot give one shoot, PATCH
// reschedules, POST .../cancel cancels outside the 24-hour window, POST .../complete records a
// shoot that has started (and sends shoot.completed); idempotency, tenancy, validation, and
// responses that conform to the OpenAPI document.
import { expect, test } from "@playwright/test";
import { blockTime, mintKey, provisionSchedulingAgency, scheduleShoot, type ProvisionedAgency } from "../support/cli";
import { ApiClient, createListing, expectError, expectJson, expectValidation, idemKey, setStatus, wrap } from "../support/api";
import { Conformance, type Doc } from "../support/openapi";
import { LA, addDays, nextWeekday, todayIn, wallClock } from "../support/calendar";
import { startReceiver } from "../../server/testing/webhook-receiver";
import { loadReadmeVerifier } from "../../server/testing/readme-snippet";

const SHOOT_ID = /^shoot_[0-9A-HJKMNP-TV-Z]{26}$/;

type Agency = ProvisionedAgency & { photographerIds: string[] };

let agency: Agency;
let other: Agency;

test.beforeAll(async () => {
  [agency, other] = await Promise.all([provisionSchedulingAgency("shoots"), provisionSchedulingAgency("shoots-other")]);
});

/** A fresh listing with package essentials (90 minutes) unless told otherwise; returns its number. */
async function listing(api: ApiClient, owner: Agency = agency, pkg: string | null = "essentials"): Promise<string> {
  return (await createListing(api, owner, pkg ? { package: pkg } : {})).listing_number;
}

/** A week day far enough ahead that the day's notice never matters, distinct per test. */
const dayFor = (n: number) => addDays(nextWeekday(1, 21), n);

test.describe("booking", () => {
  test("books an offered slot: 201 with the shoot, on the listing, no longer offered, replayed by idempotency key", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    const date = dayFor(0);
    const offered = await api.get("/scheduling/availability", { params: { address: "1 Main", package: "essentials", from: date, days: 1 } });
    const slot = offered.body.slots.find((s: { start: string }) => s.start === wallClock(date, "10:00"));
    expect(slot.photographer_id).toBe(agency.photographerIds[0]);

    const key = idemKey();
    const res = await api.post(`/listings/${n.toLowerCase()}/shoots`, { start: slot.start }, { idempotencyKey: key });
    expectJson(res, 201);
    expect(res.body).toMatchObject({
      listing_number: n,
      status: "scheduled",
      starts_at: new Date(slot.start).toISOString(),
      ends_at: new Date(slot.end).toISOString(),
      starts_at_local: slot.start,
      ends_at_local: slot.end,
      timezone: LA,
      duration_minutes: 90,
      photographer_id: slot.photographer_id,
      package: "essentials",
      rescheduled_at: null,
      completed_at: null,
      cancelled_at: null,
    });
    expect(res.body.shoot_id).toMatch(SHOOT_ID);

    const replay = await api.post(`/listings/${n}/shoots`, { start: slot.start }, { idempotencyKey: key });
    expectJson(replay, 201);
    expect(replay.headers["x-idempotent-replay"]).toBe("true");
    expect(replay.body).toEqual(res.body);
    expectError(await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "11:00") }, { idempotencyKey: key }), 409, "idempotency_key_conflict");

    const shown = (await api.get(`/listings/${n}`)).body;
    expect(shown.shoots).toEqual([
      {
        shoot_id: res.body.shoot_id,
        status: "scheduled",
        starts_at: res.body.starts_at,
        ends_at: res.body.ends_at,
        photographer_id: slot.photographer_id,
        package: "essentials",
        rescheduled_at: null,
        completed_at: null,
      },
    ]);
    const after = await api.get("/scheduling/availability", { params: { address: "1 Main", package: "essentials", from: date, days: 1 } });
    const taken = after.body.slots.filter((s: { photographer_id: string }) => s.photographer_id === slot.photographer_id).map((s: { start: string }) => s.start.slice(11, 16));
    // 10:00-11:30 plus the 30-minute buffer on either side: nothing from 8:30 to 11:30.
    expect(taken.slice(0, 3)).toEqual(["08:00", "12:00", "12:30"]);
    // The second photographer takes the same start; a third booking finds nobody.
    const second = await api.post(`/listings/${n}/shoots`, { start: slot.start });
    expectJson(second, 201);
    expect(second.body.photographer_id).toBe(agency.photographerIds[1]);
    const third = expectError(await api.post(`/listings/${n}/shoots`, { start: slot.start }), 409, "slot_unavailable");
    expect(third.message).toMatch(/no photographer is free/);
  });

  test("says why a start is refused (409 slot_unavailable) and books nothing", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    const date = dayFor(1);
    await blockTime(agency.slug, { photographer: agency.photographerIds[1], from: date, to: date, reason: "vacation" });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ start: wallClock(date, "07:00") }, /outside business hours: .* 08:00-18:00/],
      [{ start: wallClock(date, "17:00") }, /outside business hours: .*must start between .*T08:00:00.* and .*T16:30:00/],
      [{ start: wallClock(date, "09:15") }, /not an offered start: starts are every 30 minutes from 08:00/],
      [{ start: wallClock(date, "09:00"), photographer_id: agency.photographerIds[1] }, /is off then \(vacation\)/],
    ];
    for (const [body, reason] of cases) {
      const error = expectError(await api.post(`/listings/${n}/shoots`, body), 409, "slot_unavailable");
      expect(error.message, JSON.stringify(body)).toMatch(reason);
      expect(error.message).toContain("GET /scheduling/availability");
    }
    expect((await api.get(`/listings/${n}`)).body.shoots).toEqual([]);
  });

  test("a start a day ahead is too soon under a two-day notice", async ({ request }) => {
    const shortNotice = await provisionSchedulingAgency("shoots-notice", { minimumNoticeMinutes: 2880 });
    const api = new ApiClient(request, shortNotice.key);
    const n = await listing(api, shortNotice);
    // Tomorrow at noon is open (every day 8:00-18:00) and on the grid, but less than 48 hours away.
    const error = expectError(await api.post(`/listings/${n}/shoots`, { start: wallClock(addDays(todayIn(), 1), "12:00") }), 409, "slot_unavailable");
    expect(error.message).toMatch(/too soon: shoots must be booked at least 2880 minutes ahead/);
  });

  test("needs a package (422 naming it), known codes, an active photographer and a listing that is not final", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const start = wallClock(dayFor(2), "09:00");
    const bare = await listing(api, agency, null);
    const fieldOf = (error: { details?: { field: string }[] }) => error.details?.[0]?.field;
    expect(fieldOf(expectError(await api.post(`/listings/${bare}/shoots`, { start }), 422, "invalid_reference"))).toBe("package");
    expect(fieldOf(expectError(await api.post(`/listings/${bare}/shoots`, { start, package: "platinum" }), 422, "invalid_reference"))).toBe("package");
    expect(fieldOf(expectError(await api.post(`/listings/${bare}/shoots`, { start, package: "essentials", add_ons: ["disco"] }), 422, "invalid_reference"))).toBe(
      "add_ons",
    );
    expect(
      fieldOf(expectError(await api.post(`/listings/${bare}/shoots`, { start, package: "essentials", photographer_id: agency.ownerId }), 422, "invalid_reference")),
    ).toBe("photographer_id");
    expect(
      fieldOf(
        expectError(await api.post(`/listings/${bare}/shoots`, { start, package: "essentials", photographer_id: other.photographerIds[0] }), 422, "invalid_reference"),
      ),
    ).toBe("photographer_id");
    expectJson(await api.post(`/listings/${bare}/shoots`, { start, package: "essentials" }), 201);

    const sold = await listing(api);
    await setStatus(api, sold, "Active");
    await setStatus(api, sold, "Sold");
    expect(expectError(await api.post(`/listings/${sold}/shoots`, { start }), 422, "lifecycle_violation").message).toMatch(/Sold, which is final/);
  });

  test("validates the body, naming each field", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    expectValidation(await api.post(`/listings/${n}/shoots`, {}), ["start"]);
    for (const start of ["2027-03-15T09:00:00", "2027-03-15", "next monday", 1234, null]) expectValidation(await api.post(`/listings/${n}/shoots`, { start }), ["start"]);
    const start = wallClock(dayFor(2), "10:00");
    expectValidation(await api.post(`/listings/${n}/shoots`, { start, photographer_id: "pat" }), ["photographer_id"]);
    expectValidation(await api.post(`/listings/${n}/shoots`, { start, add_ons: "twilight" }), ["add_ons"]);
    expectValidation(await api.post(`/listings/${n}/shoots`, { start, when: "now" }), ["when"]);
    expectValidation(await api.post(`/listings/x/shoots`, { start }), ["listing_number"]);
    expectError(await api.post(`/listings/${n}/shoots`, { start }, { idempotencyKey: null }), 400, "idempotency_key_required");
  });

  test("needs listings:write; another agency's listing is 404", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    const start = wallClock(dayFor(3), "09:00");
    const readOnly = await mintKey(agency.slug, "listings:read,scheduling:read");
    expectError(await new ApiClient(request, readOnly.key).post(`/listings/${n}/shoots`, { start }), 403, "insufficient_scope");
    expectError(await new ApiClient(request, other.key).post(`/listings/${n}/shoots`, { start }), 404, "listing_not_found");
    expect((await api.get(`/listings/${n}`)).body.shoots).toEqual([]);
  });
});

test.describe("racing bookings", () => {
  test("eight concurrent bookings of one photographer's slot: one 201, seven 409", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const numbers = await Promise.all(Array.from({ length: 8 }, () => listing(api)));
    const start = wallClock(dayFor(4), "13:00");
    const responses = await Promise.all(numbers.map((n) => api.post(`/listings/${n}/shoots`, { start, photographer_id: agency.photographerIds[0] })));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((r) => r.status !== 201)) expectError(r, 409, "slot_unavailable");
    const booked = await Promise.all(numbers.map(async (n) => (await api.get(`/listings/${n}`)).body.shoots.length));
    expect(booked.reduce((a, b) => a + b, 0)).toBe(1);
  });

  test("six concurrent bookings of one start without a photographer: one each for the two photographers", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const numbers = await Promise.all(Array.from({ length: 6 }, () => listing(api)));
    const start = wallClock(dayFor(4), "08:00");
    const responses = await Promise.all(numbers.map((n) => api.post(`/listings/${n}/shoots`, { start })));
    const won = responses.filter((r) => r.status === 201);
    expect(won.map((r) => r.body.photographer_id).sort()).toEqual(agency.photographerIds);
    for (const r of responses.filter((r) => r.status !== 201)) expectError(r, 409, "slot_unavailable");
  });
});

test.describe("rescheduling", () => {
  test("moves a shoot to another offered start, ignoring its own slot; refuses a taken one; sets rescheduled_at", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    const date = addDays(dayFor(0), 7);
    const booked = (await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "09:00") })).body;
    // Thirty minutes later overlaps its own current slot, which it gives up.
    const res = await api.patch(`/listings/${n}/shoots/${booked.shoot_id}`, { start: wallClock(date, "09:30") });
    expectJson(res, 200);
    expect(res.body).toMatchObject({
      shoot_id: booked.shoot_id,
      starts_at_local: wallClock(date, "09:30"),
      ends_at_local: wallClock(date, "11:00"),
      photographer_id: booked.photographer_id,
      duration_minutes: 90,
      created_at: booked.created_at,
    });
    expect(Date.parse(res.body.rescheduled_at)).toBeGreaterThan(Date.parse(booked.created_at) - 1);
    expect((await api.get(`/listings/${n}`)).body.shoots[0]).toMatchObject({ starts_at: res.body.starts_at, rescheduled_at: res.body.rescheduled_at });

    // Both photographers busy at 14:00: refused, and nothing moves.
    for (let i = 0; i < agency.photographerIds.length; i++) expectJson(await api.post(`/listings/${await listing(api)}/shoots`, { start: wallClock(date, "14:00") }), 201);
    const refused = expectError(await api.patch(`/listings/${n}/shoots/${booked.shoot_id}`, { start: wallClock(date, "14:00") }), 409, "slot_unavailable");
    expect(refused.message).toMatch(/no photographer is free/);
    expect((await api.get(`/listings/${n}`)).body.shoots[0].starts_at).toBe(res.body.starts_at);
    expectValidation(await api.patch(`/listings/${n}/shoots/${booked.shoot_id}`, {}), ["start"]);
  });

  test("is 404 for an unknown shoot, another listing's and another agency's; 400 for a malformed id", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const theirs = new ApiClient(request, other.key);
    const n = await listing(api);
    const elsewhere = await listing(api);
    const date = addDays(dayFor(1), 7);
    const mine = (await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "09:00") })).body;
    const foreignListing = await listing(theirs, other);
    const foreign = (await theirs.post(`/listings/${foreignListing}/shoots`, { start: wallClock(date, "09:00") })).body;
    const start = wallClock(date, "12:00");
    expectError(await api.patch(`/listings/${n}/shoots/shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF`, { start }), 404, "shoot_not_found");
    expectError(await api.patch(`/listings/${elsewhere}/shoots/${mine.shoot_id}`, { start }), 404, "shoot_not_found");
    expectError(await api.patch(`/listings/${n}/shoots/${foreign.shoot_id}`, { start }), 404, "shoot_not_found");
    expectError(await api.patch(`/listings/${foreignListing}/shoots/${foreign.shoot_id}`, { start }), 404, "listing_not_found");
    expectError(await api.post(`/listings/${foreignListing}/shoots/${foreign.shoot_id}/cancel`), 404, "listing_not_found");
    expectError(await api.post(`/listings/${n}/shoots/${foreign.shoot_id}/cancel`), 404, "shoot_not_found");
    expectValidation(await api.patch(`/listings/${n}/shoots/not-a-shoot`, { start }), ["shoot_id"]);
    // The other agency's shoot is untouched.
    expect((await theirs.get(`/listings/${foreignListing}`)).body.shoots[0]).toMatchObject({ status: "scheduled", starts_at: foreign.starts_at });
  });
});

test.describe("cancelling", () => {
  test("cancels a shoot more than 24 hours away, then refuses to cancel or move it again", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    const date = addDays(dayFor(2), 7);
    const booked = (await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "15:00") })).body;
    const res = await api.post(`/listings/${n}/shoots/${booked.shoot_id}/cancel`);
    expectJson(res, 200);
    expect(res.body).toMatchObject({ shoot_id: booked.shoot_id, status: "cancelled" });
    expect(Date.parse(res.body.cancelled_at)).toBeLessThanOrEqual(Date.now() + 60_000);
    expectError(await api.post(`/listings/${n}/shoots/${booked.shoot_id}/cancel`), 422, "lifecycle_violation");
    expectError(await api.patch(`/listings/${n}/shoots/${booked.shoot_id}`, { start: wallClock(date, "16:00") }), 422, "lifecycle_violation");
    // Its slot is offered again.
    expectJson(await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "15:00"), photographer_id: booked.photographer_id }), 201);
  });

  test("refuses (409 cancellation_window_active) a shoot starting within 24 hours", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listing(api);
    // An operator's override books it two hours from now, whatever the hours say.
    const imminent = await scheduleShoot(n, new Date(Date.now() + 2 * 3_600_000));
    const error = expectError(await api.post(`/listings/${n}/shoots/${imminent.id}/cancel`), 409, "cancellation_window_active");
    expect(error.message).toMatch(/within 24 hours/);
    expect((await api.get(`/listings/${n}`)).body.shoots[0].status).toBe("scheduled");
  });
});

test.describe("completing", () => {
  const HOUR = 3_600_000;

  test("completes a shoot that has started: 200 with completed_at, on the listing, shoot.completed delivered; replayed by key, not twice", async ({
    request,
  }) => {
    const api = new ApiClient(request, agency.key);
    const receiver = await startReceiver();
    try {
      const registered = await api.post("/webhooks/endpoints", { url: receiver.url, event_types: ["shoot.scheduled", "shoot.completed"] });
      expectJson(registered, 201);
      const n = await listing(api);
      // The operator's override books it two hours ago (the API books only offered, future slots).
      const started = await scheduleShoot(n, new Date(Date.now() - 2 * HOUR));
      const path = `/listings/${n.toLowerCase()}/shoots/${started.id.toLowerCase()}/complete`;

      expectError(await api.post(path, undefined, { idempotencyKey: null }), 400, "idempotency_key_required");
      expect((await api.get(`/listings/${n}`)).body.shoots[0]).toMatchObject({ status: "scheduled", completed_at: null });

      const key = idemKey();
      const before = Date.now();
      const res = await api.post(path, undefined, { idempotencyKey: key });
      expectJson(res, 200);
      expect(res.body).toMatchObject({
        shoot_id: started.id,
        listing_number: n,
        status: "completed",
        starts_at: started.starts_at,
        ends_at: started.ends_at,
        photographer_id: null,
        package: null,
        cancelled_at: null,
      });
      expect(Date.parse(res.body.completed_at)).toBeGreaterThanOrEqual(before - 1_000);
      expect(Date.parse(res.body.completed_at)).toBeLessThanOrEqual(Date.now() + 1_000);

      const replay = await api.post(path, undefined, { idempotencyKey: key });
      expectJson(replay, 200);
      expect(replay.headers["x-idempotent-replay"]).toBe("true");
      expect(replay.body).toEqual(res.body);
      expectError(await api.post(`/listings/${n}/shoots/${started.id}/cancel`, undefined, { idempotencyKey: key }), 409, "idempotency_key_conflict");

      expect((await api.get(`/listings/${n}`)).body.shoots).toEqual([
        expect.objectContaining({ shoot_id: started.id, status: "completed", completed_at: res.body.completed_at }),
      ]);
      const again = expectError(await api.post(path), 422, "lifecycle_violation");
      expect(again.message).toMatch(/is completed; only a scheduled shoot can be completed/);
      expectError(await api.post(`/listings/${n}/shoots/${started.id}/cancel`), 422, "lifecycle_violation");

      // Both changes reached the webhook, signed, with the catalog's data: the CLI's booking, then the completion.
      const verify = await loadReadmeVerifier();
      const deliveries = (await receiver.waitFor(2, 15_000)).map((r) => verify(r.body, r.headers["x-valara-signature"] as string, registered.body.secret));
      const byType = Object.fromEntries(deliveries.map((event) => [event.event_type, event.data]));
      const shoot = { shoot_id: started.id, listing_number: n, starts_at: started.starts_at, ends_at: started.ends_at, photographer_id: null, package: null };
      expect(byType["shoot.scheduled"]).toEqual({ ...shoot, status: "scheduled" });
      expect(byType["shoot.completed"]).toEqual({ ...shoot, status: "completed", completed_at: res.body.completed_at });
      expectJson(await api.call("DELETE", `/webhooks/endpoints/${registered.body.endpoint_id}`), 200);
    } finally {
      await receiver.close();
    }
  });

  test("refuses a shoot not yet started (422 saying when it starts) or cancelled; 404 for unknown, another listing's and another agency's; needs listings:write", async ({
    request,
  }) => {
    const api = new ApiClient(request, agency.key);
    const theirs = new ApiClient(request, other.key);
    const n = await listing(api);
    const date = addDays(dayFor(4), 7);
    const future = (await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "09:00") })).body;
    const early = expectError(await api.post(`/listings/${n}/shoots/${future.shoot_id}/complete`), 422, "lifecycle_violation");
    expect(early.message).toBe(`Shoot ${future.shoot_id} starts at ${future.starts_at}; it cannot be completed before it has started.`);
    expectJson(await api.post(`/listings/${n}/shoots/${future.shoot_id}/cancel`), 200);
    expect(expectError(await api.post(`/listings/${n}/shoots/${future.shoot_id}/complete`), 422, "lifecycle_violation").message).toMatch(/is cancelled/);

    const started = await scheduleShoot(n, new Date(Date.now() - HOUR));
    const foreignListing = await listing(theirs, other);
    const foreign = await scheduleShoot(foreignListing, new Date(Date.now() - HOUR));
    expectError(await api.post(`/listings/${n}/shoots/shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF/complete`), 404, "shoot_not_found");
    expectError(await api.post(`/listings/${await listing(api)}/shoots/${started.id}/complete`), 404, "shoot_not_found");
    expectError(await api.post(`/listings/${n}/shoots/${foreign.id}/complete`), 404, "shoot_not_found");
    expectError(await api.post(`/listings/${foreignListing}/shoots/${foreign.id}/complete`), 404, "listing_not_found");
    expectValidation(await api.post(`/listings/${n}/shoots/not-a-shoot/complete`), ["shoot_id"]);
    const readOnly = await mintKey(agency.slug, "listings:read,scheduling:read");
    expectError(await new ApiClient(request, readOnly.key).post(`/listings/${n}/shoots/${started.id}/complete`), 403, "insufficient_scope");
    // Nothing changed: theirs and mine are still scheduled.
    expect((await theirs.get(`/listings/${foreignListing}`)).body.shoots[0]).toMatchObject({ status: "scheduled", completed_at: null });
    expect((await api.get(`/listings/${n}`)).body.shoots.find((s: { shoot_id: string }) => s.shoot_id === started.id)).toMatchObject({ status: "scheduled" });
    expectJson(await api.post(`/listings/${n}/shoots/${started.id}/complete`), 200);
  });
});

test("responses conform to the OpenAPI document", async ({ request }) => {
  const doc = (await wrap(await request.get("/api/openapi.json"))).body as Doc;
  const oas = await Conformance.of(doc);
  const api = new ApiClient(request, agency.key);
  const n = await listing(api);
  const date = addDays(dayFor(3), 7);
  const body = { start: wallClock(date, "09:00"), add_ons: [] as string[] };
  oas.expectRequestBody("POST", "/listings/{listing_number}/shoots", body);
  const booked = await api.post(`/listings/${n}/shoots`, body);
  oas.expectResponse("POST", "/listings/{listing_number}/shoots", booked);
  oas.expectResponse("POST", "/listings/{listing_number}/shoots", await api.post(`/listings/${n}/shoots`, { start: wallClock(date, "07:00") }));
  const moved = await api.patch(`/listings/${n}/shoots/${booked.body.shoot_id}`, { start: wallClock(date, "10:00") });
  oas.expectResponse("PATCH", "/listings/{listing_number}/shoots/{shoot_id}", moved);
  oas.expectResponse("PATCH", "/listings/{listing_number}/shoots/{shoot_id}", await api.patch(`/listings/${n}/shoots/shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF`, { start: body.start }));
  oas.expectResponse("POST", "/listings/{listing_number}/shoots/{shoot_id}/cancel", await api.post(`/listings/${n}/shoots/${booked.body.shoot_id}/cancel`));
  const complete = "/listings/{listing_number}/shoots/{shoot_id}/complete";
  oas.expectResponse("POST", complete, await api.post(`/listings/${n}/shoots/${booked.body.shoot_id}/complete`));
  const started = await scheduleShoot(n, new Date(Date.now() - 3_600_000));
  const completed = await api.post(`/listings/${n}/shoots/${started.id}/complete`);
  expectJson(completed, 200);
  oas.expectResponse("POST", complete, completed);
  oas.expectResponse("GET", "/listings/{listing_number}", await api.get(`/listings/${n}`));
});
