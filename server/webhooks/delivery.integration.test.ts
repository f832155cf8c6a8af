// Webhook delivery end to end on both databases, against a real HTTP receiver on 127.0.0.1:
// signatures (verified with the README's snippet), retries, Retry-After, 410, redirects, timeouts,
// the SSRF guard at delivery time, the 5-day rule, secret rotation and outbox atomicity.
import pino from "pino";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { startReceiver, type WebhookReceiver } from "../testing/webhook-receiver";
import { loadReadmeVerifier, type VerifyValaraWebhook } from "../testing/readme-snippet";
import { EVENT_CATALOG } from "./catalog";
import { emitEvent } from "./emit";
import { createEndpoint, deleteEndpoint, listDeliveries, redeliver, rotateSecret, sendTestEvent, updateEndpoint, type WebhookSettings } from "./endpoints";
import type { postWebhook } from "./send";
import { WebhookWorker, leaseFor } from "./worker";

const DAY = 86_400_000;

describeEachDatabase("webhook delivery", (testDb) => {
  let agency: TestAgency;
  let receiver: WebhookReceiver;
  let verify: VerifyValaraWebhook;
  // Real time plus an offset the tests advance, so rows stamped by the database stay comparable.
  let offset: number;
  const clockNow = () => Date.now() + offset;
  const settings: WebhookSettings = { encryptionKey: randomBytes(32), guard: { allowLoopback: true } };
  const prisma = () => testDb().db.prisma;
  const worker = (overrides: Partial<ConstructorParameters<typeof WebhookWorker>[0]> = {}) =>
    new WebhookWorker({
      prisma: prisma(),
      encryptionKey: settings.encryptionKey,
      guard: settings.guard,
      logger: pino({ level: "silent" }),
      timeoutMs: 2_000,
      now: () => new Date(clockNow()),
      ...overrides,
    });
  const emit = (type: "listing.created" = "listing.created") =>
    agency.scope.db.$transaction((tx) => emitEvent(tx, agency.scope, type, EVENT_CATALOG[type].example));
  const register = (eventTypes: string[] = ["listing.created"], url = receiver.url) =>
    createEndpoint(agency.scope, { url, event_types: eventTypes as never }, settings);

  beforeAll(async () => {
    verify = await loadReadmeVerifier();
  });
  beforeEach(async () => {
    offset = 0;
    // Earlier tests leave deliveries backing off in real time; give them up, so that each test's
    // workers claim only that test's deliveries.
    await prisma().webhookDelivery.updateMany({ where: { status: "pending" }, data: { status: "failed", nextAttemptAt: null } });
    agency = await makeAgency(prisma(), { packages: false });
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
  });
  afterAll(() => {});

  it("delivers a signed envelope that the README's snippet and Standard Webhooks verifiers accept", async () => {
    const endpoint = await register();
    const eventId = await emit();
    expect(await worker().runOnce()).toBe(1);
    const [request] = await receiver.waitFor(1);
    const event = verify(request!.body, request!.headers["x-valara-signature"] as string, endpoint.secret);
    expect(event).toMatchObject({ event_id: eventId, event_type: "listing.created", api_version: "2026-05-29", data: EVENT_CATALOG["listing.created"].example });
    expect(() => verify(request!.body, request!.headers["x-valara-signature"] as string, endpoint.secret)).toThrow(/replay/);
    expect(() => verify(`${request!.body} `, request!.headers["x-valara-signature"] as string, endpoint.secret)).toThrow(/signature/);
    expect(() => verify(request!.body, request!.headers["x-valara-signature"] as string, endpoint.secret, Date.now() + 6 * 60_000)).toThrow(/tolerance/);
    expect(new Webhook(endpoint.secret).verify(request!.body, request!.headers as Record<string, string>)).toMatchObject({ event_id: eventId });
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(delivery.attempts).toEqual([expect.objectContaining({ attemptNumber: 1, statusCode: 200, error: null, responseExcerpt: "ok" })]);
  });

  it("fans out only to enabled endpoints subscribed to the type, and writes nothing if the change rolls back", async () => {
    await register(["listing.created"]);
    await register(["api_key.revoked"]);
    const eventId = await emit();
    expect(await prisma().webhookDelivery.count({ where: { eventId } })).toBe(1);
    await expect(
      agency.scope.db.$transaction(async (tx) => {
        await emitEvent(tx, agency.scope, "listing.created", EVENT_CATALOG["listing.created"].example);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma().webhookEvent.count({ where: { agencyId: agency.id, type: "listing.created" } })).toBe(1);
    await expect(
      agency.scope.db.$transaction((tx) => emitEvent(tx, agency.scope, "listing.created", { listing_number: 5 } as never)),
    ).rejects.toThrow();
  });

  it("an endpoint deleted while its delivery is being sent: nothing to record, no error logged, no retry", async () => {
    const endpoint = await register();
    await emit();
    const lines: Array<{ level: number; msg: string }> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const sent = await worker({
      logger,
      send: async () => {
        await deleteEndpoint(agency.scope, endpoint.endpoint_id); // its deliveries go with it
        return { statusCode: 200, error: null, responseExcerpt: "ok", retryAfter: null, durationMs: 1 };
      },
    }).runOnce();
    expect(sent).toBe(1);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(lines.map((line) => line.msg)).toContain("webhook worker: the delivery was deleted with its endpoint while sending; nothing to record");
    expect(await prisma().webhookDelivery.count({ where: { endpointId: endpoint.endpoint_id } })).toBe(0);
  });

  it("retries a failing receiver on the schedule, with the same event_id and a fresh nonce, until it succeeds", async () => {
    const endpoint = await register();
    receiver.answers.push({ status: 500, body: "boom" }, { status: 502 });
    const eventId = await emit();
    const w = worker();
    await w.runOnce();
    let delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId } });
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1 });
    expect(delivery.nextAttemptAt!.getTime() - clockNow()).toBeGreaterThanOrEqual(3_000);
    expect(await w.runOnce()).toBe(0); // not due yet
    offset += 7_000;
    await w.runOnce();
    offset += 7 * 60_000;
    await w.runOnce();
    const requests = await receiver.waitFor(3);
    const settled = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } });
    expect(settled.status).toBe("succeeded");
    expect(settled.attempts.map((a) => [a.statusCode, a.responseExcerpt])).toEqual([[500, "boom"], [502, null], [200, "ok"]]);
    const bodies = requests.map((r) => JSON.parse(r.body) as { event_id: string; nonce: string });
    expect(new Set(bodies.map((b) => b.event_id))).toEqual(new Set([eventId]));
    expect(new Set(bodies.map((b) => b.nonce)).size).toBe(3);
    expect((await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpoint_id } })).failingSince).toBeNull();
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    await register();
    receiver.answers.push({ status: 429, headers: { "Retry-After": "600" } });
    const eventId = await emit();
    await worker().runOnce();
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId } });
    expect(delivery.nextAttemptAt!.getTime() - clockNow()).toBeGreaterThanOrEqual(590_000);
  });

  it("does not follow redirects, and gives up on a receiver that does not answer in time", async () => {
    const other = await startReceiver();
    try {
      await register();
      receiver.answers.push({ status: 302, headers: { Location: other.url } }, { status: 200, hang: true });
      const first = await emit();
      await worker().runOnce();
      expect(other.requests).toHaveLength(0);
      const redirected = await prisma().webhookAttempt.findFirstOrThrow({ where: { delivery: { eventId: first } } });
      expect(redirected).toMatchObject({ statusCode: 302, error: expect.stringMatching(/redirect not followed/) });
      const second = await emit();
      await worker({ timeoutMs: 300 }).runOnce();
      const timedOut = await prisma().webhookAttempt.findFirstOrThrow({ where: { delivery: { eventId: second } } });
      expect(timedOut).toMatchObject({ statusCode: null, error: expect.stringMatching(/timed out/) });
    } finally {
      await other.close();
    }
  });

  it("refuses, at delivery time, an address the guard blocks", async () => {
    await register();
    const eventId = await emit();
    await worker({ guard: { allowLoopback: false } }).runOnce();
    expect(receiver.requests).toHaveLength(0);
    const attempt = await prisma().webhookAttempt.findFirstOrThrow({ where: { delivery: { eventId } } });
    expect(attempt.error).toMatch(/^blocked: .*loopback/);
  });

  it("disables an endpoint that answers 410, and tells the agency's other endpoints", async () => {
    const watcher = await startReceiver();
    try {
      const gone = await register(["listing.created"]);
      await register(["webhook_endpoint.disabled"], watcher.url);
      receiver.answers.push({ status: 410 });
      await emit();
      await emit();
      const w = worker();
      await w.runOnce(); // both deliveries to the gone endpoint: the first 410 disables it
      await w.runOnce(); // the disabled notice to the watcher
      const endpoint = await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: gone.endpoint_id } });
      expect(endpoint).toMatchObject({ enabled: false, disabledReason: "gone" });
      expect(await prisma().webhookDelivery.count({ where: { endpointId: gone.endpoint_id, status: "pending" } })).toBe(0);
      const [notice] = await watcher.waitFor(1);
      expect(JSON.parse(notice!.body)).toMatchObject({ event_type: "webhook_endpoint.disabled", data: { endpoint_id: gone.endpoint_id, reason: "gone" } });
      await emit();
      expect(await prisma().webhookDelivery.count({ where: { endpointId: gone.endpoint_id, status: "pending" } })).toBe(0);
    } finally {
      await watcher.close();
    }
  });

  it("disables an endpoint that has failed every delivery for 5 days", async () => {
    const endpoint = await register();
    receiver.fallback = { status: 500 };
    await emit();
    const w = worker();
    await w.runOnce();
    const failingSince = (await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpoint_id } })).failingSince!;
    expect(Math.abs(failingSince.getTime() - clockNow())).toBeLessThan(5_000);
    offset += 4 * DAY;
    await emit();
    await w.runOnce();
    expect((await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpoint_id } })).enabled).toBe(true);
    offset += DAY + 1000;
    await emit();
    await w.runOnce();
    expect(await prisma().webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpoint_id } })).toMatchObject({ enabled: false, disabledReason: "failing" });
  });

  it("signs with both secrets for 24 hours after a rotation, then with the new one only", async () => {
    const endpoint = await register();
    const rotated = await rotateSecret(agency.scope, endpoint.endpoint_id, settings, new Date(clockNow()));
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.secret_rotation_ends_at).not.toBeNull();
    await emit();
    await worker().runOnce();
    const [during] = await receiver.waitFor(1);
    const header = during!.headers["x-valara-signature"] as string;
    expect(header.split(",")).toHaveLength(2);
    expect(verify(during!.body, header, rotated.secret).event_type).toBe("listing.created");
    const verifyAgain = await loadReadmeVerifier(); // fresh nonce memory
    expect(verifyAgain(during!.body, header, endpoint.secret).event_type).toBe("listing.created");
    offset += DAY + 1000;
    await emit();
    await worker().runOnce();
    const after = (await receiver.waitFor(2))[1]!;
    expect((after.headers["x-valara-signature"] as string).split(",")).toHaveLength(1);
    expect(() => verifyAgain(after.body, after.headers["x-valara-signature"] as string, endpoint.secret, clockNow())).toThrow(/signature/);
  });

  it("sends nothing to a disabled endpoint: queued deliveries are given up, later events are not queued, a redelivery recovers one", async () => {
    const endpoint = await register();
    const queued = await emit();
    await updateEndpoint(agency.scope, { endpoint_id: endpoint.endpoint_id, enabled: false }, settings);
    const whileDisabled = await emit();
    await worker().runOnce();
    const log = await prisma().webhookDelivery.findMany({ where: { endpointId: endpoint.endpoint_id } });
    expect(log.map((d) => [d.eventId, d.status])).toEqual([[queued, "failed"]]);
    await updateEndpoint(agency.scope, { endpoint_id: endpoint.endpoint_id, enabled: true }, settings);
    await worker().runOnce();
    expect(receiver.requests).toHaveLength(0); // re-enabling brings back neither
    await redeliver(agency.scope, log[0]!.id);
    await worker().runOnce();
    const [request] = await receiver.waitFor(1);
    expect(JSON.parse(request!.body).event_id).toBe(queued);
    expect(await prisma().webhookDelivery.count({ where: { eventId: whileDisabled } })).toBe(0);
  });

  it("gives up a delivery that is backing off when the endpoint is disabled by hand: re-enabling does not send it", async () => {
    const endpoint = await register();
    receiver.answers.push({ status: 500 });
    const eventId = await emit();
    const w = worker();
    await w.runOnce();
    expect(await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId } })).toMatchObject({ status: "pending", attemptCount: 1 });
    // Disabled and re-enabled before the retry is due: no worker saw it disabled.
    await updateEndpoint(agency.scope, { endpoint_id: endpoint.endpoint_id, enabled: false }, settings);
    await updateEndpoint(agency.scope, { endpoint_id: endpoint.endpoint_id, enabled: true }, settings);
    offset += 7_000;
    expect(await w.runOnce()).toBe(0);
    expect(receiver.requests).toHaveLength(1);
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId } });
    expect(delivery).toMatchObject({ status: "failed", attemptCount: 1, nextAttemptAt: null });
    expect(delivery.completedAt).not.toBeNull();
  });

  it("redelivers a delivery being sent without a second send: the sending worker records the outcome", async () => {
    await register();
    receiver.answers.push({ status: 200, delayMs: 600 });
    const eventId = await emit();
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId } });
    const inFlight = worker({ workerId: "sending" }).runOnce();
    await receiver.waitFor(1);
    await redeliver(agency.scope, delivery.id);
    expect(await worker({ workerId: "other" }).runOnce()).toBe(0); // still claimed by the sender
    await inFlight;
    expect(await worker({ workerId: "other" }).runOnce()).toBe(0); // the 2xx settled it
    expect(receiver.requests).toHaveLength(1);
    const settled = await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id }, include: { attempts: true } });
    expect(settled).toMatchObject({ status: "succeeded", attemptCount: 1, lockedBy: null, lockedUntil: null });
    expect(settled.attempts).toEqual([expect.objectContaining({ attemptNumber: 1, statusCode: 200 })]);
  });

  it("redelivers a pending delivery that is backing off now, and a given-up one at once even if it was being sent when given up", async () => {
    const endpoint = await register();
    receiver.answers.push({ status: 500 }, { status: 200, delayMs: 600 });
    const backingOff = await emit();
    await worker().runOnce();
    const pending = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId: backingOff } });
    expect(pending.nextAttemptAt!.getTime() - clockNow()).toBeGreaterThanOrEqual(3_000);
    await redeliver(agency.scope, pending.id);
    expect(await worker().runOnce()).toBe(1); // due now, not after the backoff
    await receiver.waitFor(2);
    // Disabled while its delivery is being sent: given up; the sender logs its attempt and lets go.
    receiver.answers.push({ status: 200, delayMs: 600 });
    const givenUp = await emit();
    const inFlight = worker({ workerId: "sending" }).runOnce();
    await receiver.waitFor(3);
    await updateEndpoint(agency.scope, { endpoint_id: endpoint.endpoint_id, enabled: false }, settings);
    await inFlight;
    const failed = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId: givenUp }, include: { attempts: true } });
    expect(failed).toMatchObject({ status: "failed", lockedBy: null, lockedUntil: null });
    expect(failed.attempts).toHaveLength(1);
    await updateEndpoint(agency.scope, { endpoint_id: endpoint.endpoint_id, enabled: true }, settings);
    await redeliver(agency.scope, failed.id);
    expect(await worker().runOnce()).toBe(1); // not held back by the old claim
    await receiver.waitFor(4);
    expect((await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("succeeded");
  });

  it("emits to one target endpoint only, whatever it subscribes to, marked as a test; a test event goes the same way", async () => {
    const target = await register(["api_key.revoked"]);
    const subscriber = await register(["listing.created"]);
    const eventId = await agency.scope.db.$transaction((tx) =>
      emitEvent(tx, agency.scope, "listing.created", EVENT_CATALOG["listing.created"].example, { endpointId: target.endpoint_id, test: true }),
    );
    const deliveries = await prisma().webhookDelivery.findMany({ where: { eventId }, include: { event: true } });
    expect(deliveries.map((d) => [d.endpointId, d.event.test, d.event.type])).toEqual([[target.endpoint_id, true, "listing.created"]]);
    const queued = await sendTestEvent(agency.scope, target.endpoint_id, "shoot.scheduled");
    const testDelivery = await prisma().webhookDelivery.findUniqueOrThrow({ where: { id: queued.delivery_id }, include: { event: true } });
    expect(testDelivery).toMatchObject({ eventId: queued.event_id, endpointId: target.endpoint_id, status: "pending" });
    expect(testDelivery.event).toMatchObject({ type: "shoot.scheduled", test: true, data: EVENT_CATALOG["shoot.scheduled"].example });
    expect(await prisma().webhookDelivery.count({ where: { endpointId: subscriber.endpoint_id } })).toBe(0);
  });

  it("marks a test event, and only a test event: X-Valara-Test: true on the wire and test in the delivery log", async () => {
    const endpoint = await register();
    const queued = await sendTestEvent(agency.scope, endpoint.endpoint_id, "listing.created");
    const real = await emit();
    await worker().runOnce();
    const requests = await receiver.waitFor(2);
    const testHeaders = Object.fromEntries(requests.map((r) => [JSON.parse(r.body).event_id, r.headers["x-valara-test"]]));
    expect(testHeaders).toEqual({ [queued.event_id]: "true", [real]: undefined });
    expect(verify(requests[0]!.body, requests[0]!.headers["x-valara-signature"] as string, endpoint.secret).event_type).toBe("listing.created");
    const log = await listDeliveries(agency.scope, endpoint.endpoint_id, { limit: 10 });
    expect(Object.fromEntries(log.items.map((d) => [d.event_id, d.test]))).toEqual({ [queued.event_id]: true, [real]: false });
    // A redelivered test event is still one.
    await redeliver(agency.scope, queued.delivery_id);
    await worker().runOnce();
    expect((await receiver.waitFor(3))[2]!.headers["x-valara-test"]).toBe("true");
  });

  it("records an answer with NUL bytes: a 500 is retried with backoff, a 2xx is delivered once", async () => {
    await register();
    receiver.answers.push({ status: 500, body: "bad\u0000reply" }, { status: 200, body: "\u0000ok\u0000" });
    const eventId = await emit();
    const w = worker();
    await w.runOnce();
    const failed = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId } });
    expect(failed).toMatchObject({ status: "pending", attemptCount: 1, lockedBy: null });
    expect(failed.nextAttemptAt!.getTime() - clockNow()).toBeGreaterThanOrEqual(3_000);
    await w.runOnce(); // backing off: not sent again at once
    expect(receiver.requests).toHaveLength(1);
    offset += 7_000;
    await w.runOnce();
    offset += 2 * 60_000; // well past any lease: nothing is left to send
    await w.runOnce();
    expect(receiver.requests).toHaveLength(2);
    const delivered = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId }, include: { attempts: { orderBy: { attemptNumber: "asc" } } } });
    expect(delivered).toMatchObject({ status: "succeeded", attemptCount: 2 });
    expect(delivered.attempts.map((a) => [a.statusCode, a.error, a.responseExcerpt])).toEqual([
      [500, null, "badreply"],
      [200, null, "ok"],
    ]);
  });

  it("counts a signing secret it cannot decrypt as a failed attempt, retried with backoff and logged", async () => {
    await register();
    const eventId = await emit();
    const logged: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    // A worker started with another ENCRYPTION_KEY than the one that stored the secret.
    const w = worker({ encryptionKey: randomBytes(32), logger });
    await w.runOnce();
    await w.runOnce(); // not a tight loop: the next attempt waits for the backoff
    expect(receiver.requests).toHaveLength(0);
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lockedBy: null });
    expect(delivery.nextAttemptAt!.getTime() - clockNow()).toBeGreaterThanOrEqual(3_000);
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ attemptNumber: 1, statusCode: null, error: expect.stringMatching(/^could not prepare the request: .*authenticate/) }),
    ]);
    expect(logged).toContainEqual(
      expect.objectContaining({ msg: expect.stringMatching(/could not prepare/), delivery: delivery.id, err: expect.objectContaining({ message: expect.stringMatching(/authenticate/) }) }),
    );
  });

  it("counts an attempt it cannot record as a failed attempt, retried with backoff and logged", async () => {
    await register();
    const eventId = await emit();
    const logged: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    // An answer the database refuses to store (a status code beyond its integer column).
    const send: typeof postWebhook = async () => ({ statusCode: 2 ** 40, error: null, responseExcerpt: "ok", retryAfter: null, durationMs: 3 });
    const w = worker({ logger, send });
    await w.runOnce();
    await w.runOnce(); // not a tight loop: the next attempt waits for the backoff
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lockedBy: null });
    expect(delivery.nextAttemptAt!.getTime() - clockNow()).toBeGreaterThanOrEqual(3_000);
    expect(delivery.attempts).toEqual([
      expect.objectContaining({ statusCode: null, responseExcerpt: null, error: expect.stringMatching(/^could not record the attempt \(answered 1099511627776\): /) }),
    ]);
    expect(logged).toContainEqual(expect.objectContaining({ msg: expect.stringMatching(/could not record/), delivery: delivery.id, err: expect.anything() }));
  });

  it("renews a claim just before each send: a batch that outlasts its first lease is not sent twice", async () => {
    await register();
    receiver.answers.push({ status: 200, delayMs: 300 }, { status: 200, delayMs: 300 });
    const events = [await emit(), await emit()];
    // One lane: the second delivery waits for the first, as a full batch's last round does.
    const busy = worker({ workerId: "busy", concurrency: 1, batchSize: 2 });
    const inFlight = busy.runOnce();
    await receiver.waitFor(1);
    offset += leaseFor(2_000) - 1_000; // the first send took almost all of the lease taken at claim time
    await receiver.waitFor(2);
    offset += 2_000; // the second is being sent past that lease: only its renewal holds it
    await worker({ workerId: "rescuer" }).runOnce();
    await inFlight;
    expect(receiver.requests).toHaveLength(2);
    const deliveries = await prisma().webhookDelivery.findMany({ where: { eventId: { in: events } }, include: { attempts: true } });
    expect(deliveries.map((d) => [d.status, d.attemptCount, d.attempts.length])).toEqual([
      ["succeeded", 1, 1],
      ["succeeded", 1, 1],
    ]);
  });

  it("stops after the sends in flight, and hands the rest of its batch back to other workers at once", async () => {
    await register();
    receiver.answers.push({ status: 200, delayMs: 500 }, { status: 200, delayMs: 500 }, { status: 200, delayMs: 500 });
    const events = [await emit(), await emit(), await emit()];
    const stopping = worker({ workerId: "stopping", concurrency: 1, batchSize: 3 });
    await stopping.start();
    await receiver.waitFor(1);
    await stopping.stop();
    expect(receiver.requests).toHaveLength(1); // the send in flight, and no other
    const taken = await worker({ workerId: "other" }).runOnce(); // same clock: no lease has run out
    expect(taken).toBe(2);
    await receiver.waitFor(3);
    const deliveries = await prisma().webhookDelivery.findMany({ where: { eventId: { in: events } }, include: { attempts: true } });
    expect(deliveries.map((d) => [d.status, d.attempts.length])).toEqual([
      ["succeeded", 1],
      ["succeeded", 1],
      ["succeeded", 1],
    ]);
  });

  it("lets only the holder of a claim record its outcome; an expired claim is sent again by another worker", async () => {
    await register();
    receiver.answers.push({ status: 200, delayMs: 600 });
    const eventId = await emit();
    const slow = worker({ workerId: "slow" });
    const inFlight = slow.runOnce();
    await receiver.waitFor(1);
    await worker({ workerId: "rescuer" }).runOnce();
    expect(receiver.requests).toHaveLength(1); // a live claim is not taken
    offset += leaseFor(2_000) + 1_000; // the slow worker stalled past its lease (a paused machine)
    await worker({ workerId: "rescuer" }).runOnce();
    await inFlight;
    const requests = await receiver.waitFor(2);
    expect(requests.map((r) => JSON.parse(r.body).event_id)).toEqual([eventId, eventId]);
    const delivery = await prisma().webhookDelivery.findFirstOrThrow({ where: { eventId }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(delivery.attempts).toHaveLength(2); // both attempts are in the log
  });
});
