// The counters on Redis (REDIS_URL): two processes' limiters share one budget, the window slides,
// and a refused request is not charged. Needs a Redis: TEST_REDIS_URL (CI starts one in .ci/run;
// default the local redis://127.0.0.1:6379).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createRateLimiter } from "./limiter";

const url = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const clients: Redis[] = [];
function limiterOnRedis(now: () => number) {
  // As rateLimiterFromEnv connects: no offline queue, so an outage fails fast (and the API fails open).
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  clients.push(client);
  const ready = client.connect();
  return createRateLimiter({ store: "redis", client, ready, limits: { cancel_listing: 10 }, now });
}

afterAll(async () => {
  await Promise.all(clients.map((client) => client.quit()));
});

describe("rate-limit counters on Redis", () => {
  it("two processes share one budget, and the window slides across the minute", async () => {
    let clock = Math.floor(Date.now() / 60_000) * 60_000 + 50_000; // 10 s before a boundary
    const [first, second] = [limiterOnRedis(() => clock), limiterOnRedis(() => clock)];
    const input = { keyId: `key_${randomUUID()}`, agencyId: `agency_${randomUUID()}`, budget: "cancel_listing" as const };
    const allowed: boolean[] = [];
    for (let i = 0; i < 12; i++) allowed.push((await (i % 2 ? second : first).consume(input)).allowed);
    expect(allowed.filter(Boolean)).toHaveLength(10);
    clock += 15_000; // 5 s into the next minute: 55/60 of the 10 still count
    const refused = await second.consume(input);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    clock += refused.retryAfterSeconds * 1000;
    expect((await first.consume(input)).allowed).toBe(true);
    // Usage as the dashboard shows it, read by either process.
    const used = (await first.usage(input.keyId)).find((row) => row.budget === "cancel_listing")!.used;
    expect(used).toBeGreaterThanOrEqual(10);
    expect(used).toBeLessThanOrEqual(11);
  });
});
