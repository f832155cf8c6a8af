import { describe, expect, it } from "vitest";
import { checkStart, computeSlots, formatInZone, type SchedulingRules, type Slot } from "./slots";

const LA = "America/Los_Angeles";
const h = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const at = (iso: string) => new Date(iso);

// Northlight's week: Monday-Friday 8:00-18:00, Saturday 9:00-14:00; A works Monday-Friday,
// B Tuesday-Saturday. 2027-03-15 is a Monday (the Monday after the spring-forward Sunday).
function rules(overrides: Partial<SchedulingRules> = {}): SchedulingRules {
  return {
    timezone: LA,
    travelBufferMinutes: 30,
    minimumNoticeMinutes: 1440,
    slotIntervalMinutes: 30,
    hours: [
      ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: h("08:00"), closesAt: h("18:00") })),
      { weekday: 6, opensAt: h("09:00"), closesAt: h("14:00") },
    ],
    photographers: [
      { id: "user_A", name: "Ann", workingDays: [1, 2, 3, 4, 5] },
      { id: "user_B", name: "Bob", workingDays: [2, 3, 4, 5, 6] },
    ],
    shoots: [],
    blocks: [],
    ...overrides,
  };
}

const NOW = at("2027-03-01T00:00:00Z");

function slots(r: SchedulingRules, from: string, days = 1, durationMinutes = 90, now = NOW) {
  return computeSlots(r, { durationMinutes, from, days, now });
}

/** Slots as "local start/photographer" strings, readable in failures. */
const show = (list: Slot[], zone = LA) => list.map((s) => `${formatInZone(s.start, zone)} ${s.photographerId}`);
const startsOf = (list: Slot[], photographer: string, zone = LA) =>
  list.filter((s) => s.photographerId === photographer).map((s) => formatInZone(s.start, zone).slice(11, 16));

