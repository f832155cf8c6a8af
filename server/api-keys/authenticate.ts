// Turns the key an integrator sent into an actor, or a 401. One SHA-256 and one indexed lookup
// per request; last_used_at is written at most about once a minute per key.
import type { PrismaClient } from "../db/generated/client.ts";
import { AppError } from "../errors";
import { SCOPES, type Scope } from "../auth/scopes";
import { hashApiKeyToken, normalizeApiKeyToken } from "../auth/api-key-token";
import type { ApiKeyActor } from "../api/trpc";

export const LAST_USED_RESOLUTION_MS = 60_000;

type Headers = Record<string, string | string[] | undefined>;

/**
 * The key in X-API-Key or Authorization: Bearer; keys are never read from the query string.
 * Two different keys in the two headers are a 400: silently preferring one would act as a
 * caller the client may not have meant (the same key in both is fine).
 */
export function presentedApiKey(headers: Headers): string | undefined {
  const header = headers["x-api-key"];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.trim() || undefined;
  const authorization = headers["authorization"];
  const auth = Array.isArray(authorization) ? authorization[0] : authorization;
  const fromBearer = auth?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (fromHeader && fromBearer && (normalizeApiKeyToken(fromHeader) ?? fromHeader) !== (normalizeApiKeyToken(fromBearer) ?? fromBearer)) {
    throw new AppError("validation_failed", "X-API-Key and Authorization: Bearer carry different keys; send one key.", [
      { field: "X-API-Key", message: "differs from the key in Authorization" },
    ]);
  }
  return fromHeader ?? fromBearer;
}

interface KeyRow {
  id: string;
  agencyId: string;
  name: string;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  disabledAt: Date | null;
  rotatedAt: Date | null;
}

const lastWritten = new Map<string, number>();

function touchLastUsed(prisma: PrismaClient, keyId: string, now: number, onError: (error: unknown) => void): void {
  const previous = lastWritten.get(keyId);
  if (previous !== undefined && now - previous < LAST_USED_RESOLUTION_MS) return;
  lastWritten.set(keyId, now);
  if (lastWritten.size > 10_000) lastWritten.clear();
  // Not awaited: the request does not wait for bookkeeping. The condition keeps several
  // processes from writing the same minute twice.
  prisma.apiKey
    .updateMany({
      where: { id: keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: new Date(now) },
    })
    .catch(onError);
}

export async function authenticateApiKey(
  prisma: PrismaClient,
  headers: Headers,
  onError: (error: unknown) => void = () => {},
  now = Date.now(),
): Promise<ApiKeyActor> {
  const presented = presentedApiKey(headers);
  if (!presented) {
    throw new AppError("authentication_required", "Send your API key in the X-API-Key header or as Authorization: Bearer <key>.");
  }
  const token = normalizeApiKeyToken(presented);
  if (!token) throw new AppError("invalid_api_key", "The API key is malformed; keys look like ma_live_ak_<26 characters>.");
  // Every API request runs this lookup; as plain SQL it skips Prisma's per-query compilation
  // (about a third of the cost of a request, measured with `npm run bench`).
  const [key] = await prisma.$queryRaw<KeyRow[]>`
    SELECT id, agency_id AS "agencyId", name, scopes, revoked_at AS "revokedAt", expires_at AS "expiresAt",
      disabled_at AS "disabledAt", rotated_at AS "rotatedAt"
    FROM api_keys WHERE token_hash = ${hashApiKeyToken(token)}`;
  if (!key) throw new AppError("invalid_api_key", "The API key is not valid.");
  if (key.revokedAt) throw new AppError("api_key_revoked", "The API key was revoked; mint a new one in the dashboard.");
  if (key.expiresAt && key.expiresAt.getTime() <= now) {
    const expiredAt = key.expiresAt.toISOString();
    throw new AppError(
      "api_key_expired",
      key.rotatedAt
        ? `The API key was rotated and its grace period ended at ${expiredAt}; use the key that replaced it.`
        : `The API key expired at ${expiredAt}; mint a new one in the dashboard.`,
      undefined,
      undefined,
      { expired_at: expiredAt },
    );
  }
  if (key.disabledAt) {
    throw new AppError("api_key_disabled", "The API key is disabled; the agency's owner can enable it again on the dashboard's API keys page.");
  }
  touchLastUsed(prisma, key.id, now, onError);
  return {
    kind: "api_key",
    keyId: key.id,
    name: key.name,
    agencyId: key.agencyId,
    scopes: key.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
  };
}
