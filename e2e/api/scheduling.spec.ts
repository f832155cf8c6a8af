// GET /scheduling/availability over HTTP: the demo agency's slots from its seeded hours and
// photographers; agencies set up through the operator CLI's scheduling commands (settings, hours,
// photographers, blocked time); both daylight-saving changes; another time zone; validation,
// scopes and tenancy; responses that conform to the OpenAPI document.
import { expect, test } from "@playwright/test";
import {
  addPhotographer,
  blockTime,
  mintKey,
  provisionAgency,
  provisionSchedulingAgency,
  removePhotographer,
  setBusinessHours,
  setSchedulingSettings,
  unblockTime,
} from "../support/cli";
import { API, APP_URL, ApiClient, expectError, expectJson, expectValidation, wrap } from "../support/api";
import { Conformance, type Doc } from "../support/openapi";
import { LA, addDays, nextClockChange, nextWeekday, offsetOn, wallClock } from "../support/calendar";

interface Slot {
  start: string;
  end: string;
  photographer_id: string;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

const availability = (api: ApiClient, params: Record<string, string | number>) =>
  api.get("/scheduling/availability", { params: { address: "123 Main St, Portland, OR 97201", package: "essentials", ...params } });

/** "HH:MM" of each slot of one photographer on one local date. */
const startsOn = (slots: Slot[], date: string, photographer: string) =>
  slots.filter((s) => s.start.startsWith(date) && s.photographer_id === photographer).map((s) => s.start.slice(11, 16));

/** "08:00", "08:30", ... through `last`. */
function grid(first: string, last: string, step = 30): string[] {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const out: string[] = [];
  for (let m = minutes(first); m <= minutes(last); m += step) out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  return out;
}

test.describe("the demo agency (Northlight Media)", () => {
  test("offers sensible slots from its seeded hours and photographers", async ({ request }) => {
    const key = await mintKey("northlight", "scheduling:read,users:read");
    const api = new ApiClient(request, key.key);
    const users = (await api.get("/users", { params: { limit: 200 } })).body.items as { id: string; email: string }[];
    const theo = users.find((u) => u.email === "lead@northlight.test")!.id;
    const pat = users.find((u) => u.email === "pat.photo@northlight.test")!.id;

    const monday = nextWeekday(1);
    const res = await availability(api, { from: monday, days: 7 });
    expectJson(res, 200);
    expect(res.body).toMatchObject({
      address: "123 Main St, Portland, OR 97201",
      timezone: LA,
      package: { code: "essentials", duration_minutes: 90 },
      add_ons: [],
      duration_minutes: 90,
      from: monday,
      days: 7,
    });
    const slots: Slot[] = res.body.slots;
    for (const slot of slots) {
      expect(slot.start).toMatch(ISO_WITH_OFFSET);
      expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(90 * 60_000);
      expect([theo, pat]).toContain(slot.photographer_id);
    }
    // Monday: Theo only, 8:00 to 16:30; Tuesday to Friday: both; Saturday 9:00-14:00: Pat only; Sunday: closed.
    expect(startsOn(slots, monday, theo)).toEqual(grid("08:00", "16:30"));
    expect(startsOn(slots, monday, pat)).toEqual([]);
    for (const offset of [1, 2, 3, 4]) {
      expect(startsOn(slots, addDays(monday, offset), theo)).toEqual(grid("08:00", "16:30"));
      expect(startsOn(slots, addDays(monday, offset), pat)).toEqual(grid("08:00", "16:30"));
    }
    expect(startsOn(slots, addDays(monday, 5), pat)).toEqual(grid("09:00", "12:30"));
    expect(startsOn(slots, addDays(monday, 5), theo)).toEqual([]);
    expect(slots.filter((s) => s.start.startsWith(addDays(monday, 6)))).toEqual([]);
    expect(slots[0]).toEqual({ start: wallClock(monday, "08:00"), end: wallClock(monday, "09:30"), photographer_id: theo });
    // Ordered by start, then photographer.
    const sorted = [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.photographer_id.localeCompare(b.photographer_id));
    expect(slots).toEqual(sorted);

    // Add-ons lengthen the shoot: luxury (240) + drone + twilight (30 each) must end by 18:00.
    const long = await availability(api, { package: "luxury", add_ons: "drone,twilight", from: monday, days: 1 });
    expectJson(long, 200);
    expect(long.body.duration_minutes).toBe(300);
    expect(long.body.add_ons).toEqual([
      { code: "drone", duration_minutes: 30 },
      { code: "twilight", duration_minutes: 30 },
    ]);
    expect(startsOn(long.body.slots, monday, theo)).toEqual(grid("08:00", "13:00"));
  });
});

test.describe("an agency set up through the operator CLI", () => {
  test("slots follow its time zone, hours, interval, working days, blocked time and notice", async ({ request }) => {
    const agency = await provisionAgency("sched-cli");
    const [ann, bob] = agency.agentIds as [string, string];
    const api = new ApiClient(request, agency.key);
    const zone = "America/Denver";
    const monday = nextWeekday(1, 14, zone);
    const tuesday = addDays(monday, 1);

    // Nothing is offered before the agency has hours and photographers.
    const empty = await availability(api, { from: monday, days: 7 });
    expectJson(empty, 200);
    expect(empty.body.slots).toEqual([]);

    await setSchedulingSettings(agency.slug, { timezone: "america/denver", slotIntervalMinutes: 60, travelBufferMinutes: 15, minimumNoticeMinutes: 120 });
    await setBusinessHours(agency.slug, "mon-fri", { open: "09:00", close: "17:00" });
    await addPhotographer(agency.slug, `agent1@${agency.slug}.test`, "mon-fri");
    await addPhotographer(agency.slug, bob, "tue");

    const week = await availability(api, { from: monday, days: 7 });
    expectJson(week, 200);
    expect(week.body).toMatchObject({ timezone: zone, travel_buffer_minutes: 15, from: monday });
    expect(startsOn(week.body.slots, monday, ann)).toEqual(grid("09:00", "15:00", 60));
    expect(startsOn(week.body.slots, monday, bob)).toEqual([]);
    expect(startsOn(week.body.slots, tuesday, bob)).toEqual(grid("09:00", "15:00", 60));
    expect(week.body.slots[0].start).toBe(`${monday}T09:00:00${offsetOn(monday, zone)}`);
    expect(week.body.slots.some((s: Slot) => s.start.startsWith(addDays(monday, 5)))).toBe(false);

    // Ann's day off on Tuesday leaves Bob; a holiday closes the agency; removing them restores it.
    const dayOff = await blockTime(agency.slug, { photographer: ann, from: tuesday, to: tuesday, reason: "dentist" });
    const afternoon = await blockTime(agency.slug, { from: `${monday}T12:00:00${offsetOn(monday, zone)}`, to: `${monday}T17:00:00${offsetOn(monday, zone)}` });
    const blocked = (await availability(api, { from: monday, days: 2 })).body.slots as Slot[];
    expect(startsOn(blocked, tuesday, ann)).toEqual([]);
    expect(startsOn(blocked, tuesday, bob)).toEqual(grid("09:00", "15:00", 60));
    expect(startsOn(blocked, monday, ann)).toEqual(["09:00", "10:00"]); // 10:00-11:30 ends before noon
    await unblockTime(dayOff);
    await unblockTime(afternoon);
    expect(startsOn((await availability(api, { from: monday, days: 2 })).body.slots, tuesday, ann)).toEqual(grid("09:00", "15:00", 60));

    // A removed photographer is no longer offered.
    await removePhotographer(agency.slug, bob);
    expect(startsOn((await availability(api, { from: tuesday, days: 1 })).body.slots, tuesday, bob)).toEqual([]);

    // Today, nothing starts sooner than the minimum notice.
    const today = await availability(api, { days: 2 });
    expectJson(today, 200);
    for (const slot of today.body.slots as Slot[]) expect(Date.parse(slot.start)).toBeGreaterThanOrEqual(Date.now() + 120 * 60_000 - 60_000);
  });
});

test.describe("daylight-saving changes", () => {
  let api: ApiClient;
  let photographer: string;

  test.beforeAll(async ({ playwright }) => {
    const agency = await provisionSchedulingAgency("sched-dst");
    photographer = agency.photographerIds[0]!;
    const request = await playwright.request.newContext({ baseURL: APP_URL });
    api = new ApiClient(request, agency.key);
  });

  for (const direction of ["forward", "back"] as const) {
    test(`clocks going ${direction}: 8:00 is 8:00 local on both sides, and each day has its 18 starts`, async () => {
      const change = nextClockChange(direction);
      const before = addDays(change, -1);
      const after = addDays(change, 1);
      expect(offsetOn(before)).not.toBe(offsetOn(after));
      const res = await availability(api, { from: before, days: 3 });
      expectJson(res, 200);
      const slots: Slot[] = res.body.slots;
      for (const date of [before, change, after]) {
        const starts = slots.filter((s) => s.start.startsWith(date) && s.photographer_id === photographer);
        expect(starts.map((s) => s.start.slice(11, 16)), date).toEqual(grid("08:00", "16:30"));
        expect(starts[0]!.start, date).toBe(`${date}T08:00:00${offsetOn(date)}`);
      }
      // The same local time is an hour apart in UTC terms across the change, beyond whole days.
      const first = (date: string) => Date.parse(slots.find((s) => s.start.startsWith(date))!.start);
      const shift = first(after) - first(before) - 2 * 24 * 3_600_000;
      expect(shift).toBe(direction === "forward" ? -3_600_000 : 3_600_000);
    });
  }
});

test.describe("validation, scopes and tenancy", () => {
  test("names each bad query parameter, and the known package codes", async ({ request }) => {
    const agency = await provisionSchedulingAgency("sched-valid");
    const api = new ApiClient(request, agency.key);
    expectValidation(await api.get("/scheduling/availability", { params: { package: "essentials" } }), ["address"]);
    expectValidation(await api.get("/scheduling/availability", { params: { address: "1 Main" } }), ["package"]);
    expectValidation(await availability(api, { address: "   " }), ["address"]);
    const unknown = expectValidation(await availability(api, { package: "platinum" }), ["package"]);
    expect(unknown.message).toContain('no package "platinum"');
    expect(unknown.message).toContain("known codes: essentials");
    expect(expectValidation(await availability(api, { add_ons: "disco" }), ["add_ons"]).message).toContain("known add-on codes: (none)");
    for (const from of ["2027-02-30", "tomorrow", "2027-03-15T09:00:00-07:00", "15/03/2027"]) expectValidation(await availability(api, { from }), ["from"]);
    for (const days of ["0", "32", "1.5", "week"]) expectValidation(await availability(api, { days }), ["days"]);
    expectJson(await availability(api, { days: 31 }), 200);
    expectJson(await availability(api, { package: "ESSENTIALS" }), 200);
  });

  test("needs the scheduling:read scope and a key", async ({ request }) => {
    const agency = await provisionAgency("sched-scope");
    const readOnly = await mintKey(agency.slug, "listings:read");
    expectError(await availability(new ApiClient(request, readOnly.key), {}), 403, "insufficient_scope");
    expectError(await availability(new ApiClient(request), {}), 401, "authentication_required");
    expectJson(await availability(new ApiClient(request, (await mintKey(agency.slug, "scheduling:read")).key), {}), 200);
    expectError(await new ApiClient(request, agency.key).post("/scheduling/availability", {}), 405, "method_not_allowed");
  });

  test("offers only the agency's own photographers", async ({ request }) => {
    const a = await provisionSchedulingAgency("sched-ten-a");
    const b = await provisionAgency("sched-ten-b");
    await setBusinessHours(b.slug, "all", { open: "08:00", close: "18:00" });
    const monday = nextWeekday(1);
    const mine = (await availability(new ApiClient(request, a.key), { from: monday, days: 1 })).body.slots as Slot[];
    expect(new Set(mine.map((s) => s.photographer_id))).toEqual(new Set(a.photographerIds));
    const theirs = await availability(new ApiClient(request, b.key), { from: monday, days: 1 });
    expectJson(theirs, 200);
    expect(theirs.body.slots).toEqual([]);
  });

  test("responses conform to the OpenAPI document", async ({ request }) => {
    const doc = (await wrap(await request.get("/api/openapi.json"))).body as Doc;
    const oas = await Conformance.of(doc);
    const agency = await provisionSchedulingAgency("sched-oas");
    const api = new ApiClient(request, agency.key);
    const ok = await availability(api, { from: nextWeekday(2), days: 2 });
    expect(ok.body.slots.length).toBeGreaterThan(0);
    oas.expectResponse("GET", "/scheduling/availability", ok);
    oas.expectResponse("GET", "/scheduling/availability", await availability(api, { package: "nope" }));
    const params = (doc.paths["/scheduling/availability"]!.get!.parameters ?? []).map((p) => `${p.in}:${p.name}${p.required ? "!" : ""}`).sort();
    expect(params).toEqual(["query:add_ons", "query:address!", "query:days", "query:from", "query:package!"]);
    expect(API).toBe("/api/v1");
  });
});
