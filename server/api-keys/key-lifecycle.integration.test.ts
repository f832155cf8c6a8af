// Disable / enable and rotate with a grace period: what authentication answers at each step.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { AppError } from "../errors";
import { authenticateApiKey } from "./authenticate";
import { listApiKeys, mintApiKey, revokeApiKey, rotateApiKey, setApiKeyDisabled } from "./api-keys";

const DAY = 24 * 3_600_000;

describeEachDatabase("API key lifecycle", (testDb) => {
  let agency: TestAgency;
  const prisma = () => testDb().db.prisma;
  const auth = (key: string, at = Date.now()) => errorCodeOf(authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, at));
  beforeAll(async () => {
    agency = await makeAgency(prisma(), { packages: false });
  });

  it("a disabled key answers 401 api_key_disabled until it is enabled again; disabling twice changes nothing", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "toggle", scopes: ["listings:read"] }, { user: null, via: "cli" });
    const disabled = await setApiKeyDisabled(agency.scope, apiKey.id, true, agency.owner.id);
    expect(disabled).toMatchObject({ status: "disabled", disabled_at: expect.any(String) });
    expect(await auth(key)).toBe("api_key_disabled");
    expect((await setApiKeyDisabled(agency.scope, apiKey.id, true, agency.owner.id)).disabled_at).toBe(disabled.disabled_at);
    expect(await setApiKeyDisabled(agency.scope, apiKey.id, false, agency.owner.id)).toMatchObject({ status: "active", disabled_at: null });
    expect(await auth(key)).toBe("ok");
    const events = await prisma().webhookEvent.findMany({ where: { agencyId: agency.id, type: { in: ["api_key.disabled", "api_key.enabled"] } } });
    expect(events.map((e) => e.type).sort()).toEqual(["api_key.disabled", "api_key.enabled"]);
  });

  it("revoked and expired are final: neither can be disabled, enabled or rotated; a revoked key answers revoked even if disabled", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "final", scopes: ["listings:read"] }, { user: null, via: "cli" });
    await setApiKeyDisabled(agency.scope, apiKey.id, true, null);
    await revokeApiKey(agency.scope, apiKey.id, null);
    expect(await auth(key)).toBe("api_key_revoked");
    expect(await errorCodeOf(setApiKeyDisabled(agency.scope, apiKey.id, false, null))).toBe("conflict");
    expect(await errorCodeOf(rotateApiKey(agency.scope, apiKey.id, 7, { user: null, via: "cli" }))).toBe("conflict");
  });

  it("rotation issues a new key; the old one works through its grace period, then answers api_key_expired with details.expired_at", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "rotate me", scopes: ["listings:read", "users:read"] }, { user: null, via: "cli" });
    const now = new Date();
    const rotated = await rotateApiKey(agency.scope, apiKey.id, 7, { user: { id: agency.owner.id, role: "owner" }, via: "dashboard" }, now);
    expect(rotated.key).not.toBe(key);
    expect(rotated.apiKey).toMatchObject({ name: "rotate me", scopes: ["listings:read", "users:read"], status: "active", rotated_from_key_id: apiKey.id });
    const graceEnds = new Date(now.getTime() + 7 * DAY).toISOString();
    expect(rotated.previous).toMatchObject({ status: "rotating", grace_ends_at: graceEnds, expires_at: graceEnds, replaced_by_key_id: rotated.apiKey.id });
    expect(await auth(key)).toBe("ok");
    expect(await auth(rotated.key)).toBe("ok");
    expect(await auth(rotated.key, now.getTime() + 8 * DAY)).toBe("ok");
    const after = await authenticateApiKey(prisma(), { "x-api-key": key }, () => {}, now.getTime() + 7 * DAY + 1).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(AppError);
    expect((after as AppError).code).toBe("api_key_expired");
    expect((after as AppError).facts).toEqual({ expired_at: graceEnds });
    // Both listed, linked, with the date.
    const listed = await listApiKeys(agency.scope);
    expect(listed.find((k) => k.id === apiKey.id)).toMatchObject({ status: "rotating", grace_ends_at: graceEnds });
    expect(listed.find((k) => k.id === rotated.apiKey.id)).toMatchObject({ status: "active" });
    // A rotated key cannot be rotated again (its replacement can).
    expect(await errorCodeOf(rotateApiKey(agency.scope, apiKey.id, 1, { user: null, via: "cli" }))).toBe("conflict");
  });

  it("a grace of 0 stops the old key at once; the grace is 0–30 days and never extends the key's own expiry", async () => {
    const zero = await mintApiKey(agency.scope, { name: "zero", scopes: ["listings:read"] }, { user: null, via: "cli" });
    const rotated = await rotateApiKey(agency.scope, zero.apiKey.id, 0, { user: null, via: "cli" });
    expect(await auth(zero.key)).toBe("api_key_expired");
    expect(await auth(rotated.key)).toBe("ok");
    const bad = await mintApiKey(agency.scope, { name: "bad grace", scopes: ["listings:read"] }, { user: null, via: "cli" });
    for (const days of [-1, 31, 1.5]) expect(await errorCodeOf(rotateApiKey(agency.scope, bad.apiKey.id, days, { user: null, via: "cli" }))).toBe("validation_failed");
    const short = await mintApiKey(agency.scope, { name: "short", scopes: ["listings:read"], expiresInDays: 2 }, { user: null, via: "cli" });
    const r = await rotateApiKey(agency.scope, short.apiKey.id, 30, { user: null, via: "cli" });
    expect(r.previous.expires_at).toBe(short.apiKey.expires_at);
    expect(r.apiKey.expires_at).toBe(short.apiKey.expires_at);
  });

  it("two rotations of one key at once mint one replacement", async () => {
    const { apiKey } = await mintApiKey(agency.scope, { name: "race", scopes: ["listings:read"] }, { user: null, via: "cli" });
    const results = await Promise.allSettled([1, 2].map(() => rotateApiKey(agency.scope, apiKey.id, 1, { user: null, via: "cli" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await prisma().apiKey.count({ where: { rotatedFromKeyId: apiKey.id } })).toBe(1);
  });
});
