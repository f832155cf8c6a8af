// Idempotency for POST and PATCH on /api/v1, keyed on (agency, X-Idempotency-Key), for 24 hours.
//
// The first request with a key claims it (an in_progress row, inserted atomically), runs, and
// stores its status and body. A retry with the same request gets the stored response back; the
// same key on a different request is a conflict; a retry while the first is still running is
// told so (409) instead of running twice. Responses of 5xx are not kept, so the retry runs again
// (our writes are transactional: a 5xx wrote nothing). A claim whose process died is taken over
// after CLAIM_TIMEOUT_MS.
import { createHash } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import { AppError } from "../errors";

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

/** How a stored body is sealed: responses that carry a secret are kept encrypted. */
export interface BodySeal {
  seal(body: string): string;
  open(stored: string): string;
}

const PLAIN: BodySeal = { seal: (body) => body, open: (stored) => stored };

export interface IdempotencyClaim {
  agencyId: string;
  key: string;
  fingerprint: string;
  /** The upload ticket making the request, recorded with the key (see uploadTicketMayReplay). */
  uploadTicketId?: string | null;
}

export async function runIdempotently(
  prisma: PrismaClient,
  claim: IdempotencyClaim,
  execute: () => Promise<StoredResponse>,
  now: () => Date = () => new Date(),
  seal: BodySeal = PLAIN,
): Promise<IdempotentOutcome> {
  const { agencyId, key, fingerprint } = claim;
  const uploadTicketId = claim.uploadTicketId ?? null;
  const at = now();
  // Claim the key, or take over one that expired or whose claimant died.
  const claimed = await prisma.$executeRaw`
    INSERT INTO idempotency_keys (agency_id, key, fingerprint, state, upload_ticket_id, created_at, locked_at, expires_at)
    VALUES (${agencyId}, ${key}, ${fingerprint}, 'in_progress', ${uploadTicketId}, ${at}, ${at}, ${new Date(at.getTime() + IDEMPOTENCY_TTL_MS)})
    ON CONFLICT (agency_id, key) DO UPDATE
      SET fingerprint = EXCLUDED.fingerprint, state = 'in_progress', response_status = NULL, response_body = NULL,
          upload_ticket_id = EXCLUDED.upload_ticket_id,
          created_at = EXCLUDED.created_at, locked_at = EXCLUDED.locked_at, expires_at = EXCLUDED.expires_at
      WHERE idempotency_keys.expires_at <= ${at}
         OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_at <= ${new Date(at.getTime() - CLAIM_TIMEOUT_MS)})`;

  if (claimed === 0) {
    const existing = await prisma.idempotencyKey.findUnique({ where: { agencyId_key: { agencyId, key } } });
    if (!existing) {
      // Released between our insert and this read (the first request failed): ask for a retry.
      throw new AppError("idempotency_key_in_use", "A request with this idempotency key just finished without a result; retry it.");
    }
    if (existing.fingerprint !== fingerprint) {
      throw new AppError(
        "idempotency_key_conflict",
        "This idempotency key was already used with a different request (method, path or body); use a new key for a new request.",
      );
    }
    if (existing.state === "in_progress" || existing.responseStatus === null || existing.responseBody === null) {
      throw new AppError("idempotency_key_in_use", "A request with this idempotency key is still being processed; retry shortly.", undefined, {
        "Retry-After": "1",
      });
    }
    return { status: existing.responseStatus, body: seal.open(existing.responseBody), replayed: true };
  }

  let response: StoredResponse;
  try {
    response = await execute();
  } catch (error) {
    await release(prisma, agencyId, key);
    throw error;
  }
  // A failure, or a refusal for being too fast (nothing was done): the key stays free for a retry.
  if (response.status >= 500 || response.status === 429) {
    await release(prisma, agencyId, key);
  } else {
    await prisma.idempotencyKey.update({
      where: { agencyId_key: { agencyId, key } },
      data: { state: "completed", responseStatus: response.status, responseBody: seal.seal(response.body) },
    });
  }
  return { ...response, replayed: false };
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

async function release(prisma: PrismaClient, agencyId: string, key: string): Promise<void> {
  await prisma.idempotencyKey.deleteMany({ where: { agencyId, key, state: "in_progress" } });
}

/** Deletes stored responses past their 24 hours; run periodically. */
export async function purgeExpiredIdempotencyKeys(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.idempotencyKey.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
