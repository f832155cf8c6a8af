// The calendar vocabulary scheduling settings are written in: IANA time zones, ISO weekdays
// (1 = Monday ... 7 = Sunday) and wall-clock times as minutes after local midnight. Parsers for
// what people type ("mon-fri", "08:00") live here so the CLI and the dashboard's forms agree.
// Imports nothing server-only.

export const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const WEEKDAY_LABELS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** "Monday" for 1 ... "Sunday" for 7. */
export const weekdayLabel = (weekday: number) => WEEKDAY_LABELS[weekday - 1] ?? `weekday ${weekday}`;

let knownZones: Map<string, string> | undefined;

/**
 * The canonical spelling of an IANA time zone name ("america/denver" -> "America/Denver",
 * "US/Pacific" stays a valid link), or undefined when the runtime's time zone database does not
 * know it. Fixed offsets ("+05:00", "GMT+5") are refused: they have no daylight-saving rules, and
 * business hours are wall-clock times.
 */
export function canonicalTimeZone(name: string): string | undefined {
  const trimmed = name.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(trimmed)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  knownZones ??= new Map(Intl.supportedValuesOf("timeZone").map((zone) => [zone.toLowerCase(), zone]));
  // Keep the name as written when it is a zone in its own right (ICU would turn Asia/Kolkata into
  // its legacy Asia/Calcutta); otherwise take ICU's spelling, which fixes case and resolves links.
  return knownZones.get(trimmed.toLowerCase()) ?? resolved;
}

/** "08:00" -> 480; "24:00" (end of day, for closing times) -> 1440; undefined if malformed. */
export function parseClockTime(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** 480 -> "08:00"; 1440 -> "24:00". */
export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function weekdayNumber(token: string): number | undefined {
  const t = token.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  // "mon", "tues", "thursday": any prefix of three letters or more.
  const index = t.length >= 3 ? WEEKDAY_LABELS.findIndex((label) => label.toLowerCase().startsWith(t)) : -1;
  return index >= 0 ? index + 1 : undefined;
}

/**
 * Weekdays as people write them: "mon-fri", "tue-sat", "mon,wed,fri", "sat", "1-5", "fri-mon"
 * (wrapping over the weekend), "all". Returns the ISO weekdays sorted, or an error message.
 */
export function parseWeekdays(text: string): { days: number[] } | { error: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === "all" || trimmed === "every day" || trimmed === "daily") return { days: [1, 2, 3, 4, 5, 6, 7] };
  const days = new Set<number>();
  for (const part of trimmed.split(",")) {
    const [first, last, ...extra] = part.split("-");
    const from = weekdayNumber(first ?? "");
    const to = last === undefined ? from : weekdayNumber(last);
    if (from === undefined || to === undefined || extra.length > 0) {
      return { error: `"${part.trim()}" is not a weekday or a range of weekdays (e.g. mon-fri, sat, tue,thu)` };
    }
    for (let day = from; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === to) break;
    }
  }
  return { days: [...days].sort((a, b) => a - b) };
}

/** [1,2,3,4,5] -> "Monday-Friday"; [2,4] -> "Tuesday, Thursday". */
export function describeWeekdays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 0) return "no days";
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) => (run.length >= 3 ? `${weekdayLabel(run[0]!)}-${weekdayLabel(run.at(-1)!)}` : run.map(weekdayLabel).join(", ")))
    .join(", ");
}
