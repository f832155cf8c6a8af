// Counting /api/v1 requests against their budgets (budgets.ts), per API key and per agency (the
// ceiling of all of an agency's keys together), with rate-limiter-flexible so the counters live
// where every process sees them: Redis when REDIS_URL is set, PostgreSQL when DATABASE_URL is,
// memory only in the embedded single-process (PGlite) mode.
// The window slides: a request is allowed while fewer than the limit were counted in the 60
// seconds before it (sliding-window.ts says how that is estimated from two clock windows).
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AGENCY_CEILING_FACTOR, BUDGETS, defaultLimitOf, WINDOW_SECONDS, type AnyBudgetName, type BudgetName } from "./budgets";
import { secondsUntilAllowed, slidingCount, windowPosition, type WindowCounts } from "./sliding-window";

/** PostgreSQL: one row per counter, created at start (outside Prisma's schema: it is a cache). */
export const COUNTER_TABLE = "rate_limit_counters";
export const CREATE_COUNTER_TABLE = `CREATE TABLE IF NOT EXISTS ${COUNTER_TABLE} (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`;

export type CounterStore = "memory" | "postgres" | "redis";

export interface LimiterOptions {
  store: CounterStore;
  /** postgres: a pg Pool; redis: an ioredis client. */
  client?: unknown;
  /** Budgets' limits replaced (e2e and tests); per-key/agency overrides come from `overrideOf`. */
  limits?: Partial<Record<AnyBudgetName, number>>;
  /** An override for a key or agency, or undefined for the default. */
  overrideOf?: (subject: { kind: "key" | "agency"; id: string; budget: BudgetName }) => number | undefined;
  /** Resolves once the store is ready (postgres: its table exists). */
  ready?: Promise<void>;
  /** Brings `overrideOf`'s data up to date (a cached read; overrides.ts); a failure keeps the last known. */
  refreshOverrides?: () => Promise<void>;
  /** The clock, for tests. */
  now?: () => number;
}

export interface Decision {
  allowed: boolean;
  budget: AnyBudgetName;
  limit: number;
  remaining: number;
  /** Seconds until the current clock window ends, or when refused until the next request fits (X-Rate-Limit-Reset). */
  resetSeconds: number;
  /** Refused: seconds until one more request would be allowed (Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  consume(input: { keyId: string; agencyId: string; budget: BudgetName }): Promise<Decision>;
  /** Counts against a budget for something other than a key (a webhook endpoint, a dashboard user): `subject` is its id. */
  consumeFor(subject: string, budget: AnyBudgetName): Promise<Decision>;
  /** How much of each budget a key used in its current window (dashboard). */
  usage(keyId: string): Promise<Array<{ budget: BudgetName; limit: number; used: number }>>;
}

