// The rate limiter's own cost on a request (server/rate-limit/limiter.ts): one `consume` (a key's
// budget and its agency's ceiling, each its sliding window's counter), in each store, beside a
// baseline in the same run: a resolved promise, i.e. a request with no limiter at all. 8 requests
// in flight at a time, as the HTTP scenarios run. Prints a Markdown table; run by `npm run bench`.
// PostgreSQL: a database of its own on TEST_DATABASE_URL; Redis: TEST_REDIS_URL when it answers.
import { Redis } from "ioredis";
import pg from "pg";
import { CREATE_COUNTER_TABLE, createRateLimiter, type RateLimiter } from "../server/rate-limit/limiter";

const COUNT = Number(process.env.BENCH_LIMITER_REQUESTS ?? 4000);
const IN_FLIGHT = 8;
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
// Limits far above COUNT: the cost measured is counting, not refusing.
const limits = { read_listing_single: 10 * COUNT };

async function run(name: string, consume: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await consume(i); // warm up
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { while (next < COUNT) await consume(next++); }));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { name, perSecond: Math.round((COUNT / wallMs) * 1000), cpuUs: ((used.user + used.system) / COUNT).toFixed(1), wallUs: ((wallMs * 1000) / COUNT).toFixed(0) };
}
const viaLimiter = (limiter: RateLimiter) => (i: number) => limiter.consume({ keyId: `key_${i % 50}`, agencyId: "agency_1", budget: "read_listing_single" });

const rows = [await run("baseline: no limiter", () => Promise.resolve())];
rows.push(await run("memory (embedded PGlite mode)", viaLimiter(createRateLimiter({ store: "memory", limits }))));

const database = `valara_bench_limiter_${process.pid}`;
const adminPool = new pg.Pool({ connectionString: adminUrl, max: 1 });
await adminPool.query(`CREATE DATABASE ${database}`);
const url = new URL(adminUrl);
url.pathname = `/${database}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 }); // as rateLimiterFromEnv sizes it
try {
  await pool.query(CREATE_COUNTER_TABLE);
  rows.push(await run("PostgreSQL (default with DATABASE_URL)", viaLimiter(createRateLimiter({ store: "postgres", client: pool, limits }))));
} finally {
  await pool.end();
  await adminPool.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminPool.end();
}

const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
try {
  await redis.connect();
  await redis.ping();
  rows.push(await run("Redis (REDIS_URL)", viaLimiter(createRateLimiter({ store: "redis", client: redis, limits }))));
} catch (error) {
  console.log(`Redis at ${redisUrl} not reachable (${(error as Error).message}); its row is left out.`);
} finally {
  redis.disconnect();
}

console.log(`\nRate limiter: ${COUNT} requests per store, ${IN_FLIGHT} in flight, 50 keys of one agency\n`);
console.log("| store | consumes/s | wall µs each | app CPU µs each |");
console.log("|---|---:|---:|---:|");
for (const row of rows) console.log(`| ${row.name} | ${row.perSecond} | ${row.wallUs} | ${row.cpuUs} |`);
