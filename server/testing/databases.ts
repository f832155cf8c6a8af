// Fresh, migrated databases for integration tests: a new PostgreSQL database (created on the
// server named by TEST_DATABASE_URL, dropped afterwards) or a new embedded PGlite in a temp dir.
// Tests refuse a non-local PostgreSQL so that they can never touch a real one.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database, type DatabaseKind } from "../db/client";

export const DATABASE_KINDS: DatabaseKind[] = ["postgres", "pglite"];

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}); set TEST_DATABASE_URL to a local server.`);
  }
}

export function databaseUrl(name: string, base = TEST_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  assertLocalDatabase(TEST_DATABASE_URL);
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(prefix = "valara_test"): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export interface TestDatabase {
  db: Database;
  kind: DatabaseKind;
  /** Connection string (PostgreSQL) or data directory (PGlite). */
  location: string;
  dispose(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "postgres") {
    const database = await createPostgresDatabase();
    const db = await openDatabase({ DATABASE_URL: database.url, DATA_DIR: os.tmpdir(), DATABASE_POOL_SIZE: 10 }, { migrate: true });
    return {
      db,
      kind,
      location: database.url,
      async dispose() {
        await db.close();
        await database.drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-pglite-"));
  const db = await openDatabase({ DATA_DIR: dir }, { migrate: true, role: "test" });
  return {
    db,
    kind,
    location: dir,
    async dispose() {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
