// Picks where the rate-limit counters live from the environment (see limiter.ts).
import pg from "pg";
import { survivingIdleErrors } from "../db/pg-pool";
import { Redis } from "ioredis";
import type { Env } from "../env";
import { isBudgetName, type AnyBudgetName } from "./budgets";
import { CREATE_COUNTER_TABLE, createRateLimiter, type LimiterOptions, type RateLimiter } from "./limiter";

export interface RateLimiterHandle {
  limiter: RateLimiter;
  store: "memory" | "postgres" | "redis";
  close(): Promise<void>;
}

export function parseLimits(raw: string | undefined): Partial<Record<AnyBudgetName, number>> {
  const limits: Partial<Record<AnyBudgetName, number>> = {};
  for (const pair of (raw ?? "").split(",").filter((part) => part.trim())) {
    const [name, value] = pair.split("=").map((part) => part.trim());
    if (!isBudgetName(name!)) throw new Error(`RATE_LIMITS: no budget named ${name}`);
    limits[name] = Number(value);
  }
  return limits;
}

export function rateLimiterFromEnv(
  env: Pick<Env, "REDIS_URL" | "DATABASE_URL" | "RATE_LIMITS">,
  extra: Pick<LimiterOptions, "overrideOf" | "refreshOverrides"> = {},
): RateLimiterHandle {
  const limits = { ...parseLimits(env.RATE_LIMITS) };
  if (env.REDIS_URL) {
    const client = new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    return { store: "redis", limiter: createRateLimiter({ store: "redis", client, limits, ...extra }), close: async () => void client.disconnect() };
  }
  if (env.DATABASE_URL) {
    // A small pool of its own: counting must not wait behind the app's queries.
    const pool = survivingIdleErrors(new pg.Pool({ connectionString: env.DATABASE_URL, max: 4 }));
    // Concurrent CREATE TABLE IF NOT EXISTS from two processes can collide on pg_type: the loser
    // finds the table there.
    const ready = pool.query(CREATE_COUNTER_TABLE).then(
      () => undefined,
      (error: { code?: string }) => {
        if (error.code !== "23505") throw error;
      },
    );
    ready.catch(() => {}); // awaited (and reported) by the first consume
    return { store: "postgres", limiter: createRateLimiter({ store: "postgres", client: pool, limits, ready, ...extra }), close: () => pool.end() };
  }
  return { store: "memory", limiter: createRateLimiter({ store: "memory", limits, ...extra }), close: async () => {} };
}
