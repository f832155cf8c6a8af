// Dashboard sign-in throttling: failed attempts are counted per account (the email typed, whether
// or not such an account exists, so the answer gives nothing away) and per client address. At
// the limit, sign-in is locked for the lockout period, even with the right password; the form
// says so and how long to wait. A success clears the account's count (not the address's).
// Counters live where every process sees them (Redis, PostgreSQL, or memory on the embedded
// database), through rate-limiter-flexible, like the API's rate limits.
import pg from "pg";
import { survivingIdleErrors } from "../db/pg-pool";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { COUNTER_TABLE, CREATE_COUNTER_TABLE } from "../rate-limit/limiter";

/** Set by the app server on every dashboard request from the socket and TRUSTED_PROXIES; a client's own value is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-valara-client-address";

import { LOCKED_ERROR_PREFIX, describeWait } from "./sign-in-throttle-message";
export { LOCKED_ERROR_PREFIX, describeWait };

export interface ThrottleSettings {
  maxPerAccount: number;
  maxPerAddress: number;
  /** Failures are counted over this window, and a lockout lasts this long. */
  lockoutSeconds: number;
}

export function throttleSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ThrottleSettings {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    maxPerAccount: int("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 5),
    maxPerAddress: int("SIGNIN_MAX_FAILURES_PER_ADDRESS", 20),
    lockoutSeconds: int("SIGNIN_LOCKOUT_SECONDS", 900),
  };
}

export interface SignInThrottle {
  /** Seconds to wait if sign-in is locked for this account or address, else 0. */
  lockedFor(account: string, address: string): Promise<number>;
  /** Counts a failure; returns the seconds to wait if this failure reached a limit, else 0. */
  fail(account: string, address: string): Promise<number>;
  succeed(account: string): Promise<void>;
}

export function createSignInThrottle(settings: ThrottleSettings, store: { kind: "memory" } | { kind: "postgres"; pool: pg.Pool; ready: Promise<void> } | { kind: "redis"; client: Redis }): SignInThrottle {
  const make = (points: number, prefix: string): RateLimiterAbstract => {
    const common = { points, duration: settings.lockoutSeconds, blockDuration: settings.lockoutSeconds, keyPrefix: `valara_signin_${prefix}` };
    if (store.kind === "redis") return new RateLimiterRedis({ ...common, storeClient: store.client, useRedisPackage: false });
    if (store.kind === "postgres")
      return new RateLimiterPostgres({ ...common, storeClient: store.pool, storeType: "pool", tableName: COUNTER_TABLE, tableCreated: true, clearExpiredByTimeout: false });
    return new RateLimiterMemory(common);
  };
  const account = make(settings.maxPerAccount, "account");
  const address = make(settings.maxPerAddress, "address");
  const ready = store.kind === "postgres" ? store.ready : Promise.resolve();
  const seconds = (res: RateLimiterRes | null) => (res ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0);
  const locked = async (limiter: RateLimiterAbstract, max: number, key: string) => {
    const res = await limiter.get(key);
    return res && res.consumedPoints >= max ? seconds(res) : 0;
  };
  const consume = async (limiter: RateLimiterAbstract, key: string) => {
    try {
      const res = await limiter.consume(key);
      return res.remainingPoints <= 0 ? seconds(res) : 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return seconds(rejection);
      throw rejection;
    }
  };
  return {
    async lockedFor(accountKey, addressKey) {
      await ready;
      return Math.max(await locked(account, settings.maxPerAccount, accountKey), await locked(address, settings.maxPerAddress, addressKey));
    },
    async fail(accountKey, addressKey) {
      await ready;
      return Math.max(await consume(account, accountKey), await consume(address, addressKey));
    },
    async succeed(accountKey) {
      await ready;
      await account.delete(accountKey);
    },
  };
}

let shared: SignInThrottle | undefined;

/** The process's throttle, on the store the environment picks (as the API's rate limits do). */
export function signInThrottle(env: NodeJS.ProcessEnv = process.env): SignInThrottle {
  if (shared) return shared;
  const settings = throttleSettingsFromEnv(env);
  if (env.REDIS_URL) {
    shared = createSignInThrottle(settings, { kind: "redis", client: new Redis(env.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) });
  } else if (env.DATABASE_URL) {
    const pool = survivingIdleErrors(new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 }));
    const ready = pool.query(CREATE_COUNTER_TABLE).then(
      () => undefined,
      (error: { code?: string }) => {
        if (error.code !== "23505") throw error;
      },
    );
    ready.catch(() => {});
    shared = createSignInThrottle(settings, { kind: "postgres", pool, ready });
  } else {
    shared = createSignInThrottle(settings, { kind: "memory" });
  }
  return shared;
}
