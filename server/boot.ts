// What every Valara process does before it serves: read the configuration, open the database
// (migrating it), seed the demo into an empty embedded database, and register the handle.
import type { Logger } from "pino";
import type { Env } from "./env";
import { openDatabase, type Database } from "./db/client";
import { setDatabase } from "./db/handle";
import { isDatabaseEmpty, seedDemo } from "./db/seed-demo";

export async function bootDatabase(env: Env, logger: Logger, role: string): Promise<Database> {
  const started = Date.now();
  const db = await openDatabase(env, { migrate: true, role });
  const applied = db.migrations?.applied ?? [];
  logger.info(
    { database: db.kind, dataDir: db.dataDir, migrationsApplied: applied, ms: Date.now() - started },
    applied.length ? `database ready; applied ${applied.length} migration(s)` : "database ready",
  );
  // The embedded default always gets the demo; PostgreSQL only when asked (SEED_DEMO=1).
  const seed = env.SEED_DEMO ?? !env.DATABASE_URL;
  if (seed && (await isDatabaseEmpty(db.prisma))) {
    await seedDemo(db.prisma);
    logger.info("seeded the demo agencies, users and listings into the empty database");
  }
  setDatabase(db);
  return db;
}
