// Idempotency for POST and PATCH on /api/v1 (and the dashboard's mutations), keyed on
// (agency, X-Idempotency-Key), for 24 hours.
//
// Exactly once: the request runs inside one transaction (server/db/request-transaction.ts) that
// also writes its stored answer, so the change and its record commit together or not at all. A
// retry after a crash, a lost connection or a 5xx either replays the stored answer (the change
// committed) or runs afresh (nothing did). The same key on a different request is a conflict; a
// retry while the first is still running is told so (409), thanks to a transaction-scoped
// advisory lock on the key, instead of running twice. Answers of 5xx and 429 are not kept: they
// changed nothing, and the retry runs. Every stored answer is encrypted (some carry a secret shown
// once: an API key, a signing secret, an upload ticket).
import { createHash } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import { AppError } from "../errors";
import { withRequestTransaction, type BaseTx } from "../db/request-transaction";
import { POOL_TIMEOUTS } from "../db/pg-pool";
import { decrypt, encrypt, encryptionKey } from "../security/encryption";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
export const CLAIM_TIMEOUT_MS = 2 * 60 * 1000;
export const MAX_KEY_LENGTH = 255;

export interface StoredResponse {
  status: number;
  body: string;
}

/** JSON with object keys sorted, so that key order does not make two equal bodies differ. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What makes two requests "the same": method, path and body (canonical JSON). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`).digest("hex");
}

export function validateIdempotencyKey(raw: string | string[] | undefined): string {
  const key = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!key) {
    throw new AppError(
      "idempotency_key_required",
      "POST and PATCH requests need an X-Idempotency-Key header (any unique string, e.g. a UUID v4).",
    );
  }
  if (key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError("validation_failed", `X-Idempotency-Key: must be 1-${MAX_KEY_LENGTH} printable ASCII characters.`, [
      { field: "X-Idempotency-Key", message: `must be 1-${MAX_KEY_LENGTH} printable ASCII characters` },
    ]);
  }
  return key;
}

export type IdempotentOutcome = StoredResponse & { replayed: boolean };

/** How a stored body is sealed (encrypted at rest; see sealedWithProcessKey). */
export interface BodySeal {
  seal(body: string): string;
  open(stored: string): string;
}

/**
 * Encrypted with the process's key. Bodies stored in plain text by earlier versions (JSON, never
 * starting like a sealed value) are still read back until they expire.
 */
export function sealedWithProcessKey(key: Buffer = encryptionKey()): BodySeal {
  return { seal: (body) => encrypt(body, key), open: (stored) => (stored.startsWith("v1.") ? decrypt(stored, key) : stored) };
}

export interface IdempotencyClaim {
  agencyId: string;
  key: string;
  fingerprint: string;
  /** The upload ticket making the request, recorded with the key (see uploadTicketMayReplay). */
  uploadTicketId?: string | null;
}

export interface IdempotencyOptions {
  now?: () => Date;
  seal?: BodySeal;
  /** How long the request may hold its transaction (uploads move files while committing). */
  transactionTimeoutMs?: number;
}

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 60_000;
// Past the pool's own acquire timeout, so that a full pool is reported by the pool (503), once.
const START_TRANSACTION_WAIT_MS = POOL_TIMEOUTS.acquireMs + 1_000;

/** Thrown out of the transaction to roll it back while still answering `response`. */
class Discarded {
  constructor(readonly response: StoredResponse) {}
}

