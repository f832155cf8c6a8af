// Opens the database: Prisma on a driver adapter, over PostgreSQL when DATABASE_URL is set and
// over the embedded PGlite otherwise, migrating it first when asked. The process keeps the handle
// in server/db/handle.ts.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Logger } from "pino";
import { PrismaClient } from "./generated/client.ts";
import type { Env } from "../env";
import { getLogger } from "../logger";
import { migrate, type MigrationResult } from "./migrate";
import { pgliteTarget, postgresTarget } from "./migration-targets";
import { lockEmbeddedDatabase } from "./embedded-lock";
import { createPgPool, resilientPrismaPg } from "./pg-pool";
import { requestAware } from "./request-transaction";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** The PGlite data directory, when embedded. */
  dataDir?: string;
  /** What opening applied, when it was asked to migrate. */
  migrations?: MigrationResult;
  /**
   * Calls onNotify for every NOTIFY on the channel (after the notifying transaction commits), and
   * once after listening again on PostgreSQL (notifications sent while the connection was lost are
   * gone). Resolves once listening; returns the unsubscribe function.
   */
  listen(channel: string, onNotify: () => void, options?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Where a lost LISTEN connection and its return are logged (default: the process's logger). */
  logger?: Logger;
}

export type DatabaseEnv = Pick<Env, "DATABASE_URL" | "DATA_DIR"> & Partial<Pick<Env, "DATABASE_POOL_SIZE">>;

export interface OpenOptions {
  /** Apply pending migrations first. */
  migrate?: boolean;
  /** Who holds the embedded database (shown to a second opener): "server", "cli", "test". */
  role?: string;
}

export async function openDatabase(env: DatabaseEnv, options: OpenOptions = {}): Promise<Database> {
  if (env.DATABASE_URL) {
    let migrations: MigrationResult | undefined;
    if (options.migrate) {
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        migrations = await migrate(postgresTarget(client));
      } finally {
        await client.end();
      }
    }
    const pool = createPgPool(env.DATABASE_URL, env.DATABASE_POOL_SIZE ?? 10);
    const prisma = requestAware(new PrismaClient({ adapter: resilientPrismaPg(pool) }));
    await prisma.$connect();
    const url = env.DATABASE_URL;
    return {
      kind: "postgres",
      prisma,
      migrations,
      // LISTEN needs a connection of its own, outside the pool.
      listen: (channel, onNotify, listenOptions = {}) => listenOnPostgres(url, channel, onNotify, listenOptions.logger ?? getLogger()),
      async close() {
        await prisma.$disconnect();
        // The pool is ours (passed in), so the adapter leaves ending it to us.
        await pool.end();
      },
    };
  }
  const dataDir = path.resolve(env.DATA_DIR, "pglite");
  fs.mkdirSync(dataDir, { recursive: true });
  const [{ openPglite }, { PrismaPGlite }] = await Promise.all([import("./pglite"), import("pglite-prisma-adapter")]);
  const release = lockEmbeddedDatabase(dataDir, options.role ?? "process");
  try {
    const pglite = await openPglite(dataDir);
    const migrations = options.migrate ? await migrate(pgliteTarget(pglite)) : undefined;
    const prisma = requestAware(new PrismaClient({ adapter: new PrismaPGlite(pglite) }));
    return {
      kind: "pglite",
      prisma,
      dataDir,
      migrations,
      async listen(channel, onNotify) {
        const unsubscribe = await pglite.listen(channel, () => onNotify());
        return async () => unsubscribe();
      },
      async close() {
        await prisma.$disconnect();
        // PGlite's timers keep Node alive until it is closed.
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Waits before listening again after the LISTEN connection was lost: doubling, up to 30 s. */
export const RELISTEN_DELAYS_MS = { first: 500, max: 30_000 };

/**
 * LISTEN on a connection of its own that comes back: an idle connection can be dropped at any
 * time (PostgreSQL restarted, the backend terminated, a proxy's idle timeout), and pg reports that
 * as an 'error' event, which would crash the process if nobody listened for it. On 'error' or
 * 'end' it logs, then connects and LISTENs again with backoff until it succeeds, and calls
 * onNotify once it has (polling covers the gap in the meantime).
 */
async function listenOnPostgres(url: string, channel: string, onNotify: () => void, logger: Logger): Promise<() => Promise<void>> {
  let current: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = RELISTEN_DELAYS_MS.first;

  const connect = async () => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    client.on("notification", () => onNotify());
    client.on("error", (error) => lost(client, error));
    client.on("end", () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    current = client;
  };

  const lost = (client: pg.Client, error?: Error) => {
    // Once per connection ('error' is followed by 'end'), and not while connecting or stopping.
    if (client !== current || stopped) return;
    current = undefined;
    client.end().catch(() => {});
    logger.warn({ err: error, channel }, "database: LISTEN connection lost; listening again (polling meanwhile)");
    scheduleReconnect();
  };

  const scheduleReconnect = () => {
    retry = setTimeout(async () => {
      retry = undefined;
      if (stopped) return;
      try {
        await connect();
      } catch (error) {
        delay = Math.min(delay * 2, RELISTEN_DELAYS_MS.max);
        logger.warn({ err: error, channel, retryInMs: delay }, "database: could not LISTEN again yet");
        scheduleReconnect();
        return;
      }
      if (stopped) {
        await current?.end().catch(() => {});
        return;
      }
      delay = RELISTEN_DELAYS_MS.first;
      logger.info({ channel }, "database: listening again");
      onNotify();
    }, delay);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const client = current;
    current = undefined;
    await client?.end().catch(() => {});
  };
}
