// The delivery worker. Runs inside the app on the embedded database, and as its own process
// (`npm run worker`, as many replicas as you like) on PostgreSQL.
//
// Claiming: a worker takes due deliveries with UPDATE ... FOR UPDATE SKIP LOCKED and stamps a
// lease (locked_until, locked_by): no two workers send the same attempt. A batch's deliveries
// wait their turn in the worker's lanes, so the lease is renewed just before each send (and the
// send skipped if another worker has taken the delivery meanwhile); a renewed lease outlasts the
// send's hard timeout by LEASE_MARGIN_MS, so while the worker is alive no other worker can take a
// delivery it is sending. Outcomes are recorded only while the worker still holds the claim
// (locked_by = me): a worker that died, or stalled past its lease, records nothing and another
// sends the delivery again — the same event_id, so receivers can deduplicate (at-least-once).
// Anything unexpected while preparing or recording an attempt (a secret that cannot be
// decrypted, an answer the database refuses) counts as a failed attempt on the normal backoff,
// so a delivery never loops without one. Wake-ups come from pg_notify at commit (emitEvent), with
// polling as backstop. Stopping waits only for the sends in flight (one per lane, each bounded by
// the timeout) and hands the rest of the batch back at once.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import type { PrismaClient, WebhookEndpoint, WebhookEvent } from "../db/generated/client.ts";
import { forAgency, type TenantTx } from "../db/tenant";
import { newId } from "../ids";
import { decrypt } from "../security/encryption";
import type { GuardOptions } from "./address-guard";
import { emitEvent } from "./emit";
import { WEBHOOK_WORKER_ACTOR } from "./actor";
import { DISABLE_AFTER_FAILING_MS, nextAttemptAt, parseRetryAfter } from "./retry";
import { postWebhook, storableText, type AttemptResult } from "./send";
import { buildEnvelope, signedRequest } from "./signing";

/** How long a renewed claim outlasts the send's timeout: room for recording the outcome. */
export const LEASE_MARGIN_MS = 45_000;
export const DEFAULT_TIMEOUT_MS = 15_000;

/** The lease that covers one send with this timeout, and the database work after it. */
export const leaseFor = (timeoutMs: number) => timeoutMs + LEASE_MARGIN_MS;

export interface WorkerOptions {
  prisma: PrismaClient;
  encryptionKey: Buffer;
  guard: GuardOptions;
  logger: Logger;
  /** Subscribes to commit-time notifications; returns the unsubscribe function. */
  listen?: (onNotify: () => void) => Promise<() => Promise<void>>;
  workerId?: string;
  /** A delivery answered 2xx within this is a success (15 s). */
  timeoutMs?: number;
  batchSize?: number;
  /** Deliveries in flight at once per worker. */
  concurrency?: number;
  pollIntervalMs?: number;
  /**
   * How long a claim lasts from the claim and from each renewal just before a send. Default
   * leaseFor(timeoutMs); it must exceed timeoutMs, or another worker could take a delivery
   * this one is still sending.
   */
  leaseMs?: number;
  now?: () => Date;
  /** Makes one HTTP attempt (tests substitute one). */
  send?: typeof postWebhook;
}

interface Endpoint {
  id: string;
  url: string;
  failingSince: Date | null;
}

interface Claim {
  id: string;
  agencyId: string;
  eventId: string;
  endpointId: string;
  attemptCount: number;
}

