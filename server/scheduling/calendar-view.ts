// The dashboard calendar's data: one agency's shoots and blocked time over a run of whole days in
// the agency's time zone, with the photographers they belong to. Times are ISO instants written
// in the agency's zone (offset included), so the page can show agency wall-clock time whatever
// the browser's zone.
import { DateTime } from "luxon";
import type { AgencyScope } from "../db/tenant";
import { agencySchedulingFields } from "./settings";
import { formatInZone } from "./slots";

export interface CalendarRange {
  /** The first day shown, YYYY-MM-DD in the agency's zone. */
  start: string;
  /** How many whole days (1 = a day, 7 = a week). */
  days: number;
}

export interface CalendarView {
  timezone: string;
  /** The zone's abbreviation at the start of the range ("PST"), or its offset where it has none. */
  timezone_abbreviation: string;
  start: string;
  end: string;
  photographers: { user_id: string; name: string; active: boolean }[];
  shoots: {
    id: string;
    listing_number: string;
    address: string;
    photographer_id: string | null;
    photographer_name: string | null;
    starts_at: string;
    ends_at: string;
    status: string;
  }[];
  blocked: { id: string; photographer_id: string | null; starts_at: string; ends_at: string; reason: string | null }[];
}

/** [from, to) as instants: midnight at the start of `start` to midnight after the last day, in the zone. */
export function calendarWindow(range: CalendarRange, timezone: string): { from: Date; to: Date } {
  const first = DateTime.fromISO(range.start, { zone: timezone }).startOf("day");
  return { from: first.toJSDate(), to: first.plus({ days: range.days }).startOf("day").toJSDate() };
}

export async function getCalendar(scope: AgencyScope, range: CalendarRange): Promise<CalendarView> {
  const { timezone } = await agencySchedulingFields(scope.db, scope.agencyId);
  const { from, to } = calendarWindow(range, timezone);
  const overlapping = { startsAt: { lt: to }, endsAt: { gt: from } };
  const [photographers, shoots, blocks] = await Promise.all([
    scope.db.photographer.findMany({ include: { user: { select: { name: true } } } }),
    scope.db.shoot.findMany({
      // A cancelled shoot frees its time: it is not on the calendar.
      where: { ...overlapping, status: { not: "cancelled" } },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        photographerId: true,
        startsAt: true,
        endsAt: true,
        status: true,
        tour: { select: { listingNumber: true, address: true } },
        photographer: { select: { name: true } },
      },
    }),
    scope.db.blockedTime.findMany({ where: overlapping, orderBy: [{ startsAt: "asc" }, { id: "asc" }] }),
  ]);
  return {
    timezone,
    timezone_abbreviation: DateTime.fromJSDate(from, { zone: timezone }).toFormat("ZZZZ"),
    start: formatInZone(from, timezone),
    end: formatInZone(to, timezone),
    photographers: photographers
      .map((p) => ({ user_id: p.userId, name: p.user.name, active: p.active }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.user_id.localeCompare(b.user_id)),
    shoots: shoots.map((s) => ({
      id: s.id,
      listing_number: s.tour.listingNumber,
      address: s.tour.address,
      photographer_id: s.photographerId,
      photographer_name: s.photographer?.name ?? null,
      starts_at: formatInZone(s.startsAt, timezone),
      ends_at: formatInZone(s.endsAt, timezone),
      status: s.status,
    })),
    blocked: blocks.map((b) => ({
      id: b.id,
      photographer_id: b.photographerId,
      starts_at: formatInZone(b.startsAt, timezone),
      ends_at: formatInZone(b.endsAt, timezone),
      reason: b.reason,
    })),
  };
}
