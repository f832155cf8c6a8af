// The sliding 60-second window, approximated the way large API gateways do it: two clock-aligned
// fixed windows, the previous one weighted by how much of it still overlaps the last 60 seconds.
// A true log of every request's time would cost a row (or a sorted-set entry) per request; this
// costs one counter per window and is exact whenever requests are spread evenly, and it never
// lets a client double its budget across a window boundary, which a fixed window does.
// Plain arithmetic, no store: limiter.ts feeds it the two counts.

export interface WindowCounts {
  /** Requests counted in the previous clock window. */
  previous: number;
  /** Requests counted in the current clock window (including the one being decided). */
  current: number;
  /** How far into the current window we are, in [0, 1). */
  elapsed: number;
}

/** Clock window index and how far into it `nowMs` is. */
export function windowPosition(nowMs: number, windowSeconds: number): { index: number; elapsed: number } {
  const windowMs = windowSeconds * 1000;
  const index = Math.floor(nowMs / windowMs);
  return { index, elapsed: (nowMs - index * windowMs) / windowMs };
}

/** Requests counted in the 60 seconds ending now. */
export function slidingCount({ previous, current, elapsed }: WindowCounts): number {
  return previous * (1 - elapsed) + current;
}

/**
 * Seconds until one more request would be allowed, given the counts without it
 * (`current` excludes the refused request). At least 1.
 */
export function secondsUntilAllowed({ previous, current, elapsed }: WindowCounts, limit: number, windowSeconds: number): number {
  const room = limit - 1 - current;
  let waitWindows: number;
  if (room > 0 && previous > 0) {
    // Still in this window: the previous window's weight fades until the request fits.
    waitWindows = Math.max(0, 1 - room / previous - elapsed);
  } else {
    // Only once this window has become the previous one, and faded enough.
    const fadeNeeded = current > 0 ? Math.max(0, 1 - (limit - 1) / current) : 0;
    waitWindows = 1 - elapsed + fadeNeeded;
  }
  return Math.max(1, Math.ceil(waitWindows * windowSeconds));
}