export class WebhookWorker {
  readonly id: string;
  /** Attempts this worker has made (for logs and tests). */
  attempts = 0;
  private readonly options: Required<Omit<WorkerOptions, "listen" | "workerId">> & Pick<WorkerOptions, "listen">;
  private running = false;
  /** Set by stop(): lanes finish the send in hand and take no more. */
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A notification came while a batch was being claimed or sent: go again instead of sleeping. */
  private notified = false;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(options: WorkerOptions) {
    this.id = options.workerId ?? `worker-${process.pid}-${randomBytes(3).toString("hex")}`;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.options = {
      batchSize: 20,
      concurrency: 8,
      pollIntervalMs: 1_000,
      leaseMs: leaseFor(timeoutMs),
      now: () => new Date(),
      send: postWebhook,
      ...options,
      timeoutMs,
    };
    if (this.options.leaseMs <= timeoutMs) {
      throw new Error(`leaseMs (${this.options.leaseMs}) must exceed timeoutMs (${timeoutMs}): a claim must outlast the send it covers`);
    }
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    if (this.options.listen) {
      try {
        this.unlisten = await this.options.listen(() => {
          this.notified = true;
          this.wake?.();
        });
      } catch (error) {
        this.options.logger.warn({ err: error }, "webhook worker: no notifications, polling only");
      }
    }
    this.loop = this.run();
    this.options.logger.info({ worker: this.id }, "webhook worker started");
  }

  /**
   * Stops claiming, waits for the sends in flight (at most one per lane, each bounded by
   * timeoutMs) and releases the rest of the batch for other workers at once.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.unlisten?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      let failed = false;
      this.notified = false;
      try {
        claimed = await this.runOnce();
      } catch (error) {
        failed = true;
        this.options.logger.error({ err: error, worker: this.id }, "webhook worker: batch failed");
      }
      // A full batch means more may be due, and a notification during the batch means a new
      // delivery it may have missed: go again at once. Otherwise (or after an error) sleep until
      // notified or the next poll.
      if (this.running && (failed || (claimed < this.options.batchSize && !this.notified))) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollIntervalMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
      }
    }
  }

  /**
   * Claims one batch of due deliveries and sends them; returns how many it claimed. Once the
   * worker is stopping, the deliveries not yet started are handed back instead of sent.
   */
  async runOnce(): Promise<number> {
    const claims = await this.claim();
    const queue = [...claims];
    const lanes = Array.from({ length: Math.min(this.options.concurrency, queue.length) }, async () => {
      const next = () => (this.stopping ? undefined : queue.shift());
      for (let claim = next(); claim; claim = next()) {
        try {
          await this.deliver(claim);
        } catch (error) {
          this.options.logger.error({ err: error, delivery: claim.id }, "webhook worker: delivery failed unexpectedly");
        }
      }
    });
    await Promise.all(lanes);
    if (queue.length > 0) await this.release(queue);
    return claims.length;
  }

  /** Hands back claims this worker will not send, so that another worker takes them now, not when the lease ends. */
  private async release(claims: Claim[]): Promise<void> {
    try {
      await this.options.prisma.webhookDelivery.updateMany({
        where: { id: { in: claims.map((claim) => claim.id) }, lockedBy: this.id },
        data: { lockedUntil: null, lockedBy: null },
      });
    } catch (error) {
      // Their leases run out on their own: another worker takes them then.
      this.options.logger.warn({ err: error, worker: this.id, deliveries: claims.length }, "webhook worker: could not release unsent deliveries");
    }
  }

  private claim(): Promise<Claim[]> {
    const now = this.options.now();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    return this.options.prisma.$queryRaw<Claim[]>`
      UPDATE webhook_deliveries AS d SET locked_until = ${leaseUntil}, locked_by = ${this.id}
      FROM (
        SELECT id FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY next_attempt_at
        LIMIT ${this.options.batchSize}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE d.id = due.id
      RETURNING d.id, d.agency_id AS "agencyId", d.event_id AS "eventId", d.endpoint_id AS "endpointId", d.attempt_count AS "attemptCount"`;
  }

