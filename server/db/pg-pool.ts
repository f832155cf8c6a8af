// Prisma's PostgreSQL adapter (@prisma/adapter-pg 7.10) over a pool that survives its connections
// being killed. Two failures of the stock adapter, both seen when PostgreSQL restarts or an
// operator terminates backends:
//  - a connection killed in the middle of an interactive transaction is never given back: Prisma's
//    ROLLBACK fails on the dead socket and the adapter's release() is never reached, so the pool
//    loses a slot each time, and once every slot is gone each query waits for ever;
//  - waiting for a free connection has no bound by default.
// So each transaction's connection is released (as broken, so the pool drops it) the moment it
// ends, whatever Prisma does next, and the pool gives up waiting after POOL_TIMEOUTS.acquireMs.
// server/db/pool-recovery.integration.test.ts kills every connection repeatedly to prove it.
import { PrismaPg } from "@prisma/adapter-pg";
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import pg from "pg";

export const POOL_TIMEOUTS = {
  /** A request waiting longer than this for a connection fails (as 503), rather than hanging. */
  acquireMs: 5_000,
  /** Idle connections are closed after this, so a pool recovers its size after a burst. */
  idleMs: 30_000,
  /** Establishing a connection gives up after this (an unreachable host, a full server). */
  connectMs: 5_000,
};

export function createPgPool(connectionString: string, max: number): pg.Pool {
  return survivingIdleErrors(
    new pg.Pool({
      connectionString,
      max,
      connectionTimeoutMillis: POOL_TIMEOUTS.acquireMs,
      idleTimeoutMillis: POOL_TIMEOUTS.idleMs,
      // Dead peers (a host gone without a FIN) are noticed by the kernel instead of never.
      keepAlive: true,
    }),
  );
}

/**
 * An idle connection that dies (PostgreSQL restarting, `pg_terminate_backend`, a dropped
 * database) makes the pool emit "error": pg has already dropped that connection, and there is no
 * request to tell. Without a listener of its own that event crashes the process, and Prisma's
 * adapter removes its listener when it disconnects, so every pool we create keeps one for good.
 */
export function survivingIdleErrors(pool: pg.Pool): pg.Pool {
  pool.on("error", () => {});
  return pool;
}

/** A PrismaPg factory whose transactions always give their connection back. */
export function resilientPrismaPg(pool: pg.Pool): SqlDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      return withReleasingTransactions(await inner.connect());
    },
  };
}

function withReleasingTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel?: IsolationLevel) => releasingTransaction(await startTransaction(isolationLevel));
  return adapter;
}

/** The pooled connection PgTransaction holds (a public field of its class in 7.10). */
function poolClientOf(tx: Transaction): pg.PoolClient {
  const client = (tx as unknown as { client?: pg.PoolClient }).client;
  if (!client || typeof client.release !== "function") {
    throw new Error("@prisma/adapter-pg's transaction no longer exposes its pool client; re-check server/db/pg-pool.ts against this version");
  }
  return client;
}

function releasingTransaction(tx: Transaction): Transaction {
  const client = poolClientOf(tx);
  let released = false;
  // pg emits 'end' when the socket closes: the backend was terminated or the server went away.
  const onEnd = () => {
    if (released) return;
    released = true;
    client.release(new Error("database connection closed during a transaction"));
  };
  client.once("end", onEnd);
  // commit() and rollback() release the connection themselves; after 'end' they must not again
  // (pg throws on a second release).
  const finish = async (step: () => Promise<void>) => {
    client.removeListener("end", onEnd);
    if (released) return;
    released = true;
    await step();
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    executeRaw: (query) => tx.executeRaw(query),
    commit: () => finish(() => tx.commit()),
    rollback: () => finish(() => tx.rollback()),
    createSavepoint: tx.createSavepoint && ((name) => tx.createSavepoint!(name)),
    rollbackToSavepoint: tx.rollbackToSavepoint && ((name) => tx.rollbackToSavepoint!(name)),
    releaseSavepoint: tx.releaseSavepoint && ((name) => tx.releaseSavepoint!(name)),
  };
}
