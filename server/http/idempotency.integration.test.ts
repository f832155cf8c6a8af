import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { AppError } from "../errors";
import { CLAIM_TIMEOUT_MS, IDEMPOTENCY_TTL_MS, purgeExpiredIdempotencyKeys, runIdempotently, uploadTicketMayReplay } from "./idempotency";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


describeEachDatabase("idempotency store", (testDb) => {
  let agency: TestAgency;
  const prisma = () => testDb().db.prisma;
  beforeAll(async () => {
    agency = await makeAgency(prisma(), { packages: false });
  });

  it("runs fifty concurrent identical requests once; the rest are told it is in use or get the stored response", async () => {
    const claim = { agencyId: agency.id, key: randomUUID(), fingerprint: "f1" };
    let runs = 0;
    const execute = async () => {
      runs++;
      await sleep(150);
      return { status: 201, body: '{"ok":true}' };
    };
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => runIdempotently(prisma(), claim, execute)));
    expect(runs).toBe(1);
    const fulfilled = outcomes.filter((o) => o.status === "fulfilled").map((o) => (o as PromiseFulfilledResult<{ replayed: boolean; status: number }>).value);
    const rejected = outcomes.filter((o) => o.status === "rejected").map((o) => ((o as PromiseRejectedResult).reason as AppError).code);
    expect(fulfilled.filter((o) => !o.replayed)).toHaveLength(1);
    expect(fulfilled.every((o) => o.status === 201)).toBe(true);
    expect(new Set(rejected)).toEqual(rejected.length ? new Set(["idempotency_key_in_use"]) : new Set());
    // Afterwards, a retry replays.
    const replay = await runIdempotently(prisma(), claim, execute);
    expect(replay).toEqual({ status: 201, body: '{"ok":true}', replayed: true });
    expect(runs).toBe(1);
  });

  it("while a request runs, the same request under its key is in use and a different one conflicts (PostgreSQL: PGlite runs them one after the other)", async (context) => {
    if (testDb().kind !== "postgres") context.skip();
    const key = randomUUID();
    let started!: () => void;
    let finish!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = new Promise<void>((resolve) => (finish = resolve));
    const first = runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "same" }, async () => {
      started();
      await held;
      return { status: 201, body: "first" };
    });
    await running;
    const ok = async () => ({ status: 201, body: "second" });
    expect(await errorCodeOf(runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "same" }, ok))).toBe("idempotency_key_in_use");
    expect(await errorCodeOf(runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "different" }, ok))).toBe("idempotency_key_conflict");
    finish();
    expect((await first).body).toBe("first");
    expect(await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "same" }, ok)).toEqual({ status: 201, body: "first", replayed: true });
  });

  it("refuses the same key with a different request", async () => {
    const key = randomUUID();
    await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "a" }, async () => ({ status: 200, body: "{}" }));
    expect(await errorCodeOf(runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "b" }, async () => ({ status: 200, body: "{}" })))).toBe(
      "idempotency_key_conflict",
    );
  });

  it("keys are per agency: another agency may use the same key", async () => {
    const other = await makeAgency(prisma(), { packages: false });
    const key = randomUUID();
    const first = await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "x" }, async () => ({ status: 201, body: "A" }));
    const second = await runIdempotently(prisma(), { agencyId: other.id, key, fingerprint: "y" }, async () => ({ status: 201, body: "B" }));
    expect([first.body, second.body, second.replayed]).toEqual(["A", "B", false]);
  });

  it("stores 4xx answers but not 5xx ones or thrown errors, so those run again", async () => {
    const key4 = randomUUID();
    let runs = 0;
    const fourHundred = async () => (runs++, { status: 422, body: "no" });
    await runIdempotently(prisma(), { agencyId: agency.id, key: key4, fingerprint: "f" }, fourHundred);
    expect((await runIdempotently(prisma(), { agencyId: agency.id, key: key4, fingerprint: "f" }, fourHundred)).replayed).toBe(true);
    expect(runs).toBe(1);

    const key5 = randomUUID();
    let attempts = 0;
    const flaky = async () => (++attempts === 1 ? { status: 500, body: "boom" } : { status: 201, body: "made" });
    expect((await runIdempotently(prisma(), { agencyId: agency.id, key: key5, fingerprint: "f" }, flaky)).status).toBe(500);
    expect(await runIdempotently(prisma(), { agencyId: agency.id, key: key5, fingerprint: "f" }, flaky)).toEqual({ status: 201, body: "made", replayed: false });

    const keyThrow = randomUUID();
    await expect(
      runIdempotently(prisma(), { agencyId: agency.id, key: keyThrow, fingerprint: "f" }, async () => {
        throw new Error("crash");
      }),
    ).rejects.toThrow("crash");
    expect((await runIdempotently(prisma(), { agencyId: agency.id, key: keyThrow, fingerprint: "f" }, async () => ({ status: 200, body: "ok" }))).replayed).toBe(false);
  });

  it("takes over a claim an earlier version left in progress when its process died, and a key whose 24 hours are over", async () => {
    const key = randomUUID();
    const start = new Date("2026-01-01T00:00:00Z");
    await prisma().idempotencyKey.create({
      data: { agencyId: agency.id, key, fingerprint: "f", state: "in_progress", createdAt: start, lockedAt: start, expiresAt: new Date(start.getTime() + IDEMPOTENCY_TTL_MS) },
    });
    const soon = () => new Date(start.getTime() + 1000);
    expect(await errorCodeOf(runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "f" }, async () => ({ status: 200, body: "x" }), { now: soon }))).toBe(
      "idempotency_key_in_use",
    );
    const later = () => new Date(start.getTime() + CLAIM_TIMEOUT_MS + 1000);
    expect((await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "f" }, async () => ({ status: 200, body: "x" }), { now: later })).replayed).toBe(false);

    const dayLater = () => new Date(start.getTime() + CLAIM_TIMEOUT_MS + IDEMPOTENCY_TTL_MS + 2000);
    const reused = await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "other" }, async () => ({ status: 201, body: "new" }), { now: dayLater });
    expect(reused).toEqual({ status: 201, body: "new", replayed: false });
  });

  it("keeps stored answers encrypted at rest", async () => {
    const key = randomUUID();
    await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "f" }, async () => ({ status: 201, body: '{"ticket":"ma_upl_secret"}' }));
    const row = await prisma().idempotencyKey.findUniqueOrThrow({ where: { agencyId_key: { agencyId: agency.id, key } } });
    expect(row.responseBody).not.toContain("ma_upl_secret");
    expect((await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "f" }, async () => ({ status: 201, body: "other" }))).body).toBe('{"ticket":"ma_upl_secret"}');
  });

  it("records the upload ticket that claimed a key: only that ticket may replay it, and only while it is kept", async () => {
    const ok = async () => ({ status: 201, body: "made" });
    const ticketKey = randomUUID();
    const plainKey = randomUUID();
    const at = new Date();
    await runIdempotently(prisma(), { agencyId: agency.id, key: ticketKey, fingerprint: "f", uploadTicketId: "upl_one" }, ok, { now: () => at });
    await runIdempotently(prisma(), { agencyId: agency.id, key: plainKey, fingerprint: "f" }, ok, { now: () => at });
    const may = (key: string, uploadTicketId: string, now = at) => uploadTicketMayReplay(prisma(), { agencyId: agency.id, key, uploadTicketId }, now);
    expect(await may(ticketKey, "upl_one")).toBe(true);
    expect(await may(ticketKey, "upl_two")).toBe(false);
    expect(await may(plainKey, "upl_one")).toBe(false);
    expect(await may(randomUUID(), "upl_one")).toBe(false);
    expect(await may(ticketKey, "upl_one", new Date(at.getTime() + IDEMPOTENCY_TTL_MS))).toBe(false);
    // A key taken over after its 24 hours belongs to whoever claimed it then.
    const later = () => new Date(at.getTime() + IDEMPOTENCY_TTL_MS + 1000);
    await runIdempotently(prisma(), { agencyId: agency.id, key: ticketKey, fingerprint: "g" }, ok, { now: later });
    expect(await may(ticketKey, "upl_one", later())).toBe(false);
  });

  it("purges expired responses", async () => {
    const key = randomUUID();
    await runIdempotently(prisma(), { agencyId: agency.id, key, fingerprint: "f" }, async () => ({ status: 200, body: "x" }), { now: () => new Date("2020-01-01T00:00:00Z") });
    expect(await purgeExpiredIdempotencyKeys(prisma())).toBeGreaterThanOrEqual(1);
    expect(await prisma().idempotencyKey.findUnique({ where: { agencyId_key: { agencyId: agency.id, key } } })).toBeNull();
  });
});
