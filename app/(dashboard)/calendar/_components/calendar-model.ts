// What the calendar page shows, computed from scheduling.calendar's answer. react-big-calendar
// lays events out in the browser's zone; the agency works in its own. So every time is turned
// into a "floating" Date: one whose wall clock in the browser equals the agency's wall clock
// (a 9:00 PDT shoot sits at 9:00 on the grid in Paris too). Pure: unit-tested beside.
import { DateTime } from "luxon";
import type { RouterOutputs } from "@/lib/trpc";

export type CalendarData = RouterOutputs["scheduling"]["calendar"];
export type CalendarMode = "day" | "week";

/** The column shoots without a photographer go to. */
export const UNASSIGNED = "unassigned";

export interface ShootEvent {
  kind: "shoot";
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
  listingNumber: string;
  photographerName: string | null;
  status: string;
}

export interface BlockEvent {
  kind: "blocked";
  id: string;
  title: string;
  start: Date;
  end: Date;
  resourceId: string;
}

export interface Resource {
  id: string;
  title: string;
}

/** An ISO instant as a Date showing the same wall-clock time in the browser's zone. */
export function floating(iso: string): Date {
  const wall = DateTime.fromISO(iso, { setZone: true });
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The floating Date back to the calendar date it shows, YYYY-MM-DD. */
export function floatingDate(date: Date): string {
  return DateTime.fromJSDate(date).toISODate()!;
}

/** The first day of the range a date falls in: itself for a day, its Monday for a week. */
export function rangeStart(date: string, mode: CalendarMode): string {
  const day = DateTime.fromISO(date);
  return (mode === "week" ? day.startOf("week") : day).toISODate()!;
}

/** The same view one step earlier (-1) or later (+1). */
export function step(date: string, mode: CalendarMode, direction: -1 | 1): string {
  return DateTime.fromISO(date).plus(mode === "week" ? { weeks: direction } : { days: direction }).toISODate()!;
}

export function rangeLabel(start: string, mode: CalendarMode): string {
  const first = DateTime.fromISO(start).setLocale("en-US");
  if (mode === "day") return first.toFormat("cccc, LLLL d, yyyy");
  const last = first.plus({ days: 6 });
  if (first.year !== last.year) return `${first.toFormat("LLL d, yyyy")} – ${last.toFormat("LLL d, yyyy")}`;
  if (first.month !== last.month) return `${first.toFormat("LLL d")} – ${last.toFormat("LLL d, yyyy")}`;
  return `${first.toFormat("LLL d")} – ${last.toFormat("d, yyyy")}`;
}

/** One column per photographer (by name), and "Unassigned" only when a shoot needs it. */
export function resourcesOf(data: CalendarData): Resource[] {
  const columns = data.photographers.filter((p) => p.active || data.shoots.some((s) => s.photographer_id === p.user_id)).map((p) => ({ id: p.user_id, title: p.name }));
  if (data.shoots.some((s) => !s.photographer_id || !columns.some((c) => c.id === s.photographer_id))) columns.push({ id: UNASSIGNED, title: "Unassigned" });
  return columns;
}

export function shootEvents(data: CalendarData, resources: Resource[]): ShootEvent[] {
  return data.shoots.map((s) => ({
    kind: "shoot",
    id: s.id,
    title: s.address,
    start: floating(s.starts_at),
    end: floating(s.ends_at),
    resourceId: s.photographer_id && resources.some((r) => r.id === s.photographer_id) ? s.photographer_id : UNASSIGNED,
    listingNumber: s.listing_number,
    photographerName: s.photographer_name,
    status: s.status,
  }));
}

/** Blocked time as background: a photographer's in their column, agency-wide in every column. */
export function blockEvents(data: CalendarData, resources: Resource[]): BlockEvent[] {
  return data.blocked.flatMap((b) => {
    const columns = b.photographer_id ? [b.photographer_id] : resources.map((r) => r.id);
    return columns.map((resourceId) => ({
      kind: "blocked" as const,
      id: `${b.id}:${resourceId}`,
      title: b.reason ? `Blocked: ${b.reason}` : "Blocked",
      start: floating(b.starts_at),
      end: floating(b.ends_at),
      resourceId,
    }));
  });
}

export interface DayAgenda {
  date: string;
  label: string;
  items: { id: string; kind: "shoot" | "blocked"; start: Date; end: Date; title: string; detail: string; listingNumber?: string }[];
}

/** The phone layout: each day of the range with its shoots and blocked time, in time order. */
export function agendaByDay(data: CalendarData, start: string, days: number): DayAgenda[] {
  return Array.from({ length: days }, (_, i) => {
    const day = DateTime.fromISO(start).plus({ days: i });
    const date = day.toISODate()!;
    const onDay = (iso: string, endIso: string) => floatingDate(floating(iso)) <= date && floatingDate(new Date(floating(endIso).getTime() - 1)) >= date;
    const items = [
      ...data.shoots
        .filter((s) => onDay(s.starts_at, s.ends_at))
        .map((s) => ({ id: s.id, kind: "shoot" as const, start: floating(s.starts_at), end: floating(s.ends_at), title: s.address, detail: `${s.listing_number} · ${s.photographer_name ?? "No photographer"}`, listingNumber: s.listing_number })),
      ...data.blocked
        .filter((b) => onDay(b.starts_at, b.ends_at))
        .map((b) => ({
          id: b.id,
          kind: "blocked" as const,
          start: floating(b.starts_at),
          end: floating(b.ends_at),
          title: b.reason ? `Blocked: ${b.reason}` : "Blocked",
          detail: b.photographer_id ? (data.photographers.find((p) => p.user_id === b.photographer_id)?.name ?? "One photographer") : "Whole agency",
        })),
    ].sort((a, b) => a.start.getTime() - b.start.getTime());
    return { date, label: day.setLocale("en-US").toFormat("cccc, LLL d"), items };
  });
}

/** "9:00 AM – 11:00 AM" of floating times (their wall clock is the agency's). */
export function timeRange(start: Date, end: Date): string {
  const f = (d: Date) => DateTime.fromJSDate(d).setLocale("en-US").toFormat("h:mm a");
  return `${f(start)} – ${f(end)}`;
}
