// Exactly once: a write and the idempotency record of its answer commit together or not at all.
// A real write (creating a listing, which opens its own transaction and retries on a taken number)
// runs through runIdempotently on PostgreSQL, with the connection killed at every statement of
// the request's transaction in turn (COMMIT included), and with a COMMIT that went through but
// whose answer was lost. After each failure the client retries with the same key: there must be
// exactly one listing, and a retry after a commit whose answer was lost must replay, not re-run.
import { randomUUID } from "node:crypto";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../db/generated/client.ts";
import { openDatabase, type Database } from "../db/client";
import { createPgPool, resilientPrismaPg } from "../db/pg-pool";
import { requestAware } from "../db/request-transaction";
import { agencyScope } from "../db/tenant";
import { createPostgresDatabase } from "../testing/databases";
import { makeAgency, TEST_OPERATOR, type TestAgency } from "../testing/factories";
import { createListing } from "../listings/create-listing";
import { runIdempotently } from "./idempotency";

/** Where the connection fails: at the n-th statement of a transaction (1-based; the last is COMMIT), or once it committed. */
type Fault = { at: "statement"; n: number } | { at: "committed" } | null;
interface Plan {
  fault: Fault;
  /** Statements the current transaction ran, and the last one's SQL. */
  statements: number;
  last: string;
}

/**
 * The adapter, with `plan.fault` injected into the transactions it starts, and counting their
 * statements. A fault is real: the transaction's backend is terminated (`kill`), so the statement
 * (or COMMIT) fails as it would when the database goes away.
 */
function faultyFactory(inner: SqlDriverAdapterFactory, plan: Plan, kill: (pid: number) => Promise<void>): SqlDriverAdapterFactory {
  const wrapTx = (tx: Transaction): Transaction => {
    let backend: number | undefined;
    const pid = async () => (backend ??= Number((await tx.queryRaw({ sql: "SELECT pg_backend_pid()", args: [], argTypes: [] })).rows[0]![0]));
    const step = async <T>(query: SqlQuery, run: () => Promise<T>): Promise<T> => {
      plan.statements++;
      plan.last = query.sql;
      if (plan.fault?.at === "statement" && plan.fault.n === plan.statements) await kill(await pid());
      return run();
    };
    return Object.assign(Object.create(tx) as Transaction, {
      queryRaw: (query: SqlQuery) => step(query, () => tx.queryRaw(query)),
      executeRaw: (query: SqlQuery) => step(query, () => tx.executeRaw(query)),
      // COMMIT itself is the transaction's last statement (counted above); this is after it.
      commit: async () => {
        await tx.commit();
        if (plan.fault?.at === "committed") throw new Error("Connection terminated unexpectedly (injected: the COMMIT's answer was lost)");
      },
      rollback: () => tx.rollback(),
    });
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect(): Promise<SqlDriverAdapter> {
      const adapter = await inner.connect();
      const start = adapter.startTransaction.bind(adapter);
      adapter.startTransaction = async (isolation) => wrapTx(await start(isolation));
      return adapter;
    },
  };
}

describe("exactly-once writes under connection failures (postgres)", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database;
  let faulty: PrismaClient;
  let pool: pg.Pool;
  let agency: TestAgency;
  const plan: Plan = { fault: null, statements: 0, last: "" };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    db = await openDatabase({ DATABASE_URL: database.url, DATA_DIR: "/tmp", DATABASE_POOL_SIZE: 4 }, { migrate: true });
    agency = await makeAgency(db.prisma, { packages: false });
    pool = createPgPool(database.url, 4);
    const kill = async (pid: number) => {
      await db.prisma.$queryRaw`SELECT pg_terminate_backend(${pid}::int)`;
    };
    faulty = requestAware(new PrismaClient({ adapter: faultyFactory(resilientPrismaPg(pool), plan, kill) }));
  });
  afterAll(async () => {
    await faulty?.$disconnect();
    await pool?.end();
    await db?.close();
    await database?.drop();
  });

  /** One client request: create a listing at `address` under `key`, with `fault` injected. */
  async function request(key: string, address: string, fault: Fault) {
    plan.fault = fault;
    plan.statements = 0;
    try {
      return await runIdempotently(faulty, { agencyId: agency.id, key, fingerprint: address }, async () => {
        const listing = await createListing(agencyScope(faulty, agency.id, TEST_OPERATOR), {
          address,
          owner_user_id: agency.owner.id,
          agent_one_id: agency.agents[0]!.id,
        });
        return { status: 201, body: JSON.stringify({ listing_number: listing.listingNumber }) };
      });
    } finally {
      plan.fault = null;
    }
  }

  const listingsAt = (address: string) => db.prisma.tour.count({ where: { agencyId: agency.id, address } });
  const recordOf = (key: string) => db.prisma.idempotencyKey.count({ where: { agencyId: agency.id, key } });

  it("leaves the change and its record together, whatever statement the connection dies at", async () => {
    const clean = await request(randomUUID(), `${randomUUID()} Count St`, null);
    expect(clean.status).toBe(201);
    const statements = plan.statements;
    expect(statements).toBeGreaterThan(5);
    expect(plan.last).toBe("COMMIT");

    const faults: Fault[] = [
      ...Array.from({ length: statements }, (_, i): Fault => ({ at: "statement", n: i + 1 })),
      { at: "committed" },
    ];
    const figures = { tried: 0, failed: 0, replayed: 0, duplicates: 0 };
    for (const fault of faults) {
      const key = randomUUID();
      const address = `${randomUUID()} Fault St`;
      figures.tried++;
      const failure = await request(key, address, fault).then(
        (outcome) => `resolved ${outcome.status}`,
        (error: unknown) => error,
      );
      expect(failure, JSON.stringify(fault)).toBeInstanceOf(Error);
      figures.failed++;
      // Either both the change and its record are there (the commit went through), or neither.
      const [listings, records] = [await listingsAt(address), await recordOf(key)];
      expect({ fault, listings, records }).toEqual({ fault, listings: records, records });
      expect(listings).toBe(fault?.at === "committed" ? 1 : 0);

      // The client retries with the same key: it runs once, or replays what committed.
      const retry = await request(key, address, null).catch((error: unknown) => {
        throw new Error(`retry after ${JSON.stringify(fault)}: ${String(error)}`);
      });
      expect(retry.status).toBe(201);
      if (retry.replayed) figures.replayed++;
      expect(retry.replayed).toBe(fault?.at === "committed");
      const after = await listingsAt(address);
      if (after !== 1) figures.duplicates++;
      expect(after).toBe(1);
      expect(await recordOf(key)).toBe(1);
    }
    console.log(`exactly once: ${figures.tried} failures injected (each of ${statements} statements, the last being COMMIT, and the answer of a COMMIT that went through), ${figures.replayed} retries replayed, ${figures.duplicates} duplicates`);
  });

  it("a refused request (4xx) keeps its answer but none of its writes", async () => {
    const key = randomUUID();
    const address = `${randomUUID()} Refused St`;
    const outcome = await runIdempotently(faulty, { agencyId: agency.id, key, fingerprint: address }, async () => {
      await createListing(agencyScope(faulty, agency.id, TEST_OPERATOR), { address, owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
      return { status: 409, body: '{"error":{"code":"conflict"}}' };
    });
    expect(outcome.status).toBe(409);
    expect(await listingsAt(address)).toBe(0);
    expect(await recordOf(key)).toBe(1);
  });
});
