// Workers against real PostgreSQL, as deployed: several at once sharing the work, and one killed
// in the middle of a delivery. Prints the commit-to-receipt latency of 1,000 events.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type Database } from "../db/client";
import { createPostgresDatabase } from "../testing/databases";
import { makeAgency, type TestAgency } from "../testing/factories";
import { startReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import { EVENT_CATALOG } from "./catalog";
import { WEBHOOK_CHANNEL, emitEvent } from "./emit";
import { createEndpoint } from "./endpoints";
import { WebhookWorker } from "./worker";

// A thousand real deliveries and a worker process started and killed: allow for a busy machine.
vi.setConfig({ testTimeout: 240_000 });

const encryptionKey = randomBytes(32);
const settings = { encryptionKey, guard: { allowLoopback: true } };
const logger = pino({ level: "silent" });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe("webhook workers on PostgreSQL", () => {
  let url: string;
  let drop: () => Promise<void>;
  const databases: Database[] = [];
  let agency: TestAgency;

  beforeAll(async () => {
    const database = await createPostgresDatabase();
    url = database.url;
    drop = database.drop;
    const db = await openDatabase({ DATABASE_URL: url, DATA_DIR: os.tmpdir() }, { migrate: true });
    databases.push(db);
    agency = await makeAgency(db.prisma, { packages: false });
  });
  afterAll(async () => {
    for (const db of databases) await db.close();
    await drop?.();
  });

  const connect = async () => {
    const db = await openDatabase({ DATABASE_URL: url, DATA_DIR: os.tmpdir() });
    databases.push(db);
    return db;
  };
  const workerOn = (db: Database, id: string) =>
    new WebhookWorker({ prisma: db.prisma, encryptionKey, guard: settings.guard, logger, workerId: id, listen: (cb) => db.listen(WEBHOOK_CHANNEL, cb) });

  it("two workers deliver 1,000 events, each exactly once, and share the work", async () => {
    const receiver: WebhookReceiver = await startReceiver();
    try {
      const endpoint = await createEndpoint(agency.scope, { url: receiver.url, event_types: ["listing.created"] }, settings);
      const [a, b] = [workerOn(await connect(), "worker-a"), workerOn(await connect(), "worker-b")];
      await Promise.all([a.start(), b.start()]);
      const committedAt = new Map<string, number>();
      const example = EVENT_CATALOG["listing.created"].example;
      // 1,000 events at about 200 a second, 10 per transaction, as a busy agency would produce them.
      for (let batch = 0; batch < 100; batch++) {
        const ids = await agency.scope.db.$transaction(async (tx) => {
          const made: string[] = [];
          for (let i = 0; i < 10; i++) made.push(await emitEvent(tx, agency.scope, "listing.created", example));
          return made;
        });
        const now = Date.now();
        for (const id of ids) committedAt.set(id, now);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await receiver.waitFor(1000, 120_000);
      await Promise.all([a.stop(), b.stop()]);

      const received = receiver.requests.map((r) => ({ id: JSON.parse(r.body).event_id as string, at: r.receivedAt }));
      expect(received).toHaveLength(1000);
      expect(new Set(received.map((r) => r.id)).size).toBe(1000);
      expect(await databases[0]!.prisma.webhookDelivery.count({ where: { endpointId: endpoint.endpoint_id, status: "succeeded" } })).toBe(1000);
      expect(a.attempts + b.attempts).toBe(1000);
      expect(Math.min(a.attempts, b.attempts)).toBeGreaterThan(0);

      const latencies = received.map((r) => r.at - committedAt.get(r.id)!).sort((x, y) => x - y);
      console.log(
        `webhook latency, commit to receipt, 1000 events, 2 workers: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies.at(-1)} ms (worker-a ${a.attempts}, worker-b ${b.attempts})`,
      );
    } finally {
      await receiver.close();
    }
  });

  it("still delivers an event whose worker was killed mid-delivery, with the same event_id", async () => {
    const receiver = await startReceiver();
    try {
      receiver.answers.push({ status: 200, hang: true }); // the first attempt never gets an answer
      const endpoint = await createEndpoint(agency.scope, { url: receiver.url, event_types: ["api_key.revoked"] }, settings);
      // The worker itself, not the tsx CLI (which runs it in a child that SIGKILL would orphan).
      const child = spawn(process.execPath, ["--import", "tsx", "worker.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          ENCRYPTION_KEY: encryptionKey.toString("hex"),
          WEBHOOKS_ALLOW_LOOPBACK: "1",
          LOG_LEVEL: "warn",
          NODE_ENV: "development",
        },
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.once("exit", resolve));
      const eventId = await agency.scope.db.$transaction((tx) =>
        emitEvent(tx, agency.scope, "api_key.revoked", EVENT_CATALOG["api_key.revoked"].example),
      );
      const [first] = await receiver.waitFor(1, 60_000);
      child.kill("SIGKILL");
      await exited;
      const claimed = await databases[0]!.prisma.webhookDelivery.findFirstOrThrow({ where: { eventId, endpointId: endpoint.endpoint_id } });
      expect(claimed).toMatchObject({ status: "pending", attemptCount: 0 });
      expect(claimed.lockedBy).toMatch(/^worker-/);

      // Another worker takes it over once the dead worker's lease has run out.
      const rescuer = new WebhookWorker({
        prisma: databases[0]!.prisma,
        encryptionKey,
        guard: settings.guard,
        logger,
        now: () => new Date(Date.now() + 61_000),
      });
      expect(await rescuer.runOnce()).toBe(1);
      const [, second] = await receiver.waitFor(2);
      expect(JSON.parse(first!.body).event_id).toBe(eventId);
      expect(JSON.parse(second!.body).event_id).toBe(eventId);
      const delivered = await databases[0]!.prisma.webhookDelivery.findFirstOrThrow({ where: { id: claimed.id } });
      expect(delivered).toMatchObject({ status: "succeeded", attemptCount: 1 });
    } finally {
      await receiver.close();
    }
  });

  it("survives its LISTEN connection being killed, listens again, and is still woken at once", async () => {
    const receiver = await startReceiver();
    const logged: { msg?: string }[] = [];
    const watched = pino({ level: "info" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const db = await connect();
    // Polling once a minute: a prompt delivery below can only come from a notification.
    const worker = new WebhookWorker({
      prisma: db.prisma,
      encryptionKey,
      guard: settings.guard,
      logger: watched,
      pollIntervalMs: 60_000,
      listen: (cb) => db.listen(WEBHOOK_CHANNEL, cb, { logger: watched }),
    });
    const listeners = async () =>
      (
        await databases[0]!.prisma.$queryRaw<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`
      ).map((row) => row.pid);
    const eventually = async <T>(check: () => Promise<T | undefined>, what: string) => {
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 100))) {
        const value = await check();
        if (value !== undefined) return value;
      }
      throw new Error(`timed out waiting for ${what}`);
    };
    try {
      await createEndpoint(agency.scope, { url: receiver.url, event_types: ["user.created"] }, settings);
      await worker.start();
      const [killed] = await eventually(async () => ((await listeners()).length === 1 ? listeners() : undefined), "the LISTEN connection");
      await databases[0]!.prisma.$queryRaw`SELECT pg_terminate_backend(${killed}::int)`;
      const [renewed] = await eventually(async () => {
        const pids = await listeners();
        return pids.length === 1 && pids[0] !== killed ? pids : undefined;
      }, "a new LISTEN connection");
      expect(renewed).not.toBe(killed);
      await eventually(async () => (logged.some((line) => /listening again/.test(line.msg ?? "")) ? true : undefined), "the log line");
      expect(logged.map((line) => line.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/LISTEN connection lost/)]));

      const started = Date.now();
      const eventId = await agency.scope.db.$transaction((tx) => emitEvent(tx, agency.scope, "user.created", EVENT_CATALOG["user.created"].example));
      const [request] = await receiver.waitFor(1, 5_000);
      expect(JSON.parse(request!.body).event_id).toBe(eventId);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await worker.stop();
      await receiver.close();
    }
  });
});
