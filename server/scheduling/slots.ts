// When a shoot can start: the one set of rules availability offers slots by and booking checks a
// start time against. Pure: everything it needs comes in as arguments (no database, no clock).
//
// Business hours are wall-clock times in the agency's time zone, so every day's opening and
// closing instants are computed with Luxon from the local date, never by adding hours to a UTC
// midnight: 9:00 stays 9:00 local on both sides of a daylight-saving change, and the day itself
// has 23 or 25 hours. Within a day, starts step by the slot interval in real minutes from the
// opening instant, and a shoot lasts its real duration.
import { DateTime } from "luxon";
import { formatClockTime, weekdayLabel } from "./calendar";

export interface BusinessHoursRule {
  /** ISO weekday, 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight. */
  opensAt: number;
  /** Minutes after local midnight, up to 1440 (24:00). */
  closesAt: number;
}

export interface PhotographerRule {
  id: string;
  /** For messages; the id is used without it. */
  name?: string;
  /** ISO weekdays the photographer works. */
  workingDays: readonly number[];
}

export interface BusyInterval {
  photographerId: string;
  start: Date;
  end: Date;
}

export interface BlockedInterval {
  /** null: the whole agency (a holiday). */
  photographerId: string | null;
  start: Date;
  end: Date;
  reason?: string | null;
}

export interface SchedulingRules {
  /** IANA zone the hours are in, e.g. America/Los_Angeles. */
  timezone: string;
  /** Kept free before and after each of a photographer's shoots. */
  travelBufferMinutes: number;
  /** How far ahead of now a shoot must start. */
  minimumNoticeMinutes: number;
  /** Step between offered starts, from the opening time. */
  slotIntervalMinutes: number;
  /** A weekday without an entry is closed. */
  hours: readonly BusinessHoursRule[];
  /** The active photographers. */
  photographers: readonly PhotographerRule[];
  /** The photographers' scheduled shoots. */
  shoots: readonly BusyInterval[];
  blocks: readonly BlockedInterval[];
}

export interface Slot {
  start: Date;
  end: Date;
  photographerId: string;
}

const MINUTE = 60_000;

/** An instant as ISO 8601 in the zone, with its UTC offset: 2027-03-15T09:00:00-07:00. */
export function formatInZone(instant: Date, timezone: string): string {
  const local = DateTime.fromJSDate(instant, { zone: timezone });
  // Luxon writes "Z" for a zero offset in UTC; integrators asked for the offset spelled out.
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** The local calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate()!;
}

/** Local midnight of a YYYY-MM-DD date in the zone (or of the day after, with `plusDays`). */
export function startOfLocalDay(date: string, timezone: string, plusDays = 0): Date {
  return DateTime.fromISO(date, { zone: timezone }).plus({ days: plusDays }).startOf("day").toJSDate();
}

interface DayGrid {
  weekday: number;
  hours: BusinessHoursRule;
  open: number;
  close: number;
}

/** The wall-clock time `minutes` after midnight on `day`, as an instant (24:00 is the next midnight). */
function wallClock(day: DateTime, minutes: number): number {
  if (minutes >= 1440) return day.plus({ days: 1 }).startOf("day").toMillis();
  // set() takes wall-clock fields; plus({ minutes }) would count real minutes from midnight and
  // be an hour off on a daylight-saving day.
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
}

function dayGrid(rules: SchedulingRules, day: DateTime): DayGrid | undefined {
  const hours = rules.hours.find((h) => h.weekday === day.weekday);
  if (!hours) return undefined;
  return { weekday: day.weekday, hours, open: wallClock(day, hours.opensAt), close: wallClock(day, hours.closesAt) };
}

const overlaps = (start: number, end: number, other: { start: Date; end: Date }) => start < other.end.getTime() && other.start.getTime() < end;

/**
 * One photographer's shoots sorted by start, with the latest end among the first k: whether any
 * shoot overlaps a stretch is then one binary search, not a scan of every shoot (availability asks
 * that for every start of every photographer over up to 31 days).
 */
