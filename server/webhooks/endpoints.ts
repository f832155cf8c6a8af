// Webhook endpoints: registration (URL checked by the SSRF guard, secret shown once), changes,
// secret rotation (the old secret keeps signing for 24 hours), the delivery log, test events and
// redelivery.
import { enforceEndpointLimit } from "./endpoint-limits";
import type { AgencyScope, TenantTx } from "../db/tenant";
import { AppError, notFound } from "../errors";
import { loadEnv, type Env } from "../env";
import { newId } from "../ids";
import { encrypt, encryptionKey } from "../security/encryption";
import { paginate, type Page, type PageRequest } from "../pagination/cursor";
import type { CreateEndpointInput, DeliveryDto, EndpointDto, UpdateEndpointInput } from "../api/routers/webhooks/schemas";
import { BlockedAddressError, checkResolvedHost, checkWebhookUrl, type GuardOptions } from "./address-guard";
import { EVENT_CATALOG, isEventType, type EventType } from "./catalog";
import { WEBHOOK_CHANNEL, emitEvent } from "./emit";
import { generateWebhookSecret } from "./secrets";
import { giveUpPendingDeliveries } from "./worker";

export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
/** An agency's endpoints are few; a cap keeps one agency from fanning every event out a thousand times. */
export const MAX_ENDPOINTS_PER_AGENCY = 20;

export interface WebhookSettings {
  encryptionKey: Buffer;
  guard: GuardOptions;
}

/** This process's webhook settings: its encryption key and the SSRF guard's options. */
export function webhookSettings(env: Env = loadEnv()): WebhookSettings {
  return { encryptionKey: encryptionKey(env), guard: { allowLoopback: env.WEBHOOKS_ALLOW_LOOPBACK } };
}

const notFoundError = (id: string) => notFound("webhook_endpoint", id);

async function checkUrl(raw: string, guard: GuardOptions): Promise<string> {
  try {
    const url = checkWebhookUrl(raw, guard);
    await checkResolvedHost(url.hostname, guard);
    return url.toString();
  } catch (error) {
    const message = error instanceof BlockedAddressError ? error.message : "could not be resolved";
    throw new AppError("validation_failed", `url: ${message}`, [{ field: "url", message }]);
  }
}

