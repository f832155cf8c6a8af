// What /api/v1 answers while its PostgreSQL is away or its pool is full: 503 service_unavailable in
// the envelope with Retry-After, in bounded time — never a 500, never a wait without end — and
// normal answers again once the database is back, without restarting the process.
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { openDatabase, type Database } from "../db/client";
import { createPostgresDatabase, TEST_DATABASE_URL } from "../testing/databases";
import { makeAgency, makeApiKey } from "../testing/factories";
import { createRestHandler } from "./rest-handler";

const POOL = 2;
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: Database;
let server: http.Server;
let base: string;
let key: string;

beforeAll(async () => {
  database = await createPostgresDatabase("valara_outage");
  db = await openDatabase({ DATABASE_URL: database.url, DATA_DIR: os.tmpdir(), DATABASE_POOL_SIZE: POOL }, { migrate: true });
  const handler = createRestHandler({ router: appRouter, db: async () => db, appUrl: "https://valara.example", maxBodyBytes: 1024 * 1024, logger: pino({ level: "silent" }) });
  server = http.createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  key = await makeApiKey(await makeAgency(db.prisma));
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`).catch(() => {});
  await db?.close();
  await database?.drop();
});

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const listListings = () => fetch(`${base}/listings?limit=1`, { headers: { "X-API-Key": key } });

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  const body = (await response.json()) as { error: { code: string; request_id: string; message: string } };
  expect(body.error.code).toBe("service_unavailable");
  expect(body.error.request_id).toMatch(/\S/);
  expect(body.error.message).not.toMatch(/ECONNREFUSED|pg_|at \w+ \(/);
}

it("answers 503 with Retry-After while the database refuses connections, and serves again once it is back", async () => {
  expect((await listListings()).status).toBe(200);
  // What a restart looks like from here: every connection killed, new ones refused.
  await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
  await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`);
  try {
    for (let i = 0; i < POOL * 2; i++) await expectUnavailable(await listListings());
  } finally {
    await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
  }
  await expect.poll(async () => (await listListings()).status, { timeout: 10_000 }).toBe(200);
}, 60_000);

it("answers 503 after the acquire timeout when every pooled connection is busy, then serves again", async () => {
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));
  let entered = 0;
  let finish!: () => void;
  const release = new Promise<void>((resolve) => (finish = resolve));
  const hogs = Array.from({ length: POOL }, () =>
    db.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        if (++entered === POOL) holding();
        await release;
      },
      { timeout: 30_000 },
    ),
  );
  await held;
  try {
    await expectUnavailable(await listListings());
  } finally {
    finish();
    await Promise.all(hogs);
  }
  expect((await listListings()).status).toBe(200);
}, 60_000);
