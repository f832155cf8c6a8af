// After PostgreSQL kills every connection of the process (pg_terminate_backend, what a restart or an
// outage does), including ones in the middle of a transaction, more times than the pool has
// connections, the process must serve again by itself — no leaked slot, no wait without end.
import os from "node:os";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createPostgresDatabase } from "../testing/databases";
import { openDatabase, type Database } from "./client";
import { createPgPool } from "./pg-pool";

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: Database;
const POOL = 2;

beforeAll(async () => {
  database = await createPostgresDatabase("valara_recovery");
  db = await openDatabase({ DATABASE_URL: database.url, DATA_DIR: os.tmpdir(), DATABASE_POOL_SIZE: POOL }, { migrate: true });
});
afterAll(async () => {
  await db?.close();
  await database?.drop();
});

async function terminateAll(): Promise<number> {
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [database.name]);
    return rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

it("serves again after every connection was killed mid-transaction, more times than the pool is large", async () => {
  for (let round = 0; round < POOL * 3; round++) {
    // Transactions holding every connection of the pool while they are killed.
    let inside!: () => void;
    const started = new Promise<void>((resolve) => (inside = resolve));
    const doomed = Array.from({ length: POOL }, () =>
      db.prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        inside();
        await tx.$queryRaw`SELECT pg_sleep(5)`;
      }),
    );
    // Settled from the start, so their rejections are never unhandled while the kill runs.
    const settled = Promise.allSettled(doomed);
    await started;
    await expect.poll(terminateAll, { timeout: 5_000 }).toBeGreaterThan(0);
    const outcomes = await settled;
    expect(outcomes.every((o) => o.status === "rejected")).toBe(true);
  }
  // Bounded: the pool's acquire timeout (5 s) would fail these, not hang them.
  expect(await db.prisma.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
  expect(await db.prisma.$transaction(async (tx) => tx.$queryRaw`SELECT 2 AS two`)).toEqual([{ two: 2 }]);
}, 60_000);

it("an idle connection killed after Prisma let go of the pool does not crash the process", async () => {
  // What a test teardown (DROP DATABASE … FORCE) or a restart does to a pool whose Prisma client
  // has disconnected: Prisma's adapter removes its "error" listener when it disconnects, and a
  // pool's "error" with no listener is an uncaught exception.
  const pool = createPgPool(database.url, 2);
  try {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const adapter = await new PrismaPg(pool).connect();
    await adapter.dispose();
    const client = await pool.connect();
    const pid = (client as unknown as { processID: number }).processID;
    client.release(); // idle in the pool now
    expect(pool.idleCount).toBe(1);
    const errors: Error[] = [];
    const seen = (error: Error) => errors.push(error);
    process.on("uncaughtException", seen);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      // Only this pool's connection: the other test's database stays as it is.
      expect((await admin.query("SELECT pg_terminate_backend($1) AS killed", [pid])).rows).toEqual([{ killed: true }]);
      await expect.poll(() => pool.idleCount, { timeout: 5_000 }).toBe(0); // pg dropped it
    } finally {
      process.off("uncaughtException", seen);
      await admin.end();
    }
    expect(errors).toEqual([]);
    // And the pool still serves.
    expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  } finally {
    await pool.end();
  }
});
