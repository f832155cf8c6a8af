import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { hashApiKeyToken } from "../auth/api-key-token";
import { LAST_USED_RESOLUTION_MS, authenticateApiKey } from "./authenticate";
import { listApiKeys, mintApiKey, revokeApiKey } from "./api-keys";


const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error("condition not met");
};

describeEachDatabase("API keys", (testDb) => {
  let agency: TestAgency;
  const prisma = () => testDb().db.prisma;
  beforeAll(async () => {
    agency = await makeAgency(prisma(), { packages: false });
  });

  it("are stored only as a SHA-256 hash and a display prefix, and authenticate to their agency and scopes", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "CRM sync", scopes: ["users:read", "listings:read", "users:read"] }, { user: null, via: "cli" });
    expect(key).toMatch(/^ma_live_ak_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(apiKey.scopes).toEqual(["listings:read", "users:read"]);
    const row = await prisma().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.tokenHash).toBe(hashApiKeyToken(key));
    expect(JSON.stringify(row)).not.toContain(key.slice(11));
    expect(row.displayPrefix).toBe(`${key.slice(0, 19)}…`);
    for (const headers of [{ "x-api-key": key }, { authorization: `Bearer ${key}` }, { authorization: `bearer ${key.toLowerCase()}` }]) {
      const actor = await authenticateApiKey(prisma(), headers);
      expect(actor).toMatchObject({ kind: "api_key", keyId: apiKey.id, agencyId: agency.id, scopes: ["listings:read", "users:read"] });
    }
  });

  it("answer 401 with a reason for missing, malformed, unknown, revoked and expired keys", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "short-lived", scopes: ["listings:read"], expiresInDays: 1 }, { user: null, via: "cli" });
    expect(await errorCodeOf(authenticateApiKey(prisma(), {}))).toBe("authentication_required");
    expect(await errorCodeOf(authenticateApiKey(prisma(), { authorization: "Basic abc" }))).toBe("authentication_required");
    expect(await errorCodeOf(authenticateApiKey(prisma(), { "x-api-key": "sk_live_nope" }))).toBe("invalid_api_key");
    expect(await errorCodeOf(authenticateApiKey(prisma(), { "x-api-key": `ma_live_ak_${"0".repeat(26)}` }))).toBe("invalid_api_key");
    expect(await errorCodeOf(authenticateApiKey(prisma(), { "x-api-key": key }))).toBe("ok");
    const expiredAt = Date.now() + 24 * 3_600_000 + 1000;
    expect(await errorCodeOf(authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, expiredAt))).toBe("api_key_expired");
    await revokeApiKey(agency.scope, apiKey.id, agency.owner.id);
    expect(await errorCodeOf(authenticateApiKey(prisma(), { "x-api-key": key }))).toBe("api_key_revoked");
  });

  it("record last use at most about once a minute", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "busy", scopes: ["listings:read"] }, { user: null, via: "cli" });
    const lastUsed = async () => (await prisma().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt?.getTime() ?? null;
    const t0 = Date.now();
    await authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, t0);
    await until(async () => (await lastUsed()) === t0);
    await authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, t0 + 1_000);
    await authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, t0 + 30_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed()).toBe(t0);
    const t1 = t0 + LAST_USED_RESOLUTION_MS + 1_000;
    await authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, t1);
    await until(async () => (await lastUsed()) === t1);
  });

  it("record who minted them, on whose behalf, and revoke idempotently within the agency only", async () => {
    const admin = await prisma().user.findFirst({ where: { role: "super_admin" } });
    const adminId =
      admin?.id ??
      (await prisma().user.create({ data: { id: `user_${"A".repeat(26)}`, email: `root-${agency.slug}@valara.test`, name: "Root", role: "super_admin" } })).id;
    const minted = await mintApiKey(agency.scope, { name: "support", scopes: ["listings:read"] }, { user: { id: adminId, role: "super_admin" }, via: "dashboard" });
    expect(minted.apiKey).toMatchObject({ minted_on_behalf: true, created_via: "dashboard", created_by: { id: adminId } });
    const byOwner = await mintApiKey(agency.scope, { name: "own", scopes: ["listings:read"] }, { user: { id: agency.owner.id, role: "owner" }, via: "dashboard" });
    expect(byOwner.apiKey.minted_on_behalf).toBe(false);

    const other = await makeAgency(prisma(), { packages: false });
    expect(await errorCodeOf(revokeApiKey(other.scope, minted.apiKey.id, null))).toBe("api_key_not_found");
    expect((await listApiKeys(other.scope)).map((k) => k.id)).not.toContain(minted.apiKey.id);

    const first = await revokeApiKey(agency.scope, minted.apiKey.id, agency.owner.id);
    const second = await revokeApiKey(agency.scope, minted.apiKey.id, agency.owner.id);
    expect(first.status).toBe("revoked");
    expect(second.revoked_at).toBe(first.revoked_at);
    const listed = await listApiKeys(agency.scope);
    expect(listed.find((k) => k.id === minted.apiKey.id)?.status).toBe("revoked");
    expect(listed.map((k) => k.id)).toEqual([...listed.map((k) => k.id)].sort().reverse());
  });
});
