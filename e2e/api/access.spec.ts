// The key lifecycle, the deny list and operator denials over HTTP, as an integrator meets them:
// each 401 says exactly why; disable/enable; rotation with a grace period; every deny-list entry;
// operator denials of a key and of an agency (from the CLI, effective within seconds); the proxy
// setting's default; every new code's doc_url.
import { expect, test } from "@playwright/test";
import { cli, cliAtClockOffset, mintKey, provisionAgency, type ProvisionedAgency } from "../support/cli";
import { APP_URL } from "../support/api";
import { DENY_LIST, operationOf } from "../../server/http/deny-list";

const DAY_MS = 24 * 60 * 60 * 1000;
let agency: ProvisionedAgency;

test.beforeAll(async () => {
  agency = await provisionAgency("access");
});

const users = (request: import("@playwright/test").APIRequestContext, headers: Record<string, string>) =>
  request.get("/api/v1/users", { headers }).then(async (r) => ({ status: r.status(), body: (await r.json()) as { error?: Record<string, any> } }));

async function ok<T = any>(args: string[], offsetMs?: number): Promise<T> {
  const result = offsetMs === undefined ? await cli<T>(args) : await cliAtClockOffset<T>(offsetMs, args);
  expect(result.exitCode, result.stderr).toBe(0);
  return result.json;
}

test("each 401 says exactly why", async ({ request }) => {
  expect((await users(request, {})).body.error?.code).toBe("authentication_required");
  expect((await users(request, { "X-API-Key": "not-a-key" })).body.error?.code).toBe("invalid_api_key");
  expect((await users(request, { "X-API-Key": `ma_live_ak_${"0".repeat(26)}` })).body.error?.code).toBe("invalid_api_key");
  const revoked = await mintKey(agency.slug, "users:read");
  await ok(["key", "revoke", revoked.id]);
  expect((await users(request, { "X-API-Key": revoked.key })).body.error?.code).toBe("api_key_revoked");
  // Minted two days ago with a one-day lifetime: expired yesterday, and the expiry is echoed.
  const expired = await ok<{ key: string; api_key: { expires_at: string } }>(["key", "create", "--agency", agency.slug, "--name", "old", "--scopes", "users:read", "--expires-in-days", "1"], -2 * DAY_MS);
  const answer = await users(request, { "X-API-Key": expired.key });
  expect(answer.status).toBe(401);
  expect(answer.body.error).toMatchObject({ code: "api_key_expired", details: { expired_at: expired.api_key.expires_at } });
  const disabled = await mintKey(agency.slug, "users:read");
  await ok(["key", "disable", disabled.id]);
  const off = await users(request, { Authorization: `Bearer ${disabled.key}` });
  expect(off.status).toBe(401);
  expect(off.body.error?.code).toBe("api_key_disabled");
  for (const code of ["authentication_required", "invalid_api_key", "api_key_revoked", "api_key_expired", "api_key_disabled"]) {
    const page = await request.get(`/docs/errors/${code}`);
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain(`<h1><code>${code}</code></h1>`);
  }
});

test("a disabled key works again once enabled, without rotating", async ({ request }) => {
  const { key, id } = await mintKey(agency.slug, "users:read");
  await ok(["key", "disable", id]);
  expect((await users(request, { "X-API-Key": key })).status).toBe(401);
  await ok(["key", "enable", id]);
  expect((await users(request, { "X-API-Key": key })).status).toBe(200);
});

test("rotation: the new key works at once, the old one through its grace period, then api_key_expired", async ({ request }) => {
  const first = await mintKey(agency.slug, "users:read");
  const rotated = await ok<{ key: string; api_key: { id: string }; previous: { grace_ends_at: string; status: string } }>(["key", "rotate", first.id, "--grace-days", "7"]);
  expect(rotated.previous.status).toBe("rotating");
  expect(Math.round((Date.parse(rotated.previous.grace_ends_at) - Date.now()) / DAY_MS)).toBe(7);
  expect((await users(request, { "X-API-Key": first.key })).status).toBe(200);
  expect((await users(request, { "X-API-Key": rotated.key })).status).toBe(200);
  const listed = await ok<{ api_keys: Array<{ id: string; status: string; grace_ends_at: string | null }> }>(["key", "list", "--agency", agency.slug]);
  expect(listed.api_keys.find((k) => k.id === first.id)).toMatchObject({ status: "rotating", grace_ends_at: rotated.previous.grace_ends_at });
  expect(listed.api_keys.find((k) => k.id === rotated.api_key.id)?.status).toBe("active");

  // Rotated three days ago with a one-day grace: the old key stopped two days ago.
  const second = await mintKey(agency.slug, "users:read");
  const past = await ok<{ key: string; previous: { grace_ends_at: string } }>(["key", "rotate", second.id, "--grace-days", "1"], -3 * DAY_MS);
  const stopped = await users(request, { "X-API-Key": second.key });
  expect(stopped.body.error).toMatchObject({ code: "api_key_expired", details: { expired_at: past.previous.grace_ends_at } });
  expect((await users(request, { "X-API-Key": past.key })).status).toBe(200);
  // A grace of 0 stops the old key at once.
  const third = await mintKey(agency.slug, "users:read");
  await ok(["key", "rotate", third.id, "--grace-days", "0"]);
  expect((await users(request, { "X-API-Key": third.key })).body.error?.code).toBe("api_key_expired");
  expect((await cli(["key", "rotate", third.id, "--grace-days", "31"])).exitCode).not.toBe(0);
});

