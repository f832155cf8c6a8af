// Minting, listing and revoking API keys. Every key belongs to one agency; the plaintext exists
// only in the mint response.
import type { PrismaClient } from "../db/generated/client.ts";
import type { AgencyScope } from "../db/tenant";
import { newId } from "../ids";
import { AppError, notFound } from "../errors";
import { SCOPES, isPlatformRole, type Role, type Scope } from "../auth/scopes";
import { apiKeyDisplayPrefix, generateApiKeyToken, hashApiKeyToken } from "../auth/api-key-token";
import { MAX_ROTATION_GRACE_DAYS, type ApiKeyDto } from "../api/routers/api-keys/schemas";
import { emitEvent } from "../webhooks/emit";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface KeyCreator {
  /** Null when minted by the operator CLI. */
  user: { id: string; role: Role } | null;
  via: "dashboard" | "cli";
}

export interface MintApiKeyInput {
  name: string;
  scopes: readonly Scope[];
  expiresInDays?: number | null;
}

const apiKeySelect = {
  id: true,
  name: true,
  displayPrefix: true,
  scopes: true,
  createdAt: true,
  createdVia: true,
  mintedOnBehalf: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  disabledAt: true,
  rotatedAt: true,
  replacedByKeyId: true,
  rotatedFromKeyId: true,
  createdBy: { select: { id: true, name: true, email: true } },
} as const;

type ApiKeyRow = {
  id: string;
  name: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: Date;
  createdVia: string;
  mintedOnBehalf: boolean;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  disabledAt: Date | null;
  rotatedAt: Date | null;
  replacedByKeyId: string | null;
  rotatedFromKeyId: string | null;
  createdBy: { id: string; name: string; email: string } | null;
};

/** Revoked and expired are final; a disabled key can be enabled again; "rotating": replaced, still in its grace period. */
export function apiKeyStatus(key: Pick<ApiKeyRow, "revokedAt" | "expiresAt" | "disabledAt" | "rotatedAt">, now = new Date()): ApiKeyDto["status"] {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  if (key.disabledAt) return "disabled";
  if (key.rotatedAt) return "rotating";
  return "active";
}

export function toApiKeyDto(key: ApiKeyRow, now = new Date()): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    display_prefix: key.displayPrefix,
    scopes: key.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
    status: apiKeyStatus(key, now),
    created_at: key.createdAt.toISOString(),
    created_by: key.createdBy,
    created_via: key.createdVia === "cli" ? "cli" : "dashboard",
    minted_on_behalf: key.mintedOnBehalf,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    disabled_at: key.disabledAt?.toISOString() ?? null,
    rotated_at: key.rotatedAt?.toISOString() ?? null,
    // A rotated key stops at the end of its grace period, which is its expiry.
    grace_ends_at: key.rotatedAt ? (key.expiresAt?.toISOString() ?? null) : null,
    replaced_by_key_id: key.replacedByKeyId,
    rotated_from_key_id: key.rotatedFromKeyId,
  };
}

export async function mintApiKey(
  { db, agencyId, actor }: AgencyScope,
  input: MintApiKeyInput,
  creator: KeyCreator,
  now = new Date(),
): Promise<{ apiKey: ApiKeyDto; key: string }> {
  const scopes = [...new Set(input.scopes)].sort((a, b) => SCOPES.indexOf(a) - SCOPES.indexOf(b));
  if (scopes.length === 0) throw new AppError("validation_failed", "scopes: choose at least one scope", [{ field: "scopes", message: "choose at least one scope" }]);
  const token = generateApiKeyToken(now.getTime());
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
    data: {
      id: newId("apiKey"),
      agencyId,
      name: input.name.trim(),
      tokenHash: hashApiKeyToken(token),
      displayPrefix: apiKeyDisplayPrefix(token),
      scopes,
      createdByUserId: creator.user?.id ?? null,
      createdVia: creator.via,
      mintedOnBehalf: creator.user ? isPlatformRole(creator.user.role) : false,
      createdAt: now,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null,
    },
    select: apiKeySelect,
    });
    await emitEvent(tx, { agencyId, actor }, "api_key.created", {
      api_key_id: created.id,
      name: created.name,
      display_prefix: created.displayPrefix,
      scopes: created.scopes,
      created_via: creator.via,
      minted_on_behalf: created.mintedOnBehalf,
      expires_at: created.expiresAt?.toISOString() ?? null,
    });
    return created;
  });
  return { apiKey: toApiKeyDto(row, now), key: token };
}

/** The agency's keys, newest first (an agency has few; no paging). */
export async function listApiKeys({ db }: AgencyScope): Promise<ApiKeyDto[]> {
  const rows = await db.apiKey.findMany({ orderBy: { id: "desc" }, select: apiKeySelect });
  const now = new Date();
  return rows.map((row) => toApiKeyDto(row, now));
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey({ db, agencyId, actor }: AgencyScope, id: string, revokedByUserId: string | null): Promise<ApiKeyDto> {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id }, select: { revokedAt: true } });
    if (!key) throw notFound("api_key", id);
    if (key.revokedAt) return toApiKeyDto(await tx.apiKey.findUniqueOrThrow({ where: { id }, select: apiKeySelect }));
    const row = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date(), revokedByUserId }, select: apiKeySelect });
    await emitEvent(tx, { agencyId, actor }, "api_key.revoked", {
      api_key_id: row.id,
      name: row.name,
      display_prefix: row.displayPrefix,
      revoked_at: row.revokedAt!.toISOString(),
    });
    return toApiKeyDto(row);
  });
}