type EndpointRow = {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export function toEndpointDto(row: EndpointRow, now = new Date()): EndpointDto {
  return {
    endpoint_id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.eventTypes,
    enabled: row.enabled,
    disabled_reason: (row.disabledReason as EndpointDto["disabled_reason"]) ?? null,
    disabled_at: row.disabledAt?.toISOString() ?? null,
    failing_since: row.failingSince?.toISOString() ?? null,
    secret_rotation_ends_at: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function createEndpoint({ db, agencyId }: AgencyScope, input: CreateEndpointInput, settings: WebhookSettings) {
  const url = await checkUrl(input.url, settings.guard);
  const secret = generateWebhookSecret();
  const row = await db.$transaction(async (tx) => {
    // One registration at a time per agency, or concurrent ones would all count below the cap
    // (READ COMMITTED) and all insert. NO KEY UPDATE: rows that merely reference the agency (its
    // foreign keys take KEY SHARE) are not held up.
    await tx.$queryRaw`SELECT id FROM agencies WHERE id = ${agencyId} FOR NO KEY UPDATE`;
    if ((await tx.webhookEndpoint.count()) >= MAX_ENDPOINTS_PER_AGENCY) {
      throw new AppError("validation_failed", `An agency may have at most ${MAX_ENDPOINTS_PER_AGENCY} webhook endpoints; delete one first.`);
    }
    return tx.webhookEndpoint.create({
      data: {
        id: newId("webhookEndpoint"),
        agencyId,
        url,
        description: input.description ?? null,
        eventTypes: [...new Set(input.event_types)],
        secretCiphertext: encrypt(secret, settings.encryptionKey),
      },
    });
  });
  return { ...toEndpointDto(row), secret };
}

async function findEndpoint({ db }: AgencyScope, id: string) {
  const row = await db.webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw notFoundError(id);
  return row;
}

/**
 * Locks this agency's endpoint for the rest of the transaction and reads it, or throws not_found.
 * Without the lock a concurrent DELETE can remove the row between the check and the write, and
 * the write fails inside Prisma (P2025, or P2003 for a delivery referencing it): a 500 where the
 * client should see 404. Under READ COMMITTED a FOR UPDATE that waited on a delete sees no row.
 */
async function lockEndpoint(tx: TenantTx, agencyId: string, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM webhook_endpoints WHERE id = ${id} AND agency_id = ${agencyId} FOR UPDATE`;
  const row = locked.length === 0 ? null : await tx.webhookEndpoint.findUnique({ where: { id } });
  if (!row) throw notFoundError(id);
  return row;
}

export async function getEndpoint(scope: AgencyScope, id: string): Promise<EndpointDto> {
  return toEndpointDto(await findEndpoint(scope, id));
}

export function listEndpoints({ db }: AgencyScope, page: PageRequest): Promise<Page<EndpointDto>> {
  const now = new Date();
  return paginate(
    page,
    "asc",
    (after, take) => db.webhookEndpoint.findMany({ where: after, orderBy: { id: "asc" }, take }),
    () => db.webhookEndpoint.count(),
    (row) => toEndpointDto(row, now),
  );
}

export async function updateEndpoint(scope: AgencyScope, input: UpdateEndpointInput, settings: WebhookSettings): Promise<EndpointDto> {
  const url = input.url === undefined ? undefined : await checkUrl(input.url, settings.guard);
  return scope.db.$transaction(async (tx) => {
    const current = await lockEndpoint(tx, scope.agencyId, input.endpoint_id);
    const enabling = input.enabled === true && !current.enabled;
    const disabling = input.enabled === false && current.enabled;
    const now = new Date();
    const row = await tx.webhookEndpoint.update({
      where: { id: current.id },
      data: {
        ...(url !== undefined ? { url } : {}),
        ...(input.event_types ? { eventTypes: [...new Set(input.event_types)] } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        // Re-enabling starts afresh: what was given up stays given up (redeliver recovers one).
        ...(enabling ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
        ...(disabling ? { enabled: false, disabledReason: "disabled_by_user", disabledAt: now } : {}),
      },
    });
    // As when Valara disables it: what is queued is given up now, not when a worker next looks,
    // or re-enabling before a retry is due would send it after all.
    if (disabling) await giveUpPendingDeliveries(tx, current.id, now);
    return toEndpointDto(row, now);
  });
}

export async function deleteEndpoint(scope: AgencyScope, id: string): Promise<EndpointDto> {
  return scope.db.$transaction(async (tx) => {
    const row = await lockEndpoint(tx, scope.agencyId, id);
    await tx.webhookEndpoint.delete({ where: { id } });
    return toEndpointDto(row);
  });
}

export async function rotateSecret(scope: AgencyScope, id: string, settings: WebhookSettings, now = new Date()) {
  const secret = generateWebhookSecret();
  const row = await scope.db.$transaction(async (tx) => {
    const current = await lockEndpoint(tx, scope.agencyId, id);
    return tx.webhookEndpoint.update({
      where: { id },
      data: {
        secretCiphertext: encrypt(secret, settings.encryptionKey),
        previousSecretCiphertext: current.secretCiphertext,
        previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      },
    });
  });
  return { ...toEndpointDto(row, now), secret };
}

export async function listDeliveries(scope: AgencyScope, endpointId: string, page: PageRequest): Promise<Page<DeliveryDto>> {
  await findEndpoint(scope, endpointId);
  const { db } = scope;
  return paginate(
    page,
    "desc",
    (after, take) =>
      db.webhookDelivery.findMany({
        where: { endpointId, ...after },
        orderBy: { id: "desc" },
        take,
        include: { event: { select: { type: true, test: true } }, attempts: { orderBy: [{ attemptNumber: "asc" }, { startedAt: "asc" }] } },
      }),
    () => db.webhookDelivery.count({ where: { endpointId } }),
    (row) => ({
      delivery_id: row.id,
      event_id: row.eventId,
      event_type: row.event.type,
      test: row.event.test,
      status: row.status,
      attempt_count: row.attemptCount,
      next_attempt_at: row.nextAttemptAt?.toISOString() ?? null,
      created_at: row.createdAt.toISOString(),
      completed_at: row.completedAt?.toISOString() ?? null,
      attempts: row.attempts.map((a) => ({
        attempt_number: a.attemptNumber,
        started_at: a.startedAt.toISOString(),
        duration_ms: a.durationMs,
        status_code: a.statusCode,
        error: a.error,
        response_excerpt: a.responseExcerpt,
      })),
    }),
  );
}

/**
 * Sends one event type's catalog example to this endpoint only, through the normal pipeline,
 * marked as a test (X-Valara-Test: true on the wire, `test` in the delivery log).
 */
export async function sendTestEvent({ db, agencyId, actor }: AgencyScope, endpointId: string, requested?: EventType) {
  return db.$transaction(async (tx) => {
    const endpoint = await lockEndpoint(tx, agencyId, endpointId);
    if (!endpoint.enabled) throw new AppError("lifecycle_violation", "This endpoint is disabled; enable it before sending a test event.");
    await enforceEndpointLimit(endpointId, "test_webhook");
    const type = requested ?? endpoint.eventTypes.find(isEventType) ?? "listing.created";
    const eventId = await emitEvent(tx, { agencyId, actor }, type, EVENT_CATALOG[type].example, { endpointId, test: true });
    const delivery = await tx.webhookDelivery.findFirstOrThrow({ where: { eventId }, select: { id: true } });
    return { delivery_id: delivery.id, event_id: eventId, status: "pending" as const };
  });
}

/**
 * Queues a delivery again (whatever its state), due now; its attempts so far stay in the log. A
 * delivery being sent right now keeps its claim (lease): no other worker may take it until that
 * send is over, and its sender records the outcome as usual (a failure is retried on the normal
 * backoff).
 */
export async function redeliver({ db, agencyId }: AgencyScope, deliveryId: string) {
  return db.$transaction(async (tx) => {
    // Locked like an endpoint (see lockEndpoint): a delete of its endpoint cascades to it.
    await tx.$queryRaw`SELECT id FROM webhook_deliveries WHERE id = ${deliveryId} AND agency_id = ${agencyId} FOR UPDATE`;
    const delivery = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: { select: { enabled: true } } } });
    if (!delivery) throw notFound("webhook_delivery", deliveryId);
    if (!delivery.endpoint.enabled) throw new AppError("lifecycle_violation", "This delivery's endpoint is disabled; enable it before redelivering.");
    await enforceEndpointLimit(delivery.endpointId, "redeliver_webhook");
    await tx.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "pending", nextAttemptAt: new Date(), completedAt: null },
    });
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${agencyId})`;
    return { delivery_id: deliveryId, event_id: delivery.eventId, status: "pending" as const };
  });
}
