// Operator denials over HTTP through the REST handler: each kind answers 403 access_denied before
// any other work, with the rule that matched logged; expiry, lifting, the cache's TTL across two
// handlers on one database (two processes), and TRUSTED_PROXIES.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { parseTrustedProxies } from "./client-address";
import { createDenial, liftDenial, listDenials } from "./denials";

describeEachDatabase("operator denials", (testDb) => {
  const servers: http.Server[] = [];
  const logs: Array<Record<string, unknown>> = [];
  let agency: TestAgency;
  let other: TestAgency;
  let key: string;
  let keyId: string;
  let otherKey: string;
  const prisma = () => testDb().db.prisma;

  async function serve(options: { ttlMs: number; trusted?: string }) {
    const logger = pino({ level: "warn" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: "https://valara.example",
      maxBodyBytes: 1024 * 1024,
      logger,
      accessDenials: { trustedProxies: parseTrustedProxies(options.trusted), ttlMs: options.ttlMs },
    });
    const server = http.createServer((req, res) => void handler(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  }
  let base: string;
  let proxied: string;
  let otherProcess: string;

  beforeAll(async () => {
    base = await serve({ ttlMs: 60_000 });
    proxied = await serve({ ttlMs: 60_000, trusted: "loopback" });
    // "Another process": its own cache would be stale for 60 s; a short TTL picks changes up.
    otherProcess = await serve({ ttlMs: 200 });
    agency = await makeAgency(prisma());
    other = await makeAgency(prisma());
    key = await makeApiKey(agency);
    keyId = (await prisma().apiKey.findFirstOrThrow({ where: { agencyId: agency.id } })).id;
    otherKey = await makeApiKey(other);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const call = (url: string, apiKey: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/users`, { headers: { "X-API-Key": apiKey, ...headers } }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: Record<string, any> } }));
  const admin = { userId: null, via: "cli" as const };

  it("denies one key (others unaffected), logs the rule, and stops when lifted", async () => {
    expect((await call(base, key)).status).toBe(200);
    const rule = await createDenial(prisma(), { kind: "api_key", subject: keyId, reason: "Scraping listings." }, admin);
    expect(rule).toMatchObject({ kind: "api_key", subject: keyId, status: "active", subject_label: expect.stringContaining("test key") });
    const denied = await call(base, key);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: "access_denied", details: { rule_id: rule.id, denied: "api_key", expires_at: null } });
    expect(denied.body.error!.message).toContain("Scraping listings.");
    expect(logs.some((line) => (line.rule as { id?: string } | undefined)?.id === rule.id && line.msg === "request denied by an operator rule")).toBe(true);
    expect((await call(base, otherKey)).status).toBe(200);
    // A denied request does no other work: not even a rate-limit or a body read; a write is not stored.
    const write = await fetch(`${base}/listings`, { method: "POST", headers: { "X-API-Key": key, "Content-Type": "application/json", "X-Idempotency-Key": "deny-1" }, body: "{}" });
    expect(write.status).toBe(403);
    expect(await prisma().idempotencyKey.count({ where: { agencyId: agency.id } })).toBe(0);
    await liftDenial(prisma(), rule.id);
    expect((await call(base, key)).status).toBe(200);
    expect((await listDenials(prisma())).map((d) => d.id)).not.toContain(rule.id);
    expect((await listDenials(prisma(), { all: true })).find((d) => d.id === rule.id)?.status).toBe("lifted");
  });

  it("denies a whole agency's API access, by slug or id, until it expires", async () => {
    const rule = await createDenial(prisma(), { kind: "agency", subject: agency.slug, reason: "Unpaid.", expiresAt: new Date(Date.now() + 1500) }, admin);
    expect(rule.subject).toBe(agency.id);
    expect((await call(base, key)).body.error).toMatchObject({ code: "access_denied", details: { denied: "agency" } });
    expect((await call(base, otherKey)).status).toBe(200);
    await expect.poll(async () => (await call(base, key)).status, { timeout: 5000, interval: 200 }).toBe(200);
  });

  it("denies an address or a CIDR range, before authentication; the address is the peer unless TRUSTED_PROXIES says otherwise", async () => {
    const rule = await createDenial(prisma(), { kind: "ip", subject: "198.51.100.77/24", reason: "Credential stuffing." }, admin);
    expect(rule.subject).toBe("198.51.100.0/24");
    // Through an untrusted peer, X-Forwarded-For is ignored.
    expect((await call(base, key, { "X-Forwarded-For": "198.51.100.9" })).status).toBe(200);
    // Behind a trusted proxy (loopback), the forwarded address counts, even with no key at all.
    const viaProxy = await fetch(`${proxied}/users`, { headers: { "X-Forwarded-For": "198.51.100.9" } });
    expect(viaProxy.status).toBe(403);
    expect(((await viaProxy.json()) as { error: { code: string } }).error.code).toBe("access_denied");
    expect((await call(proxied, key, { "X-Forwarded-For": "203.0.113.1" })).status).toBe(200);
    // A forged hop left of the real one changes nothing.
    expect((await call(proxied, key, { "X-Forwarded-For": "203.0.113.1, 198.51.100.9" })).status).toBe(403);
    const loopback = await createDenial(prisma(), { kind: "ip", subject: "127.0.0.1", reason: "Local test." }, admin);
    expect((await call(base, key)).status).toBe(403);
    await liftDenial(prisma(), loopback.id);
    await liftDenial(prisma(), rule.id);
  });

  it("another process picks a change up within its cache TTL", async () => {
    expect((await call(otherProcess, key)).status).toBe(200);
    // Written behind this process's back (as another process would): no local invalidation.
    const rule = await prisma().accessDenial.create({ data: { id: "deny_01JD3Q6W4ZKXY3T5V7B9C1D2EF", kind: "api_key", subject: keyId, reason: "Elsewhere.", createdVia: "cli" } });
    await expect.poll(async () => (await call(otherProcess, key)).status, { timeout: 3000, interval: 100 }).toBe(403);
    await prisma().accessDenial.update({ where: { id: rule.id }, data: { liftedAt: new Date() } });
    await expect.poll(async () => (await call(otherProcess, key)).status, { timeout: 3000, interval: 100 }).toBe(200);
  });

  it("refuses bad rules: unknown key or agency, malformed range, empty reason, past expiry", async () => {
    expect(await errorCodeOf(createDenial(prisma(), { kind: "api_key", subject: "key_01JD3Q6W4ZKXY3T5V7B9C1D2EF", reason: "x" }, admin))).toBe("api_key_not_found");
    expect(await errorCodeOf(createDenial(prisma(), { kind: "agency", subject: "no-such-agency", reason: "x" }, admin))).toBe("agency_not_found");
    expect(await errorCodeOf(createDenial(prisma(), { kind: "ip", subject: "300.1.1.1", reason: "x" }, admin))).toBe("validation_failed");
    expect(await errorCodeOf(createDenial(prisma(), { kind: "ip", subject: "10.0.0.1", reason: "  " }, admin))).toBe("validation_failed");
    expect(await errorCodeOf(createDenial(prisma(), { kind: "ip", subject: "10.0.0.1", reason: "x", expiresAt: new Date(Date.now() - 1000) }, admin))).toBe("validation_failed");
  });
});