export async function runIdempotently(
  prisma: PrismaClient,
  claim: IdempotencyClaim,
  execute: () => Promise<StoredResponse>,
  options: IdempotencyOptions = {},
): Promise<IdempotentOutcome> {
  const { agencyId, key, fingerprint } = claim;
  const seal = options.seal ?? sealedWithProcessKey();
  const at = (options.now ?? (() => new Date()))();
  try {
    return await withRequestTransaction(
      prisma,
      async (tx) => {
        // One request per key at a time, across processes; released when the transaction ends.
        // The second lock names the request too, so that while the key is busy a different
        // request under it is told it conflicts and the same request that it is in use.
        const [lock] = await tx.$queryRaw<{ key: boolean; request: boolean }[]>`
          SELECT pg_try_advisory_xact_lock(hashtextextended(${`${agencyId}:${key}`}, 0)) AS key,
                 pg_try_advisory_xact_lock(hashtextextended(${`${agencyId}:${key}:${fingerprint}`}, 0)) AS request`;
        if (!lock?.key) throw lock?.request ? keyConflict() : keyInUse();
        const existing = await tx.idempotencyKey.findUnique({ where: { agencyId_key: { agencyId, key } } });
        if (existing && existing.expiresAt > at && !claimAbandoned(existing, at)) {
          if (existing.fingerprint !== fingerprint) throw keyConflict();
          if (existing.state !== "completed" || existing.responseStatus === null || existing.responseBody === null) throw keyInUse();
          return { status: existing.responseStatus, body: seal.open(existing.responseBody), replayed: true };
        }
        // A refused request leaves nothing behind, even what it wrote before failing.
        await tx.$executeRawUnsafe("SAVEPOINT idempotent_request");
        const response = await execute();
        await tx.$executeRawUnsafe(response.status >= 400 ? "ROLLBACK TO SAVEPOINT idempotent_request" : "RELEASE SAVEPOINT idempotent_request");
        // A failure, or a refusal for being too fast: nothing was done, the key stays free for a retry.
        if (response.status >= 500 || response.status === 429) throw new Discarded(response);
        await store(tx, claim, at, response, seal);
        return { ...response, replayed: false };
      },
      { timeoutMs: options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS, maxWaitMs: START_TRANSACTION_WAIT_MS },
    );
  } catch (error) {
    if (error instanceof Discarded) return { ...error.response, replayed: false };
    throw error;
  }
}

function keyConflict(): AppError {
  return new AppError(
    "idempotency_key_conflict",
    "This idempotency key was already used with a different request (method, path or body); use a new key for a new request.",
  );
}

function keyInUse(): AppError {
  return new AppError("idempotency_key_in_use", "A request with this idempotency key is still being processed; retry shortly.", undefined, {
    "Retry-After": "1",
  });
}

/** A claim left in_progress by an earlier version whose process died: taken over after CLAIM_TIMEOUT_MS. */
function claimAbandoned(row: { state: string; lockedAt: Date }, at: Date): boolean {
  return row.state === "in_progress" && row.lockedAt.getTime() <= at.getTime() - CLAIM_TIMEOUT_MS;
}

async function store(tx: BaseTx, claim: IdempotencyClaim, at: Date, response: StoredResponse, seal: BodySeal): Promise<void> {
  const body = seal.seal(response.body);
  const expiresAt = new Date(at.getTime() + IDEMPOTENCY_TTL_MS);
  const uploadTicketId = claim.uploadTicketId ?? null;
  await tx.$executeRaw`
    INSERT INTO idempotency_keys (agency_id, key, fingerprint, state, upload_ticket_id, response_status, response_body, created_at, locked_at, expires_at)
    VALUES (${claim.agencyId}, ${claim.key}, ${claim.fingerprint}, 'completed', ${uploadTicketId}, ${response.status}, ${body}, ${at}, ${at}, ${expiresAt})
    ON CONFLICT (agency_id, key) DO UPDATE
      SET fingerprint = EXCLUDED.fingerprint, state = 'completed', upload_ticket_id = EXCLUDED.upload_ticket_id,
          response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,
          created_at = EXCLUDED.created_at, locked_at = EXCLUDED.locked_at, expires_at = EXCLUDED.expires_at`;
}

/**
 * Whether a used upload ticket may present this key: only to replay the response its own upload
 * stored under it (an uploader retrying after a lost answer). Any other key, even one of the
 * agency's completed ones, is not the ticket's to use.
 */
export async function uploadTicketMayReplay(prisma: PrismaClient, claim: { agencyId: string; key: string; uploadTicketId: string }, now = new Date()): Promise<boolean> {
  const stored = await prisma.idempotencyKey.count({
    where: { agencyId: claim.agencyId, key: claim.key, uploadTicketId: claim.uploadTicketId, state: "completed", expiresAt: { gt: now } },
  });
  return stored > 0;
}

/** Deletes stored responses past their 24 hours; run periodically. */
export async function purgeExpiredIdempotencyKeys(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