/** Switches a key off (401 api_key_disabled) or on again. Final states (revoked, expired) cannot change. */
export async function setApiKeyDisabled(
  { db, agencyId, actor }: AgencyScope,
  id: string,
  disabled: boolean,
  byUserId: string | null,
  now = new Date(),
): Promise<ApiKeyDto> {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id }, select: apiKeySelect });
    if (!key) throw notFound("api_key", id);
    const status = apiKeyStatus(key, now);
    if (status === "revoked" || status === "expired") {
      throw new AppError("conflict", `The API key is ${status}; only an active or disabled key can be ${disabled ? "disabled" : "enabled"}.`);
    }
    // Already in the state asked for: nothing changes, no event.
    if (Boolean(key.disabledAt) === disabled) return toApiKeyDto(key, now);
    const row = await tx.apiKey.update({
      where: { id },
      data: disabled ? { disabledAt: now, disabledByUserId: byUserId } : { disabledAt: null, disabledByUserId: null },
      select: apiKeySelect,
    });
    await emitEvent(tx, { agencyId, actor }, disabled ? "api_key.disabled" : "api_key.enabled", {
      api_key_id: row.id,
      name: row.name,
      display_prefix: row.displayPrefix,
      ...(disabled ? { disabled_at: now.toISOString() } : { enabled_at: now.toISOString() }),
    });
    return toApiKeyDto(row, now);
  });
}


/**
 * Rotates a key: a new key with the same name, scopes and expiry is minted (its plaintext returned
 * once), and the old one keeps working for `graceDays` (0–30) and then stops (401
 * api_key_expired, expired_at = the end of the grace). Both stay listed, linked to each other.
 */
export async function rotateApiKey(
  { db, agencyId, actor }: AgencyScope,
  id: string,
  graceDays: number,
  creator: KeyCreator,
  now = new Date(),
): Promise<{ apiKey: ApiKeyDto; previous: ApiKeyDto; key: string }> {
  if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > MAX_ROTATION_GRACE_DAYS) {
    throw new AppError("validation_failed", `grace_period_days: must be a whole number from 0 to ${MAX_ROTATION_GRACE_DAYS}`, [
      { field: "grace_period_days", message: `must be a whole number from 0 to ${MAX_ROTATION_GRACE_DAYS}` },
    ]);
  }
  const token = generateApiKeyToken(now.getTime());
  return db.$transaction(async (tx) => {
    // Locks the old key's row: two rotations at once mint one replacement, the other is refused.
    await tx.$queryRaw`SELECT id FROM api_keys WHERE id = ${id} FOR UPDATE`;
    const old = await tx.apiKey.findUnique({ where: { id }, select: apiKeySelect });
    if (!old) throw notFound("api_key", id);
    const status = apiKeyStatus(old, now);
    if (status !== "active") {
      throw new AppError("conflict", status === "rotating" ? "The API key was already rotated; rotate its replacement instead." : `The API key is ${status}; only an active key can be rotated.`);
    }
    const graceEnds = new Date(now.getTime() + graceDays * DAY_MS);
    const created = await tx.apiKey.create({
      data: {
        id: newId("apiKey"),
        agencyId,
        name: old.name,
        tokenHash: hashApiKeyToken(token),
        displayPrefix: apiKeyDisplayPrefix(token),
        scopes: old.scopes,
        createdByUserId: creator.user?.id ?? null,
        createdVia: creator.via,
        mintedOnBehalf: creator.user ? isPlatformRole(creator.user.role) : false,
        createdAt: now,
        expiresAt: old.expiresAt,
        rotatedFromKeyId: old.id,
      },
      select: apiKeySelect,
    });
    const previous = await tx.apiKey.update({
      where: { id },
      data: {
        rotatedAt: now,
        replacedByKeyId: created.id,
        // The grace never extends a key's own expiry.
        expiresAt: old.expiresAt && old.expiresAt < graceEnds ? old.expiresAt : graceEnds,
      },
      select: apiKeySelect,
    });
    await emitEvent(tx, { agencyId, actor }, "api_key.rotated", {
      api_key_id: created.id,
      name: created.name,
      display_prefix: created.displayPrefix,
      scopes: created.scopes,
      previous_api_key_id: previous.id,
      previous_display_prefix: previous.displayPrefix,
      previous_stops_at: previous.expiresAt!.toISOString(),
    });
    return { apiKey: toApiKeyDto(created, now), previous: toApiKeyDto(previous, now), key: token };
  });
}

/** Platform-wide lookup for the operator CLI, which revokes by id without naming the agency. */
export async function findApiKeyAgency(prisma: PrismaClient, id: string): Promise<string> {
  const key = await prisma.apiKey.findUnique({ where: { id }, select: { agencyId: true } });
  if (!key) throw notFound("api_key", id);
  return key.agencyId;
}
