// The migration history and the Prisma schema describe the same database (no drift), the
// in-process runner agrees with Prisma's own bookkeeping, and several processes may migrate at once.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { PGlite } from "@electric-sql/pglite";
import { openPglite } from "./pglite";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "./migrate";
import { pgliteTarget, postgresTarget } from "./migration-targets";
import { createPostgresDatabase } from "../testing/databases";
import { schemaSnapshot } from "../testing/schema-snapshot";

const run = promisify(execFile);
const prismaCli = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ["scripts/prisma.mjs", ...args], { env: { ...process.env, ...env }, maxBuffer: 10 * 1024 * 1024 });

/** The schema as prisma/schema.prisma describes it, rendered to SQL by Prisma itself (once). */
let renderedSchema: Promise<string> | undefined;
function schemaSql(): Promise<string> {
  renderedSchema ??= prismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    DATABASE_URL: "",
  }).then(({ stdout }) => stdout);
  return renderedSchema;
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const pgQuery = (client: pg.Client) => ({ query: async <Row>(sql: string) => (await client.query(sql)).rows as Row[] });
const pgliteQuery = (db: PGlite) => ({ query: async <Row>(sql: string) => (await db.query<Row>(sql)).rows });

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe("migrations on PostgreSQL", () => {
  it("produce exactly the schema in prisma/schema.prisma (no drift)", async () => {
    const [fromMigrations, fromSchema] = await Promise.all([createPostgresDatabase(), createPostgresDatabase()]);
    cleanups.push(fromMigrations.drop, fromSchema.drop);
    const sql = await schemaSql();
    expect(sql).toContain("CREATE TABLE");
    const migrated = await withClient(fromMigrations.url, async (client) => {
      await migrate(postgresTarget(client));
      return schemaSnapshot(pgQuery(client));
    });
    const rendered = await withClient(fromSchema.url, async (client) => {
      await client.query(sql);
      return schemaSnapshot(pgQuery(client));
    });
    expect(migrated.columns.length).toBeGreaterThan(50);
    expect(migrated).toEqual(rendered);
  });

  it("would notice drift: an extra column makes the snapshots differ", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    await withClient(database.url, async (client) => {
      await migrate(postgresTarget(client));
      const before = await schemaSnapshot(pgQuery(client));
      await client.query("ALTER TABLE tours ADD COLUMN drifted integer");
      expect(await schemaSnapshot(pgQuery(client))).not.toEqual(before);
    });
  });

  it("agree with `prisma migrate status`, apply nothing twice, and refuse an edited migration", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    await withClient(database.url, async (client) => {
      const first = await migrate(postgresTarget(client));
      expect(first.applied).toEqual(readMigrations().map((m) => m.name));
      const second = await migrate(postgresTarget(client));
      expect(second).toEqual({ applied: [], alreadyApplied: first.applied.length });
      const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
      await expect(migrate(postgresTarget(client), edited)).rejects.toThrow(/changed after it was applied/);
    });
    const status = await prismaCli(["migrate", "status"], { DATABASE_URL: database.url });
    expect(status.stdout).toContain("Database schema is up to date");
  });

  it("let several processes start at once: the advisory lock makes one migrate and the others wait", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => withClient(database.url, (client) => migrate(postgresTarget(client)))),
    );
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    const rows = await withClient(database.url, (client) => client.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`));
    expect(rows.rows[0].n).toBe(readMigrations().length);
  });
});

describe("migrations on PGlite", () => {
  it("produce the same schema as on PostgreSQL", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-drift-"));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const pglite = await openPglite(dir);
    cleanups.push(() => pglite.close());
    await migrate(pgliteTarget(pglite));
    const embedded = await schemaSnapshot(pgliteQuery(pglite));

    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const server = await withClient(database.url, async (client) => {
      await client.query(await schemaSql());
      return schemaSnapshot(pgQuery(client));
    });
    expect(embedded).toEqual(server);
    // Opening again applies nothing.
    expect((await migrate(pgliteTarget(pglite))).applied).toEqual([]);
  });
});
