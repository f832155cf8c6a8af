// Opens the database: Prisma on a driver adapter, over PostgreSQL when DATABASE_URL is set and
// over the embedded PGlite otherwise, migrating it first when asked. The process keeps the handle
// in server/db/handle.ts.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/client.ts";
import type { Env } from "../env";
import { migrate, type MigrationResult } from "./migrate";
import { pgliteTarget, postgresTarget } from "./migration-targets";
import { lockEmbeddedDatabase } from "./embedded-lock";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** The PGlite data directory, when embedded. */
  dataDir?: string;
  /** What opening applied, when it was asked to migrate. */
  migrations?: MigrationResult;
  /** Calls onNotify for every NOTIFY on the channel (after the notifying transaction commits). */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
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
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE ?? 10 });
    const prisma = new PrismaClient({ adapter });
    await prisma.$connect();
    const url = env.DATABASE_URL;
    return {
      kind: "postgres",
      prisma,
      migrations,
      // LISTEN needs a connection of its own, outside the pool.
      async listen(channel, onNotify) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        client.on("notification", () => onNotify());
        await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        return async () => {
          await client.end().catch(() => {});
        };
      },
      close: () => prisma.$disconnect(),
    };
  }
  const dataDir = path.resolve(env.DATA_DIR, "pglite");
  fs.mkdirSync(dataDir, { recursive: true });
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const release = lockEmbeddedDatabase(dataDir, options.role ?? "process");
  try {
    const pglite = await PGlite.create(dataDir);
    const migrations = options.migrate ? await migrate(pgliteTarget(pglite)) : undefined;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
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