  private async deliver(claim: Claim): Promise<void> {
    const startedAt = this.options.now();
    let endpoint: WebhookEndpoint | null = null;
    let request: { body: string; headers: Record<string, string> };
    try {
      const loaded = await this.load(claim, startedAt);
      if (!loaded) return;
      endpoint = loaded.endpoint;
      request = this.sign(loaded.event, loaded.endpoint, startedAt);
    } catch (error) {
      this.options.logger.error(
        { err: error, worker: this.id, delivery: claim.id, endpoint: claim.endpointId },
        "webhook worker: could not prepare a delivery; counted as a failed attempt",
      );
      await this.recordOutcome(claim, endpoint, startedAt, failure(`could not prepare the request: ${messageOf(error)}`, 0));
      return;
    }
    if (!(await this.renewClaim(claim))) return;
    const result = await this.options.send(endpoint.url, request.body, request.headers, { timeoutMs: this.options.timeoutMs, guard: this.options.guard });
    this.attempts++;
    await this.recordOutcome(claim, endpoint, startedAt, result);
  }

  /** The claim's event and endpoint; null (and the delivery given up) if either is gone or the endpoint is disabled. */
  private async load(claim: Claim, startedAt: Date): Promise<{ event: WebhookEvent; endpoint: WebhookEndpoint } | null> {
    const { prisma } = this.options;
    const [event, endpoint] = await Promise.all([
      prisma.webhookEvent.findUnique({ where: { id: claim.eventId } }),
      prisma.webhookEndpoint.findUnique({ where: { id: claim.endpointId } }),
    ]);
    if (event && endpoint?.enabled) return { event, endpoint };
    await prisma.webhookDelivery.updateMany({
      where: { id: claim.id, lockedBy: this.id, status: "pending" },
      data: { status: "failed", completedAt: startedAt, nextAttemptAt: null, lockedUntil: null },
    });
    return null;
  }

  /** The attempt's body and headers, signed with the endpoint's current secret(s). */
  private sign(event: WebhookEvent, endpoint: WebhookEndpoint, startedAt: Date) {
    const { encryptionKey } = this.options;
    const secrets = [decrypt(endpoint.secretCiphertext, encryptionKey)];
    if (endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > startedAt) {
      secrets.push(decrypt(endpoint.previousSecretCiphertext, encryptionKey));
    }
    return signedRequest(buildEnvelope(event, startedAt), secrets, { test: event.test });
  }

  /** Extends this worker's claim to a full lease from now; false if it no longer holds it. */
  private async renewClaim(claim: Claim): Promise<boolean> {
    const lockedUntil = new Date(this.options.now().getTime() + this.options.leaseMs);
    const { count } = await this.options.prisma.webhookDelivery.updateMany({
      where: { id: claim.id, lockedBy: this.id, status: "pending" },
      data: { lockedUntil },
    });
    return count === 1;
  }

  /**
   * Records an attempt and schedules what follows. If that fails (whatever the reason), the
   * attempt is recorded again as a failure without the receiver's answer, so that the delivery
   * backs off instead of being claimed and sent again as soon as its lease runs out.
   */
  private async recordOutcome(claim: Claim, endpoint: Endpoint | null, startedAt: Date, result: AttemptResult): Promise<void> {
    const record = (outcome: AttemptResult) =>
      forAgency(this.options.prisma, claim.agencyId).$transaction((tx) => this.record(tx, claim, endpoint, startedAt, outcome));
    try {
      await record(result);
    } catch (error) {
      // Its endpoint was deleted while we were sending (the deliveries go with it): there is
      // nothing left to record, and nothing to retry.
      const gone = await this.options.prisma.webhookDelivery.count({ where: { id: claim.id } }).then((count) => count === 0, () => false);
      if (gone) {
        this.options.logger.info({ worker: this.id, delivery: claim.id, endpoint: claim.endpointId }, "webhook worker: the delivery was deleted with its endpoint while sending; nothing to record");
        return;
      }
      this.options.logger.error(
        { err: error, worker: this.id, delivery: claim.id, endpoint: claim.endpointId, statusCode: result.statusCode },
        "webhook worker: could not record an attempt; counted as a failed attempt",
      );
      const answered = result.statusCode === null ? "" : ` (answered ${result.statusCode})`;
      await record(failure(`could not record the attempt${answered}: ${messageOf(error)}`, result.durationMs));
    }
  }

