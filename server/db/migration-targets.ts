// The two places migrations run: a dedicated PostgreSQL connection, or the embedded PGlite.
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import type { MigrationTarget, SqlSession } from "./migrate";

// An arbitrary constant shared by every Valara process: whoever holds it migrates.
const MIGRATION_LOCK_ID = 72_736_401;

export function postgresTarget(client: pg.Client): MigrationTarget {
  const session: SqlSession = {
    async exec(sql) {
      await client.query(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as Row[];
    },
  };
  return {
    ...session,
    async transaction(fn) {
      await client.query("BEGIN");
      try {
        await fn(session);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    async exclusive(fn) {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      try {
        return await fn();
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
      }
    },
  };
}

function pgliteSession(db: Pick<PGlite, "exec" | "query">): SqlSession {
  return {
    async exec(sql) {
      await db.exec(sql);
    },
    async query<Row>(sql: string, params: unknown[] = []) {
      return (await db.query<Row>(sql, params)).rows;
    },
  };
}

export function pgliteTarget(db: PGlite): MigrationTarget {
  return {
    ...pgliteSession(db),
    async transaction(fn) {
      await db.transaction((tx) => fn(pgliteSession(tx)));
    },
    // One process owns a PGlite directory; there is nobody to lock against.
    exclusive: (fn) => fn(),
  };
}