test("every deny-list entry answers 404 endpoint_not_in_scope with the reason and the supported way", async ({ request }) => {
  for (const entry of DENY_LIST) {
    const response = await request.fetch(`/api/v1${entry.path.replace(/\{\w+\}/g, "K7Q4MX")}`, { method: entry.method, headers: { "X-API-Key": agency.key } });
    expect(response.status(), operationOf(entry)).toBe(404);
    const { error } = (await response.json()) as { error: Record<string, any> };
    expect(error.code).toBe("endpoint_not_in_scope");
    expect(error.message).toContain(entry.instead);
    expect(error.not_in_scope).toMatchObject({ operation: operationOf(entry), reason: entry.reason, supported_alternative: entry.instead });
    expect(error.doc_url).toBe(`${APP_URL}/docs/errors/endpoint_not_in_scope`);
  }
  const doc = (await (await request.get("/api/openapi.json")).json()) as Record<string, any>;
  expect(doc["x-valara-deny-list"]).toHaveLength(DENY_LIST.length);
  const page = await request.get("/docs/deny-list");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("POST /tours/{id}/share");
});

test("operator denials: a key, then the agency, from the CLI, effective within seconds; X-Forwarded-For is not trusted by default", async ({ request }) => {
  const spare = await mintKey(agency.slug, "users:read");
  const denied = await mintKey(agency.slug, "users:read");
  const rule = await ok<{ denial: { id: string } }>(["deny", "add", "--key", denied.id, "--reason", "Abuse report 42."]);
  await expect.poll(async () => (await users(request, { "X-API-Key": denied.key })).status, { timeout: 15_000 }).toBe(403);
  const body = (await users(request, { "X-API-Key": denied.key })).body;
  expect(body.error).toMatchObject({ code: "access_denied", details: { rule_id: rule.denial.id, denied: "api_key" } });
  expect(body.error!.message).toContain("Abuse report 42.");
  expect((await users(request, { "X-API-Key": spare.key })).status).toBe(200);
  await ok(["deny", "lift", rule.denial.id]);
  await expect.poll(async () => (await users(request, { "X-API-Key": denied.key })).status, { timeout: 15_000 }).toBe(200);

  const whole = await ok<{ denial: { id: string } }>(["deny", "add", "--agency", agency.slug, "--reason", "Unpaid.", "--expires-in-hours", "1"]);
  await expect.poll(async () => (await users(request, { "X-API-Key": spare.key })).body.error?.code, { timeout: 15_000 }).toBe("access_denied");
  await ok(["deny", "lift", whole.denial.id]);
  await expect.poll(async () => (await users(request, { "X-API-Key": spare.key })).status, { timeout: 15_000 }).toBe(200);

  // An address rule: a forged X-Forwarded-For does not make the server believe it (no TRUSTED_PROXIES).
  // A key rule written after the address rule shows when the server has loaded both.
  const ip = await ok<{ denial: { id: string } }>(["deny", "add", "--ip", "198.51.100.0/24", "--reason", "Botnet."]);
  const marker = await ok<{ denial: { id: string } }>(["deny", "add", "--key", denied.id, "--reason", "Marker."]);
  await expect.poll(async () => (await users(request, { "X-API-Key": denied.key })).status, { timeout: 15_000 }).toBe(403);
  expect((await users(request, { "X-API-Key": spare.key, "X-Forwarded-For": "198.51.100.5" })).status).toBe(200);
  await ok(["deny", "lift", ip.denial.id]);
  await ok(["deny", "lift", marker.denial.id]);
  expect((await request.get("/docs/errors/access_denied")).status()).toBe(200);
});
