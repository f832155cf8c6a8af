import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./limiter";
import { secondsUntilAllowed, slidingCount, windowPosition } from "./sliding-window";

describe("the sliding window's arithmetic", () => {
  it("weights the previous clock window by how much of it still overlaps the last 60 s", () => {
    expect(slidingCount({ previous: 100, current: 10, elapsed: 0.25 })).toBe(85);
    expect(slidingCount({ previous: 100, current: 10, elapsed: 0 })).toBe(110);
    expect(windowPosition(90_000, 60)).toEqual({ index: 1, elapsed: 0.5 });
  });

  it("says when one more request fits: later in this window, or only in the next", () => {
    // 100 last window, 20 now, limit 100: fits once the previous weighs ≤ 79, i.e. at 21 % in.
    expect(secondsUntilAllowed({ previous: 100, current: 20, elapsed: 0.1 }, 100, 60)).toBe(Math.ceil((0.21 - 0.1) * 60));
    // This window alone is full: wait for it to end, then for it to fade to 99 of 150.
    expect(secondsUntilAllowed({ previous: 0, current: 150, elapsed: 0.5 }, 100, 60)).toBe(Math.ceil((0.5 + (1 - 99 / 150)) * 60));
    // Exactly full: just after the next window starts, once 1 of the 100 has faded.
    expect(secondsUntilAllowed({ previous: 0, current: 100, elapsed: 0.75 }, 100, 60)).toBe(Math.ceil((0.25 + 0.01) * 60));
  });
});

describe("a limiter on the sliding window", () => {
  const input = { keyId: "key_1", agencyId: "agency_1", budget: "cancel_listing" as const };

  it("does not refill at a window boundary: a burst at the end of one minute still counts at the start of the next", async () => {
    let clock = 59_000; // one second before the first boundary
    const limiter = createRateLimiter({ store: "memory", limits: { cancel_listing: 10 }, now: () => clock });
    for (let i = 0; i < 10; i++) expect((await limiter.consume(input)).allowed).toBe(true);
    const refused = await limiter.consume(input);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // A fixed window would hand out 10 more at 60 s; sliding, 2 s later 58/60 of the burst remains.
    clock = 61_000;
    const stillRefused = await limiter.consume(input);
    expect(stillRefused.allowed).toBe(false);
    // Retry-After is honest: waiting it is enough, and a second less is not.
    clock += (stillRefused.retryAfterSeconds - 1) * 1000;
    expect((await limiter.consume(input)).allowed).toBe(false);
    clock += 1000;
    expect((await limiter.consume(input)).allowed).toBe(true);
  });

  it("refused requests count against nothing: hammering does not extend the wait", async () => {
    let clock = 0;
    const limiter = createRateLimiter({ store: "memory", limits: { cancel_listing: 3 }, now: () => clock });
    for (let i = 0; i < 3; i++) await limiter.consume(input);
    for (let i = 0; i < 50; i++) expect((await limiter.consume(input)).allowed).toBe(false);
    clock = 120_000; // both windows past
    const after = await limiter.consume(input);
    expect(after).toMatchObject({ allowed: true, remaining: 2 });
    expect((await limiter.usage("key_1")).find((row) => row.budget === "cancel_listing")).toEqual({ budget: "cancel_listing", limit: 3, used: 1 });
  });

  it("a key refused by its agency's ceiling is not charged on its own budget", async () => {
    const limiter = createRateLimiter({ store: "memory", limits: { cancel_listing: 2 }, now: () => 1_000 }); // ceiling 4
    for (const keyId of ["a", "b"]) for (let i = 0; i < 2; i++) await limiter.consume({ ...input, keyId });
    expect((await limiter.consume({ ...input, keyId: "c" })).allowed).toBe(false);
    const usage = await limiter.usage("c");
    expect(usage.find((row) => row.budget === "cancel_listing")?.used).toBe(0);
  });
});