/** "08:00", "08:30", ... up to and including `last`. */
function grid(first: string, last: string, step = 30): string[] {
  const out: string[] = [];
  for (let m = h(first); m <= h(last); m += step) out.push(`${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  return out;
}

describe("computeSlots", () => {
  it("offers every start on the interval grid whose whole shoot fits before closing", () => {
    const monday = slots(rules(), "2027-03-15");
    expect(startsOf(monday, "user_A")).toEqual(grid("08:00", "16:30"));
    expect(show(monday)[0]).toBe("2027-03-15T08:00:00-07:00 user_A");
    expect(formatInZone(monday.at(-1)!.end, LA)).toBe("2027-03-15T18:00:00-07:00");
    expect(monday.every((s) => s.end.getTime() - s.start.getTime() === 90 * 60_000)).toBe(true);
    // A longer package must start earlier to end by closing time.
    expect(startsOf(slots(rules(), "2027-03-15", 1, 240), "user_A")).toEqual(grid("08:00", "14:00"));
    // One that cannot fit at all is never offered.
    expect(slots(rules(), "2027-03-20", 1, 330)).toEqual([]);
  });

  it("keeps to business hours per weekday: Saturday's shorter day, closed Sunday", () => {
    const week = slots(rules(), "2027-03-20", 2); // Saturday and Sunday
    expect(startsOf(week, "user_B")).toEqual(grid("09:00", "12:30"));
    expect(week.every((s) => formatInZone(s.start, LA).startsWith("2027-03-20"))).toBe(true);
    expect(slots(rules(), "2027-03-21")).toEqual([]);
  });

  it("offers each photographer only on their working days, ordered by start then photographer", () => {
    expect(new Set(slots(rules(), "2027-03-15").map((s) => s.photographerId))).toEqual(new Set(["user_A"])); // Monday
    expect(new Set(slots(rules(), "2027-03-20").map((s) => s.photographerId))).toEqual(new Set(["user_B"])); // Saturday
    const tuesday = slots(rules(), "2027-03-16");
    expect(show(tuesday).slice(0, 4)).toEqual([
      "2027-03-16T08:00:00-07:00 user_A",
      "2027-03-16T08:00:00-07:00 user_B",
      "2027-03-16T08:30:00-07:00 user_A",
      "2027-03-16T08:30:00-07:00 user_B",
    ]);
    const sorted = [...tuesday].sort((a, b) => a.start.getTime() - b.start.getTime() || a.photographerId.localeCompare(b.photographerId));
    expect(tuesday).toEqual(sorted);
    // Listed in any order, photographers come out ordered by id.
    const reversed = rules({ photographers: [...rules().photographers].reverse() });
    expect(slots(reversed, "2027-03-16")).toEqual(tuesday);
  });

  it("keeps the travel buffer before and after a photographer's shoots, and only theirs", () => {
    const r = rules({ shoots: [{ photographerId: "user_A", start: at("2027-03-16T10:00:00-07:00"), end: at("2027-03-16T11:30:00-07:00") }] });
    const tuesday = slots(r, "2027-03-16");
    // 8:00-9:30 ends exactly where the 30-minute buffer before 10:00 begins; 12:00 starts exactly
    // where the buffer after 11:30 ends. Anything in between is taken.
    expect(startsOf(tuesday, "user_A")).toEqual(["08:00", ...grid("12:00", "16:30")]);
    expect(startsOf(tuesday, "user_B")).toEqual(grid("08:00", "16:30"));
    const noBuffer = slots({ ...r, travelBufferMinutes: 0 }, "2027-03-16");
    expect(startsOf(noBuffer, "user_A")).toEqual(["08:00", "08:30", ...grid("11:30", "16:30")]);
  });

  it("respects the minimum notice", () => {
    const now = at("2027-03-15T08:45:00-07:00");
    const monday = slots(rules({ minimumNoticeMinutes: 60 }), "2027-03-15", 1, 90, now);
    expect(startsOf(monday, "user_A")[0]).toBe("10:00"); // 9:45 is the earliest; 10:00 the next start
    // The default day's notice pushes everything to the next day.
    expect(slots(rules(), "2027-03-15", 1, 90, now)).toEqual([]);
    expect(startsOf(slots(rules(), "2027-03-16", 1, 90, now), "user_A")[0]).toBe("09:00");
  });

  it("blocks one photographer for their time off, and everyone for the agency's", () => {
    const dayOff = { photographerId: "user_A", start: at("2027-03-16T12:00:00-07:00"), end: at("2027-03-16T14:00:00-07:00"), reason: "dentist" };
    const onePerson = slots(rules({ blocks: [dayOff] }), "2027-03-16");
    expect(startsOf(onePerson, "user_A")).toEqual([...grid("08:00", "10:30"), ...grid("14:00", "16:30")]);
    expect(startsOf(onePerson, "user_B")).toEqual(grid("08:00", "16:30"));

    const holiday = slots(rules({ blocks: [{ ...dayOff, photographerId: null }] }), "2027-03-16");
    expect(startsOf(holiday, "user_A")).toEqual([...grid("08:00", "10:30"), ...grid("14:00", "16:30")]);
    expect(startsOf(holiday, "user_B")).toEqual(startsOf(holiday, "user_A"));
    // No buffer around blocked time: a shoot may end exactly when it begins.
    expect(startsOf(holiday, "user_A")).toContain("10:30");
  });

  it("steps by the slot interval from the opening time", () => {
    expect(startsOf(slots(rules({ slotIntervalMinutes: 45 }), "2027-03-15"), "user_A")).toEqual(grid("08:00", "16:15", 45));
    expect(startsOf(slots(rules({ slotIntervalMinutes: 60 }), "2027-03-15"), "user_A")).toEqual(grid("08:00", "16:00", 60));
    const odd = rules({ hours: [{ weekday: 1, opensAt: h("08:10"), closesAt: h("12:00") }], slotIntervalMinutes: 20 });
    expect(startsOf(slots(odd, "2027-03-15"), "user_A")).toEqual(grid("08:10", "10:30", 20));
  });

  it("spans several days and skips nothing", () => {
    const fortnight = slots(rules(), "2027-03-15", 14);
    const perDay = new Map<string, number>();
    for (const s of fortnight) perDay.set(formatInZone(s.start, LA).slice(0, 10), (perDay.get(formatInZone(s.start, LA).slice(0, 10)) ?? 0) + 1);
    // Monday: A's 18; Tuesday-Friday: both, 36; Saturday: B's 8; Sunday: closed.
    expect([...perDay.values()]).toEqual([18, 36, 36, 36, 36, 8, 18, 36, 36, 36, 36, 8]);
  });

  describe("daylight-saving time (America/Los_Angeles)", () => {
    it("spring forward (2027-03-14): 9:00 is 9:00 local on both sides", () => {
      const week = slots(rules(), "2027-03-12", 4); // Friday, Saturday, Sunday (the change), Monday
      const first = (date: string) => show(week).find((s) => s.startsWith(date));
      expect(first("2027-03-12")).toBe("2027-03-12T08:00:00-08:00 user_A");
      expect(first("2027-03-13")).toBe("2027-03-13T09:00:00-08:00 user_B");
      expect(first("2027-03-15")).toBe("2027-03-15T08:00:00-07:00 user_A");
      expect(week.find((s) => formatInZone(s.start, LA).startsWith("2027-03-12"))!.start.toISOString()).toBe("2027-03-12T16:00:00.000Z");
      expect(week.find((s) => formatInZone(s.start, LA).startsWith("2027-03-15"))!.start.toISOString()).toBe("2027-03-15T15:00:00.000Z");
      // The same number of starts on each side of the change.
      expect(startsOf(week.filter((s) => formatInZone(s.start, LA).startsWith("2027-03-15")), "user_A")).toEqual(grid("08:00", "16:30"));
      expect(startsOf(week.filter((s) => formatInZone(s.start, LA).startsWith("2027-03-12")), "user_A")).toEqual(grid("08:00", "16:30"));
    });

    it("on the day of the change itself, hours are still wall-clock hours", () => {
      const sundays = rules({ hours: [{ weekday: 7, opensAt: h("08:00"), closesAt: h("12:00") }], photographers: [{ id: "user_A", workingDays: [7] }] });
      const spring = slots(sundays, "2027-03-14");
      expect(show(spring)[0]).toBe("2027-03-14T08:00:00-07:00 user_A");
      expect(formatInZone(spring.at(-1)!.end, LA)).toBe("2027-03-14T12:00:00-07:00");
      const autumn = slots(sundays, "2026-11-01", 1, 90, at("2026-10-01T00:00:00Z"));
      expect(show(autumn)[0]).toBe("2026-11-01T08:00:00-08:00 user_A");
      expect(formatInZone(autumn.at(-1)!.end, LA)).toBe("2026-11-01T12:00:00-08:00");
      expect(startsOf(spring, "user_A")).toEqual(grid("08:00", "10:30"));
      expect(startsOf(autumn, "user_A")).toEqual(grid("08:00", "10:30"));
    });

    it("fall back (2026-11-01): 8:00 is 8:00 local on both sides", () => {
      const week = slots(rules(), "2026-10-30", 4, 90, at("2026-10-01T00:00:00Z"));
      const firsts = ["2026-10-30", "2026-10-31", "2026-11-02"].map((d) => show(week).find((s) => s.startsWith(d)));
      expect(firsts).toEqual(["2026-10-30T08:00:00-07:00 user_A", "2026-10-31T09:00:00-07:00 user_B", "2026-11-02T08:00:00-08:00 user_A"]);
      expect(week.find((s) => formatInZone(s.start, LA).startsWith("2026-11-02"))!.start.toISOString()).toBe("2026-11-02T16:00:00.000Z");
    });

    it("a day open around the clock has 23 hours in spring and 25 in autumn", () => {
      const allDay = rules({
        hours: [{ weekday: 7, opensAt: 0, closesAt: 1440 }],
        photographers: [{ id: "user_A", workingDays: [7] }],
        slotIntervalMinutes: 60,
        minimumNoticeMinutes: 0,
      });
      const spring = slots(allDay, "2027-03-14", 1, 60);
      expect(spring).toHaveLength(23);
      expect(show(spring).slice(0, 3)).toEqual([
        "2027-03-14T00:00:00-08:00 user_A",
        "2027-03-14T01:00:00-08:00 user_A",
        "2027-03-14T03:00:00-07:00 user_A", // 2:00 does not exist that night
      ]);
      expect(formatInZone(spring.at(-1)!.end, LA)).toBe("2027-03-15T00:00:00-07:00");

      const autumn = slots(allDay, "2026-11-01", 1, 60, at("2026-10-01T00:00:00Z"));
      expect(autumn).toHaveLength(25);
      expect(show(autumn).slice(0, 4)).toEqual([
        "2026-11-01T00:00:00-07:00 user_A",
        "2026-11-01T01:00:00-07:00 user_A",
        "2026-11-01T01:00:00-08:00 user_A", // 1:00 happens twice
        "2026-11-01T02:00:00-08:00 user_A",
      ]);
      expect(formatInZone(autumn.at(-1)!.end, LA)).toBe("2026-11-02T00:00:00-08:00");
      // Real durations: every slot is exactly one hour long, even across the change.
      expect([...spring, ...autumn].every((s) => s.end.getTime() - s.start.getTime() === 3_600_000)).toBe(true);
    });

    it("keeps the buffer in real minutes across the change", () => {
      const allNight = rules({
        hours: [{ weekday: 7, opensAt: 0, closesAt: h("06:00") }],
        photographers: [{ id: "user_A", workingDays: [7] }],
        minimumNoticeMinutes: 0,
      });
      // A shoot 00:30-01:30 PST; with the buffer, A is free from 02:00 PST = 03:00 PDT.
      const r = { ...allNight, shoots: [{ photographerId: "user_A", start: at("2027-03-14T00:30:00-08:00"), end: at("2027-03-14T01:30:00-08:00") }] };
      expect(show(slots(r, "2027-03-14", 1, 60))[0]).toBe("2027-03-14T03:00:00-07:00 user_A");
    });
  });

  describe("other time zones", () => {
    it("Europe/Berlin changes on its own date (2027-03-28), not Los Angeles'", () => {
      const berlin = rules({ timezone: "Europe/Berlin" });
      const firstOn = (from: string) => show(slots(berlin, from), "Europe/Berlin")[0];
      expect(firstOn("2027-03-15")).toBe("2027-03-15T08:00:00+01:00 user_A");
      expect(firstOn("2027-03-26")).toBe("2027-03-26T08:00:00+01:00 user_A");
      expect(firstOn("2027-03-29")).toBe("2027-03-29T08:00:00+02:00 user_A");
      expect(slots(berlin, "2027-03-29")[0]!.start.toISOString()).toBe("2027-03-29T06:00:00.000Z");
    });

    it("Asia/Kolkata: a half-hour offset and no daylight-saving time", () => {
      const kolkata = rules({ timezone: "Asia/Kolkata" });
      const monday = slots(kolkata, "2027-03-15");
      expect(show(monday, "Asia/Kolkata")[0]).toBe("2027-03-15T08:00:00+05:30 user_A");
      expect(monday[0]!.start.toISOString()).toBe("2027-03-15T02:30:00.000Z");
    });

    it("Australia/Sydney falls back in April (2027-04-04)", () => {
      const sydney = rules({ timezone: "Australia/Sydney" });
      expect(show(slots(sydney, "2027-04-02"), "Australia/Sydney")[0]).toBe("2027-04-02T08:00:00+11:00 user_A");
      expect(show(slots(sydney, "2027-04-05"), "Australia/Sydney")[0]).toBe("2027-04-05T08:00:00+10:00 user_A");
    });

    it("UTC is written with an explicit +00:00 offset", () => {
      expect(show(slots(rules({ timezone: "UTC" }), "2027-03-15"), "UTC")[0]).toBe("2027-03-15T08:00:00+00:00 user_A");
    });
  });
});

describe("checkStart", () => {
  const check = (r: SchedulingRules, start: string, candidates = ["user_A", "user_B"], durationMinutes = 90, now = NOW) =>
    checkStart(r, { start: at(start), durationMinutes, now, candidates });
  const reasonOf = (result: ReturnType<typeof checkStart>) => (result.ok ? "ok" : result.reason);

  it("accepts an offered start and picks the first free candidate", () => {
    expect(check(rules(), "2027-03-16T09:00:00-07:00")).toEqual({ ok: true, photographerId: "user_A", end: at("2027-03-16T10:30:00-07:00") });
    expect(check(rules(), "2027-03-16T09:00:00-07:00", ["user_B", "user_A"])).toMatchObject({ ok: true, photographerId: "user_B" });
    // The same instant written in UTC is the same start.
    expect(check(rules(), "2027-03-16T16:00:00Z")).toMatchObject({ ok: true, photographerId: "user_A" });
    // A is away, so B takes it.
    const busyA = rules({ shoots: [{ photographerId: "user_A", start: at("2027-03-16T09:00:00-07:00"), end: at("2027-03-16T10:30:00-07:00") }] });
    expect(check(busyA, "2027-03-16T09:00:00-07:00")).toMatchObject({ ok: true, photographerId: "user_B" });
  });

  it("says why a start is refused", () => {
    expect(reasonOf(check(rules(), "2027-03-21T10:00:00-07:00"))).toMatch(/outside business hours: the agency takes no shoots on Sundays/);
    expect(reasonOf(check(rules(), "2027-03-16T07:30:00-07:00"))).toMatch(
      /outside business hours: Tuesday 08:00-18:00 \(America\/Los_Angeles\), so a 90-minute shoot must start between 2027-03-16T08:00:00-07:00 and 2027-03-16T16:30:00-07:00/,
    );
    expect(reasonOf(check(rules(), "2027-03-16T17:00:00-07:00"))).toMatch(/outside business hours/);
    expect(reasonOf(check(rules(), "2027-03-20T09:00:00-07:00", ["user_B"], 330))).toMatch(/a 330-minute shoot does not fit in Saturday 09:00-14:00/);
    expect(reasonOf(check(rules(), "2027-03-16T09:10:00-07:00"))).toMatch(/not an offered start: starts are every 30 minutes from 08:00/);
    expect(reasonOf(check(rules(), "2027-03-16T09:00:00-07:00", undefined, 90, at("2027-03-15T10:00:00-07:00")))).toMatch(
      /too soon: shoots must be booked at least 1440 minutes ahead/,
    );
    const holiday = rules({ blocks: [{ photographerId: null, start: at("2027-03-16T00:00:00-07:00"), end: at("2027-03-17T00:00:00-07:00"), reason: "Holiday" }] });
    expect(reasonOf(check(holiday, "2027-03-16T09:00:00-07:00"))).toMatch(/blocked for the whole agency \(Holiday\)/);
    expect(reasonOf(check(rules(), "2027-03-15T09:00:00-07:00", ["user_B"]))).toMatch(/not available: Bob does not work on Mondays/);
    const dayOff = rules({ blocks: [{ photographerId: "user_A", start: at("2027-03-16T00:00:00-07:00"), end: at("2027-03-17T00:00:00-07:00"), reason: "vacation" }] });
    expect(reasonOf(check(dayOff, "2027-03-16T09:00:00-07:00", ["user_A"]))).toMatch(/Ann is off then \(vacation\)/);
    const booked = rules({ shoots: [{ photographerId: "user_A", start: at("2027-03-16T10:30:00-07:00"), end: at("2027-03-16T12:00:00-07:00") }] });
    expect(reasonOf(check(booked, "2027-03-16T09:00:00-07:00", ["user_A"]))).toMatch(/Ann is booked then \(another shoot, with a 30-minute travel buffer/);
    expect(reasonOf(check(rules(), "2027-03-15T09:00:00-07:00", ["user_B", "user_X"]))).toMatch(
      /no photographer is free \(Bob does not work on Mondays; user_X is not an active photographer\)/,
    );
    expect(reasonOf(check(rules(), "2027-03-16T09:00:00-07:00", []))).toMatch(/no active photographers/);
  });

  it("agrees with computeSlots on every start of a busy fortnight, across the spring change", () => {
    const r = rules({
      minimumNoticeMinutes: 600,
      slotIntervalMinutes: 15,
      shoots: [
        { photographerId: "user_A", start: at("2027-03-12T10:00:00-08:00"), end: at("2027-03-12T12:30:00-08:00") },
        { photographerId: "user_B", start: at("2027-03-16T13:00:00-07:00"), end: at("2027-03-16T14:30:00-07:00") },
      ],
      blocks: [
        { photographerId: "user_B", start: at("2027-03-18T00:00:00-07:00"), end: at("2027-03-19T00:00:00-07:00") },
        { photographerId: null, start: at("2027-03-19T12:00:00-07:00"), end: at("2027-03-19T13:00:00-07:00") },
      ],
    });
    const now = at("2027-03-11T12:00:00-08:00");
    const offered = computeSlots(r, { durationMinutes: 120, from: "2027-03-11", days: 14, now });
    const offeredKeys = new Set(offered.map((s) => `${s.start.toISOString()} ${s.photographerId}`));
    // Every quarter hour of the fortnight, for each photographer on their own.
    let accepted = 0;
    for (let t = at("2027-03-11T00:00:00-08:00").getTime(); t < at("2027-03-25T00:00:00-07:00").getTime(); t += 15 * 60_000) {
      for (const id of ["user_A", "user_B"]) {
        const result = checkStart(r, { start: new Date(t), durationMinutes: 120, now, candidates: [id] });
        expect(result.ok, `${formatInZone(new Date(t), LA)} ${id}`).toBe(offeredKeys.has(`${new Date(t).toISOString()} ${id}`));
        if (result.ok) accepted++;
      }
    }
    expect(accepted).toBe(offered.length);
    expect(accepted).toBeGreaterThan(300);
  }, 30_000);
});

describe("busy time at scale", () => {
  /** A small seeded generator (mulberry32): the same "random" agency on every run. */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
    };
  }

  // Twelve photographers, 900 shoots in no particular order (some overlapping, as an operator's
  // override may book them, one of them days long), per-photographer and agency-wide blocks, and
  // shoots of a photographer who is no longer active.
  const rand = random(20270315);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const ids = Array.from({ length: 12 }, (_, i) => `user_${String(i).padStart(2, "0")}`);
  const first = at("2027-03-08T00:00:00-08:00").getTime();
  const span = 21 * 24 * 60 * 60_000;
  const interval = (minutes: number) => {
    const start = first - 86_400_000 + Math.floor(rand() * (span + 2 * 86_400_000) / (5 * 60_000)) * 5 * 60_000;
    return { start: new Date(start), end: new Date(start + minutes * 60_000) };
  };
  const big = rules({
    minimumNoticeMinutes: 0,
    slotIntervalMinutes: 15,
    photographers: ids.map((id, i) => ({ id, workingDays: i % 3 === 0 ? [1, 2, 3, 4, 5] : [2, 3, 4, 5, 6] })),
    shoots: [
      ...Array.from({ length: 900 }, () => ({ photographerId: pick([...ids, "user_gone"]), ...interval(pick([60, 90, 120, 180])) })),
      { photographerId: "user_03", ...interval(4 * 24 * 60) },
    ],
    blocks: Array.from({ length: 40 }, (_, i) => ({ photographerId: i % 4 === 0 ? null : pick(ids), ...interval(pick([60, 240, 1440])), reason: `block ${i}` })),
  });

  // The rules as written, with every busy interval checked against every start.
  const overlapsNaively = (start: number, end: number, other: { start: Date; end: Date }, pad = 0) =>
    start < other.end.getTime() + pad && other.start.getTime() - pad < end;
  const freeNaively = (slot: Slot) => {
    const [start, end] = [slot.start.getTime(), slot.end.getTime()];
    if (big.blocks.some((b) => b.photographerId === null && overlapsNaively(start, end, b))) return false;
    if (big.blocks.some((b) => b.photographerId === slot.photographerId && overlapsNaively(start, end, b))) return false;
    return !big.shoots.some((s) => s.photographerId === slot.photographerId && overlapsNaively(start, end, s, big.travelBufferMinutes * 60_000));
  };

  it("computeSlots offers exactly the grid starts a check against every shoot and block leaves free", () => {
    const request = { durationMinutes: 90, from: "2027-03-08", days: 21, now: NOW };
    // Hours and working days do not depend on busy time: the grid is the slots of an idle agency.
    const grid = computeSlots({ ...big, shoots: [], blocks: [] }, request);
    const expected = grid.filter(freeNaively);
    const offered = computeSlots(big, request);
    expect(offered).toEqual(expected);
    // The case is busy enough to mean something: most of the grid is taken, not all of it.
    expect(offered.length).toBeGreaterThan(grid.length / 10);
    expect(offered.length).toBeLessThan(grid.length / 2);
  });

  it("checkStart names the first block in the rules' order, as it did before busy time was grouped", () => {
    const grid = computeSlots({ ...big, shoots: [], blocks: [] }, { durationMinutes: 90, from: "2027-03-08", days: 21, now: NOW });
    let blocked = 0;
    for (const slot of grid.filter((_, i) => i % 7 === 0)) {
      const result = checkStart(big, { start: slot.start, durationMinutes: 90, now: NOW, candidates: [slot.photographerId] });
      expect(result.ok).toBe(freeNaively(slot));
      const [start, end] = [slot.start.getTime(), slot.end.getTime()];
      const block =
        big.blocks.find((b) => b.photographerId === null && overlapsNaively(start, end, b)) ??
        big.blocks.find((b) => b.photographerId === slot.photographerId && overlapsNaively(start, end, b));
      if (block) {
        blocked++;
        expect(result.ok ? "" : result.reason).toContain(`(${block.reason})`);
      }
    }
    expect(blocked).toBeGreaterThan(20);
  });
});
