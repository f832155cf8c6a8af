// Times as the agency keeps them: shoots, hours and blocked time are shown in the agency's IANA
// time zone with its abbreviation ("9:00 AM PDT"), whatever zone the browser is in.
import { DateTime } from "luxon";
// In a client component, `useAgencyZone()` (components/dashboard/providers.tsx) gives the zone.

const STYLES = {
  /** Tue, Mar 16, 2027, 9:00 AM PDT */
  dateTime: "ccc, LLL d, yyyy, h:mm a ZZZZ",
  /** 9:00 AM */
  time: "h:mm a",
  /** 9:00 AM PDT */
  timeZone: "h:mm a ZZZZ",
  /** Tue, Mar 16, 2027 */
  date: "ccc, LLL d, yyyy",
} as const;

export type ZonedStyle = keyof typeof STYLES;

export function formatInZone(iso: string | Date, zone: string, style: ZonedStyle = "dateTime"): string {
  const at = typeof iso === "string" ? DateTime.fromISO(iso, { zone }) : DateTime.fromJSDate(iso, { zone });
  return at.isValid ? at.setLocale("en-US").toFormat(STYLES[style]) : String(iso);
}

/** "PDT" / "PST" (or "GMT+1" where the zone has no abbreviation) at a moment. */
export function zoneAbbreviation(zone: string, at: Date = new Date()): string {
  return DateTime.fromJSDate(at, { zone }).setLocale("en-US").toFormat("ZZZZ");
}

/** Today's date (ISO) in the zone. */
export function todayInZone(zone: string): string {
  return DateTime.now().setZone(zone).toISODate() ?? DateTime.now().toISODate()!;
}