  private async record(
    tx: TenantTx,
    claim: Claim,
    endpoint: Endpoint | null,
    startedAt: Date,
    result: AttemptResult,
  ): Promise<void> {
    const now = this.options.now();
    const attemptNumber = claim.attemptCount + 1;
    await tx.webhookAttempt.create({
      data: {
        id: newId("webhookAttempt"),
        agencyId: claim.agencyId,
        deliveryId: claim.id,
        attemptNumber,
        startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error: result.error,
        responseExcerpt: result.responseExcerpt,
      },
    });
    const succeeded = result.error === null && result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    const retryAfterMs =
      result.statusCode === 429 || result.statusCode === 503 ? parseRetryAfter(result.retryAfter, now) : undefined;
    const next = succeeded || gone ? null : nextAttemptAt(attemptNumber, now, { retryAfterMs });
    const finished = succeeded || next === null;
    // Only the holder of the claim records the outcome; a worker whose lease ran out does not.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: claim.id, lockedBy: this.id, status: "pending" },
      data: {
        attemptCount: attemptNumber,
        status: succeeded ? "succeeded" : finished ? "failed" : "pending",
        nextAttemptAt: next,
        completedAt: finished ? now : null,
        lockedUntil: null,
        lockedBy: null,
      },
    });
    if (count === 0) {
      // Given up while this attempt was in flight (its endpoint was disabled): the claim is of no
      // more use, and letting go of it now means a redelivery need not wait for the lease to end.
      await tx.webhookDelivery.updateMany({ where: { id: claim.id, lockedBy: this.id }, data: { lockedUntil: null, lockedBy: null } });
      return;
    }
    // Without the endpoint (it could not be loaded) its health is left as it was.
    if (!endpoint) return;
    if (succeeded) {
      await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } });
      return;
    }
    if (gone) {
      await disableEndpoint(tx, claim.agencyId, endpoint, "gone", now);
      return;
    }
    const failingSince = endpoint.failingSince ?? now;
    if (!endpoint.failingSince) {
      await tx.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: null }, data: { failingSince: now } });
    }
    if (now.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS) {
      await disableEndpoint(tx, claim.agencyId, { ...endpoint, failingSince }, "failing", now);
    }
  }
}

/** A failed attempt that got no answer. */
function failure(error: string, durationMs: number): AttemptResult {
  return { statusCode: null, error: storableText(error), responseExcerpt: null, retryAfter: null, durationMs };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** Disables an endpoint, gives up its pending deliveries, and tells the agency's other endpoints. */
export async function disableEndpoint(
  tx: TenantTx,
  agencyId: string,
  endpoint: Endpoint,
  reason: "gone" | "failing",
  now: Date,
): Promise<void> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id: endpoint.id, enabled: true },
    data: { enabled: false, disabledReason: reason, disabledAt: now },
  });
  if (count === 0) return;
  await giveUpPendingDeliveries(tx, endpoint.id, now);
  await emitEvent(tx, { agencyId, actor: WEBHOOK_WORKER_ACTOR }, "webhook_endpoint.disabled", {
    endpoint_id: endpoint.id,
    url: endpoint.url,
    reason,
    disabled_at: now.toISOString(),
    failing_since: endpoint.failingSince?.toISOString() ?? null,
  });
}

/**
 * Gives up an endpoint's queued deliveries (shown as failed in its log): a disabled endpoint is
 * sent nothing, then or after it is re-enabled. Call it in the transaction that disables it. A
 * delivery being sent at this moment keeps its claim: its attempt is still logged by the worker
 * sending it, and no other worker can take it until that send is over, even if it is redelivered.
 */
export async function giveUpPendingDeliveries(tx: TenantTx, endpointId: string, now: Date): Promise<void> {
  await tx.webhookDelivery.updateMany({
    where: { endpointId, status: "pending" },
    data: { status: "failed", completedAt: now, nextAttemptAt: null },
  });
}
