// Dates for the scheduling specs, computed from today so that the specs never go stale: the next
// Monday a few weeks out, the next daylight-saving change of a zone, a wall-clock time as ISO 8601
// with its offset.
import { DateTime } from "luxon";

export const LA = "America/Los_Angeles";

/** The first date (YYYY-MM-DD) in `zone`, at least `minDays` from today there, that is ISO `weekday` (1 = Monday). */
export function nextWeekday(weekday: number, minDays = 14, zone = LA): string {
  let day = DateTime.now().setZone(zone).startOf("day").plus({ days: minDays });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

/** `date` plus `days` (calendar days). */
export const addDays = (date: string, days: number) => DateTime.fromISO(date).plus({ days }).toISODate()!;

/** A wall-clock time on a date in the zone, as the API writes it: 2027-03-15T09:00:00-07:00. */
export function wallClock(date: string, hhmm: string, zone = LA): string {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** The zone's UTC offset on a date at noon, e.g. "-07:00". */
export const offsetOn = (date: string, zone = LA) => DateTime.fromISO(`${date}T12:00`, { zone }).toFormat("ZZ");

/** The next date, at least `minDays` ahead, on which the zone's clocks go forward (spring) or back (autumn). */
export function nextClockChange(direction: "forward" | "back", zone = LA, minDays = 3): string {
  let day = DateTime.now().setZone(zone).startOf("day").plus({ days: minDays });
  for (let i = 0; i < 800; i++, day = day.plus({ days: 1 })) {
    const before = day.offset;
    const after = day.endOf("day").offset;
    if ((direction === "forward" && after > before) || (direction === "back" && after < before)) return day.toISODate()!;
  }
  throw new Error(`${zone} has no clock change ahead`);
}

/** Today's date (YYYY-MM-DD) in the zone. */
export const todayIn = (zone = LA) => DateTime.now().setZone(zone).toISODate()!;