class Timeline {
  private readonly starts: number[] = [];
  private readonly latestEnds: number[] = [];

  constructor(shoots: readonly BusyInterval[]) {
    const sorted = shoots.map((s) => [s.start.getTime(), s.end.getTime()] as const).sort((a, b) => a[0] - b[0]);
    let latest = -Infinity;
    for (const [start, end] of sorted) {
      latest = Math.max(latest, end);
      this.starts.push(start);
      this.latestEnds.push(latest);
    }
  }

  /** Whether a shoot overlaps [start, end). */
  overlaps(start: number, end: number): boolean {
    // The shoots starting before `end` are a prefix; one of them overlaps iff the latest end among them is after `start`.
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.starts[mid]! < end) low = mid + 1;
      else high = mid;
    }
    return low > 0 && this.latestEnds[low - 1]! > start;
  }
}

const NO_SHOOTS = new Timeline([]);

/** The rules' busy time, grouped by photographer once per call rather than searched per start. */
interface BusyTime {
  agencyBlocks: readonly BlockedInterval[];
  blocks: ReadonlyMap<string, readonly BlockedInterval[]>;
  shoots: ReadonlyMap<string, Timeline>;
}

function groupInto<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}

function busyTime(rules: SchedulingRules): BusyTime {
  const agencyBlocks: BlockedInterval[] = [];
  const blocks = new Map<string, BlockedInterval[]>();
  // Kept in the rules' order, so the block a message names is the one it always named.
  for (const block of rules.blocks) {
    if (block.photographerId === null) agencyBlocks.push(block);
    else groupInto(blocks, block.photographerId, block);
  }
  const shoots = new Map<string, BusyInterval[]>();
  for (const shoot of rules.shoots) groupInto(shoots, shoot.photographerId, shoot);
  return { agencyBlocks, blocks, shoots: new Map([...shoots].map(([id, list]) => [id, new Timeline(list)])) };
}

function agencyBlockAt(busy: BusyTime, start: number, end: number): BlockedInterval | undefined {
  return busy.agencyBlocks.find((b) => overlaps(start, end, b));
}

/** Why this photographer cannot take [start, end) on a day of that weekday, or undefined if free. */
function photographerProblem(
  rules: SchedulingRules,
  busy: BusyTime,
  photographer: PhotographerRule,
  weekday: number,
  start: number,
  end: number,
): string | undefined {
  const who = photographer.name ?? photographer.id;
  if (!photographer.workingDays.includes(weekday)) return `${who} does not work on ${weekdayLabel(weekday)}s`;
  const block = busy.blocks.get(photographer.id)?.find((b) => overlaps(start, end, b));
  if (block) return `${who} is off then${block.reason ? ` (${block.reason})` : ""}`;
  const buffer = rules.travelBufferMinutes * MINUTE;
  if ((busy.shoots.get(photographer.id) ?? NO_SHOOTS).overlaps(start - buffer, end + buffer)) {
    return `${who} is booked then (another shoot, with a ${rules.travelBufferMinutes}-minute travel buffer around it)`;
  }
  return undefined;
}

