// When to try a failed delivery again: exponential-ish steps over about three days, with jitter
// so that an outage's backlog does not return all at once, and at least as long as a 429/503's
// Retry-After asks, up to MAX_RETRY_AFTER_MS.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Wait before attempt n+1 after attempt n failed (index n-1). After the last, give up. */
export const RETRY_DELAYS_MS = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 14 * HOUR, 20 * HOUR, 24 * HOUR] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A Retry-After longer than this is capped: the schedule stays about three days long. */
export const MAX_RETRY_AFTER_MS = 24 * HOUR;
/** An endpoint failing without a single success for this long is disabled. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * HOUR;

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * SECOND;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/**
 * When the next attempt is due after `attempt` (1-based) failed, or null to give up.
 * `random` is injectable for tests; jitter is ±20% of the step.
 */
export function nextAttemptAt(
  attempt: number,
  now: Date,
  options: { retryAfterMs?: number; random?: () => number } = {},
): Date | null {
  const step = RETRY_DELAYS_MS[attempt - 1];
  if (step === undefined) return null;
  const jitter = 1 + ((options.random ?? Math.random)() * 0.4 - 0.2);
  const retryAfter = options.retryAfterMs === undefined ? 0 : Math.min(options.retryAfterMs, MAX_RETRY_AFTER_MS);
  return new Date(now.getTime() + Math.max(Math.round(step * jitter), retryAfter));
}
