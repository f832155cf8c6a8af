import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, nextAttemptAt, parseRetryAfter } from "./retry";

const now = new Date("2026-11-26T00:00:00Z");
const mid = () => 0.5; // no jitter

describe("retry schedule", () => {
  it("spans about three days over ten attempts", () => {
    expect(MAX_ATTEMPTS).toBe(10);
    const total = RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
    expect(total / 86_400_000).toBeGreaterThan(3);
    expect(total / 86_400_000).toBeLessThan(3.3);
    expect(nextAttemptAt(1, now, { random: mid })!.getTime() - now.getTime()).toBe(5_000);
    expect(nextAttemptAt(9, now, { random: mid })!.getTime() - now.getTime()).toBe(24 * 3_600_000);
    expect(nextAttemptAt(10, now)).toBeNull();
  });

  it("jitters each step by at most 20%", () => {
    expect(nextAttemptAt(2, now, { random: () => 0 })!.getTime() - now.getTime()).toBe(240_000);
    expect(nextAttemptAt(2, now, { random: () => 0.999999 })!.getTime() - now.getTime()).toBeCloseTo(360_000, -2);
  });

  it("waits at least as long as Retry-After asks, capped at a day", () => {
    expect(nextAttemptAt(1, now, { random: mid, retryAfterMs: 120_000 })!.getTime() - now.getTime()).toBe(120_000);
    expect(nextAttemptAt(4, now, { random: mid, retryAfterMs: 60_000 })!.getTime() - now.getTime()).toBe(2 * 3_600_000);
    expect(nextAttemptAt(1, now, { random: mid, retryAfterMs: 9 * 86_400_000 })!.getTime() - now.getTime()).toBe(86_400_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Thu, 26 Nov 2026 00:05:00 GMT", now)).toBe(300_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
