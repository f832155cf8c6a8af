// Counting /api/v1 requests against their budgets (budgets.ts), per API key and per agency (the
// ceiling of all of an agency's keys together), with rate-limiter-flexible so the counters live
// where every process sees them: Redis when REDIS_URL is set, PostgreSQL when DATABASE_URL is,
// memory only in the embedded single-process (PGlite) mode.
// rate-limiter-flexible counts in a window that starts at a key's first request and lasts 60 s
// (not aligned to the clock), which is what X-Rate-Limit-Reset reports.
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AGENCY_CEILING_FACTOR, BUDGETS, WINDOW_SECONDS, type BudgetName } from "./budgets";

/** PostgreSQL: one row per counter, created at start (outside Prisma's schema: it is a cache). */
export const COUNTER_TABLE = "rate_limit_counters";
export const CREATE_COUNTER_TABLE = `CREATE TABLE IF NOT EXISTS ${COUNTER_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`;

export type CounterStore = "memory" | "postgres" | "redis";

export interface LimiterOptions {
  store: CounterStore;
  /** postgres: a pg Pool; redis: an ioredis client. */
  client?: unknown;
  /** Budgets' limits replaced (e2e and tests); per-key/agency overrides come from `overrideOf`. */
  limits?: Partial<Record<BudgetName, number>>;
  /** An override for a key or agency, or undefined for the default. */
  overrideOf?: (subject: { kind: "key" | "agency"; id: string; budget: BudgetName }) => number | undefined;
  /** Resolves once the store is ready (postgres: its table exists). */
  ready?: Promise<void>;
  /** Brings `overrideOf`'s data up to date (a cached read; overrides.ts); a failure keeps the last known. */
  refreshOverrides?: () => Promise<void>;
}

export interface Decision {
  allowed: boolean;
  budget: BudgetName;
  limit: number;
  remaining: number;
  /** Seconds until the window refills. */
  resetSeconds: number;
}

export interface RateLimiter {
  consume(input: { keyId: string; agencyId: string; budget: BudgetName }): Promise<Decision>;
  /** Counts against a budget for something other than a key (a webhook endpoint): `subject` is its id. */
  consumeFor(subject: string, budget: BudgetName): Promise<Decision>;
  /** How much of each budget a key used in its current window (dashboard). */
  usage(keyId: string): Promise<Array<{ budget: BudgetName; limit: number; used: number }>>;
}

export function createRateLimiter(options: LimiterOptions): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();

  function limiterFor(points: number, prefix: string): RateLimiterAbstract {
    const id = `${prefix}:${points}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      const common = { points, duration: WINDOW_SECONDS, keyPrefix: `valara_rl_${prefix}` };
      if (options.store === "redis") limiter = new RateLimiterRedis({ ...common, storeClient: options.client, useRedisPackage: false });
      else if (options.store === "postgres")
        limiter = new RateLimiterPostgres({ ...common, storeClient: options.client, storeType: "pool", tableName: COUNTER_TABLE, tableCreated: true, clearExpiredByTimeout: false });
      else limiter = new RateLimiterMemory(common);
      limiters.set(id, limiter);
    }
    return limiter;
  }

  const keyLimit = (keyId: string, budget: BudgetName) =>
    options.overrideOf?.({ kind: "key", id: keyId, budget }) ?? options.limits?.[budget] ?? BUDGETS[budget].limit;
  const agencyLimit = (agencyId: string, budget: BudgetName) =>
    options.overrideOf?.({ kind: "agency", id: agencyId, budget }) ?? (options.limits?.[budget] ?? BUDGETS[budget].limit) * AGENCY_CEILING_FACTOR;

  async function take(limiter: RateLimiterAbstract, key: string): Promise<{ allowed: boolean; res: RateLimiterRes }> {
    try {
      return { allowed: true, res: await limiter.consume(key) };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
      throw rejection;
    }
  }

  return {
    async consume({ keyId, agencyId, budget }) {
      await options.ready;
      await options.refreshOverrides?.().catch(() => {});
      const perKey = keyLimit(keyId, budget);
      const perAgency = agencyLimit(agencyId, budget);
      // The key's budget first: a key over its own budget does not eat into the agency's.
      const key = await take(limiterFor(perKey, `key_${budget}`), keyId);
      const decide = (allowed: boolean, limit: number, res: RateLimiterRes): Decision => ({
        allowed,
        budget,
        limit,
        remaining: Math.max(0, res.remainingPoints),
        resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
      });
      if (!key.allowed) return decide(false, perKey, key.res);
      const agency = await take(limiterFor(perAgency, `agency_${budget}`), agencyId);
      if (!agency.allowed) return decide(false, perAgency, agency.res);
      // Report whichever of the two is closer to refusing.
      return agency.res.remainingPoints < key.res.remainingPoints ? decide(true, perAgency, agency.res) : decide(true, perKey, key.res);
    },
    async consumeFor(subject, budget) {
      await options.ready;
      const limit = options.limits?.[budget] ?? BUDGETS[budget].limit;
      const { allowed, res } = await take(limiterFor(limit, `subject_${budget}`), subject);
      return { allowed, budget, limit, remaining: Math.max(0, res.remainingPoints), resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    },
    async usage(keyId) {
      await options.ready;
      await options.refreshOverrides?.().catch(() => {});
      const rows = [];
      for (const budget of Object.keys(BUDGETS) as BudgetName[]) {
        const limit = keyLimit(keyId, budget);
        const res = await limiterFor(limit, `key_${budget}`).get(keyId);
        rows.push({ budget, limit, used: res?.consumedPoints ?? 0 });
      }
      return rows;
    },
  };
}

/** The response headers for a decision: Valara's X-Rate-Limit-* and the IETF draft's fields. */
export function rateLimitHeaders(decision: Decision, nowMs = Date.now()): Record<string, string> {
  return {
    "X-Rate-Limit-Limit": String(decision.limit),
    "X-Rate-Limit-Remaining": String(decision.remaining),
    "X-Rate-Limit-Reset": String(Math.ceil(nowMs / 1000) + decision.resetSeconds),
    "RateLimit-Policy": `"${decision.budget}";q=${decision.limit};w=${WINDOW_SECONDS}`,
    RateLimit: `"${decision.budget}";r=${decision.remaining};t=${decision.resetSeconds}`,
    ...(decision.allowed ? {} : { "Retry-After": String(decision.resetSeconds) }),
  };
}

// The process's limiter, for the dashboard's usage view (Next's chunks and the custom server load
// separate copies of this module, so it is kept on globalThis).
const SHARED = Symbol.for("valara.rateLimiter");
type Holder = { [SHARED]?: RateLimiter };

export function setSharedRateLimiter(limiter: RateLimiter | undefined): void {
  (globalThis as Holder)[SHARED] = limiter;
}

export function sharedRateLimiter(): RateLimiter | undefined {
  return (globalThis as Holder)[SHARED];
}