export function createRateLimiter(options: LimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  // One counter per subject and clock window. The store keeps each for two windows, so the
  // previous window's count can still be read; the counts themselves are never refused by the
  // library (its `points` is only a ceiling on a counter), the decision is ours (sliding-window.ts).
  const common = { points: 2 ** 31 - 1, duration: 2 * WINDOW_SECONDS, keyPrefix: "valara_rl" };
  let counters: RateLimiterAbstract;
  if (options.store === "redis") counters = new RateLimiterRedis({ ...common, storeClient: options.client, useRedisPackage: false });
  else if (options.store === "postgres")
    // Per-window rows: the library's sweep deletes them an hour after they expire.
    counters = new RateLimiterPostgres({ ...common, storeClient: options.client, storeType: "pool", tableName: COUNTER_TABLE, tableCreated: true, clearExpiredByTimeout: true });
  else counters = new RateLimiterMemory(common);

  // The previous window's counts are final once it has ended (give or take requests in flight at
  // the boundary), so each process reads each one once per window.
  let previousWindow = -1;
  const previousCounts = new Map<string, number>();
  async function previousCount(subject: string, index: number): Promise<number> {
    if (previousWindow !== index - 1) {
      previousCounts.clear();
      previousWindow = index - 1;
    }
    let count = previousCounts.get(subject);
    if (count === undefined) {
      count = (await counters.get(`${subject}:${index - 1}`))?.consumedPoints ?? 0;
      previousCounts.set(subject, count);
    }
    return count;
  }

  interface Counted {
    allowed: boolean;
    limit: number;
    counts: WindowCounts;
    undo(): Promise<void>;
  }

  /** Counts one request for `subject` and decides it against `limit`; a refused one is taken back. */
  async function count(subject: string, limit: number): Promise<Counted> {
    const { index, elapsed } = windowPosition(now(), WINDOW_SECONDS);
    const key = `${subject}:${index}`;
    const [res, previous] = await Promise.all([counters.consume(key), previousCount(subject, index)]);
    const counts = { previous, current: res.consumedPoints, elapsed };
    const undo = async () => void (await counters.reward(key, 1));
    const allowed = slidingCount(counts) <= limit;
    if (!allowed) await undo();
    return { allowed, limit, counts, undo };
  }

  function decide(budget: AnyBudgetName, counted: Counted): Decision {
    const { counts, limit, allowed } = counted;
    const remaining = Math.max(0, Math.floor(limit - slidingCount(counts)));
    const retryAfterSeconds = allowed ? 0 : secondsUntilAllowed({ ...counts, current: counts.current - 1 }, limit, WINDOW_SECONDS);
    // Reset: when the current clock window ends and its count starts to fade (refused: when the
    // next request will be allowed), so it is never further away than the window is long.
    const resetSeconds = allowed ? Math.max(1, Math.ceil((1 - counts.elapsed) * WINDOW_SECONDS)) : retryAfterSeconds;
    return { allowed, budget, limit, remaining, retryAfterSeconds, resetSeconds };
  }

  const keyLimit = (keyId: string, budget: BudgetName) =>
    options.overrideOf?.({ kind: "key", id: keyId, budget }) ?? options.limits?.[budget] ?? BUDGETS[budget].limit;
  const agencyLimit = (agencyId: string, budget: BudgetName) =>
    options.overrideOf?.({ kind: "agency", id: agencyId, budget }) ?? (options.limits?.[budget] ?? BUDGETS[budget].limit) * AGENCY_CEILING_FACTOR;

  return {
    async consume({ keyId, agencyId, budget }) {
      await options.ready;
      await options.refreshOverrides?.().catch(() => {});
      // The key's budget first: a key over its own budget does not eat into the agency's.
      const key = await count(`key:${budget}:${keyId}`, keyLimit(keyId, budget));
      if (!key.allowed) return decide(budget, key);
      const agency = await count(`agency:${budget}:${agencyId}`, agencyLimit(agencyId, budget));
      if (!agency.allowed) {
        await key.undo(); // refused requests count against nothing
        return decide(budget, agency);
      }
      // Report whichever of the two is closer to refusing.
      const byKey = decide(budget, key);
      const byAgency = decide(budget, agency);
      return byAgency.remaining < byKey.remaining ? byAgency : byKey;
    },
    async consumeFor(subject, budget) {
      await options.ready;
      const limit = options.limits?.[budget] ?? defaultLimitOf(budget);
      return decide(budget, await count(`subject:${budget}:${subject}`, limit));
    },
    async usage(keyId) {
      await options.ready;
      await options.refreshOverrides?.().catch(() => {});
      const { index, elapsed } = windowPosition(now(), WINDOW_SECONDS);
      const rows = [];
      for (const budget of Object.keys(BUDGETS) as BudgetName[]) {
        const subject = `key:${budget}:${keyId}`;
        const [current, previous] = await Promise.all([counters.get(`${subject}:${index}`), counters.get(`${subject}:${index - 1}`)]);
        const used = Math.round(slidingCount({ previous: previous?.consumedPoints ?? 0, current: current?.consumedPoints ?? 0, elapsed }));
        rows.push({ budget, limit: keyLimit(keyId, budget), used });
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
    ...(decision.allowed ? {} : { "Retry-After": String(decision.retryAfterSeconds) }),
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