const byId = (a: PhotographerRule, b: PhotographerRule) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every free slot from local midnight of `from` (YYYY-MM-DD in the agency's zone) for `days`
 * days: a start on the day's grid (opening time + k x interval), far enough ahead, with the whole
 * shoot inside business hours, outside agency-wide blocked time, for each photographer who works
 * that weekday and is neither blocked nor within the travel buffer of another shoot.
 * Ordered by start, then photographer id.
 */
export function computeSlots(
  rules: SchedulingRules,
  request: { durationMinutes: number; from: string; days: number; now: Date },
): Slot[] {
  const duration = request.durationMinutes * MINUTE;
  const step = rules.slotIntervalMinutes * MINUTE;
  const earliest = request.now.getTime() + rules.minimumNoticeMinutes * MINUTE;
  const photographers = [...rules.photographers].sort(byId);
  const busy = busyTime(rules);
  const first = DateTime.fromISO(request.from, { zone: rules.timezone }).startOf("day");
  const slots: Slot[] = [];
  for (let i = 0; i < request.days; i++) {
    const grid = dayGrid(rules, first.plus({ days: i }));
    if (!grid) continue;
    for (let start = grid.open; start + duration <= grid.close; start += step) {
      const end = start + duration;
      if (start < earliest || agencyBlockAt(busy, start, end)) continue;
      for (const photographer of photographers) {
        if (!photographerProblem(rules, busy, photographer, grid.weekday, start, end)) {
          slots.push({ start: new Date(start), end: new Date(end), photographerId: photographer.id });
        }
      }
    }
  }
  return slots;
}

export type StartCheck = { ok: true; photographerId: string; end: Date } | { ok: false; reason: string };

/**
 * Whether a shoot of `durationMinutes` may start at `start`: exactly the question computeSlots
 * answers for every start, asked for one. `candidates` are the photographer ids to try in order
 * (the first free one wins); the reason names what stood in the way when none is free.
 */
export function checkStart(
  rules: SchedulingRules,
  request: { start: Date; durationMinutes: number; now: Date; candidates: readonly string[] },
): StartCheck {
  const zone = rules.timezone;
  const start = request.start.getTime();
  const end = start + request.durationMinutes * MINUTE;
  // Only for messages; formatting is the slowest step here.
  const at = () => formatInZone(request.start, zone);
  const day = DateTime.fromMillis(start, { zone }).startOf("day");
  const grid = dayGrid(rules, day);
  if (!grid) return { ok: false, reason: `${at()} is outside business hours: the agency takes no shoots on ${weekdayLabel(day.weekday)}s` };

  const { opensAt, closesAt } = grid.hours;
  const lastStart = grid.close - request.durationMinutes * MINUTE;
  if (start < grid.open || start > lastStart) {
    const hours = `${weekdayLabel(grid.weekday)} ${formatClockTime(opensAt)}-${formatClockTime(closesAt)} (${zone})`;
    return {
      ok: false,
      reason:
        lastStart < grid.open
          ? `${at()} is outside business hours: a ${request.durationMinutes}-minute shoot does not fit in ${hours}`
          : `${at()} is outside business hours: ${hours}, so a ${request.durationMinutes}-minute shoot must start between ${formatInZone(new Date(grid.open), zone)} and ${formatInZone(new Date(lastStart), zone)}`,
    };
  }
  if ((start - grid.open) % (rules.slotIntervalMinutes * MINUTE) !== 0) {
    return { ok: false, reason: `${at()} is not an offered start: starts are every ${rules.slotIntervalMinutes} minutes from ${formatClockTime(opensAt)}` };
  }
  const earliest = request.now.getTime() + rules.minimumNoticeMinutes * MINUTE;
  if (start < earliest) {
    return { ok: false, reason: `${at()} is too soon: shoots must be booked at least ${rules.minimumNoticeMinutes} minutes ahead` };
  }
  const busy = busyTime(rules);
  const closed = agencyBlockAt(busy, start, end);
  if (closed) return { ok: false, reason: `${at()} is blocked for the whole agency${closed.reason ? ` (${closed.reason})` : ""}` };

  if (request.candidates.length === 0) return { ok: false, reason: "the agency has no active photographers" };
  const problems: string[] = [];
  for (const id of request.candidates) {
    const photographer = rules.photographers.find((p) => p.id === id);
    const problem = photographer ? photographerProblem(rules, busy, photographer, grid.weekday, start, end) : `${id} is not an active photographer`;
    if (!problem) return { ok: true, photographerId: id, end: new Date(end) };
    problems.push(problem);
  }
  return {
    ok: false,
    reason: request.candidates.length === 1 ? `${at()} is not available: ${problems[0]}` : `${at()} is not available: no photographer is free (${problems.join("; ")})`,
  };
}
