// Minting, listing and revoking API keys. Every key belongs to one agency; the plaintext exists
// only in the mint response.
import type { PrismaClient } from "../db/generated/client.ts";
import type { AgencyScope } from "../db/tenant";
import { newId } from "../ids";
import { AppError, notFound } from "../errors";
import { SCOPES, isPlatformRole, type Role, type Scope } from "../auth/scopes";
import { apiKeyDisplayPrefix, generateApiKeyToken, hashApiKeyToken } from "../auth/api-key-token";
import type { ApiKeyDto } from "../api/routers/api-keys/schemas";
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
  createdBy: { id: string; name: string; email: string } | null;
};

export function apiKeyStatus(key: Pick<ApiKeyRow, "revokedAt" | "expiresAt">, now = new Date()): ApiKeyDto["status"] {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
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

/** Platform-wide lookup for the operator CLI, which revokes by id without naming the agency. */
export async function findApiKeyAgency(prisma: PrismaClient, id: string): Promise<string> {
  const key = await prisma.apiKey.findUnique({ where: { id }, select: { agencyId: true } });
  if (!key) throw notFound("api_key", id);
  return key.agencyId;
}
