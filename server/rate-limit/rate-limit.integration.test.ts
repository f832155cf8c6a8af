// Rate limits over real HTTP through the REST handler: on PostgreSQL the counters are in the
// database (two app instances with their own pools share a budget); on PGlite they are in memory.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { rateLimiterFromEnv, type RateLimiterHandle } from "./from-env";

const LIMITS = "read_listings_list=5,read_users_list=3,create_listing=2";

describeEachDatabase("rate limits", (testDb) => {
  const servers: http.Server[] = [];
  const handles: RateLimiterHandle[] = [];
  const bases: string[] = [];
  let agency: TestAgency;
  let key: string;

  async function startInstance(): Promise<string> {
    const { kind, location } = testDb();
    const handle = rateLimiterFromEnv({ DATABASE_URL: kind === "postgres" ? location : undefined, RATE_LIMITS: LIMITS, REDIS_URL: undefined });
    handles.push(handle);
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: "https://valara.example",
      maxBodyBytes: 1024 * 1024,
      logger: pino({ level: "silent" }),
      rateLimiter: handle.limiter,
    });
    const server = http.createServer((req, res) => void handler(req, res));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  }

  beforeAll(async () => {
    bases.push(await startInstance());
    if (testDb().kind === "postgres") bases.push(await startInstance());
    agency = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
  });
  afterAll(async () => {
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
    for (const handle of handles) await handle.close();
  });

  const get = (path: string, apiKey = key, base = bases[0]!) => fetch(`${base}${path}`, { headers: { "X-API-Key": apiKey } });

  it("counts a budget per key, with the headers on every response, and refuses past it with 429", async () => {
    const fresh = await makeApiKey(agency);
    const started = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 5; i++) {
      const response = await get("/listings", fresh);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-rate-limit-limit")).toBe("5");
      expect(response.headers.get("x-rate-limit-remaining")).toBe(String(4 - i));
      const reset = Number(response.headers.get("x-rate-limit-reset"));
      expect(reset).toBeGreaterThan(started);
      expect(reset).toBeLessThanOrEqual(started + 62);
      expect(response.headers.get("ratelimit-policy")).toBe('"read_listings_list";q=5;w=60');
      expect(response.headers.get("ratelimit")).toMatch(new RegExp(`^"read_listings_list";r=${4 - i};t=\\d+$`));
    }
    const refused = await get("/listings", fresh);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("x-rate-limit-remaining")).toBe("0");
    const body = (await refused.json()) as { error: { code: string; details: Array<{ field: string; message: string }>; request_id: string } };
    expect(body.error.code).toBe("rate_limit_exceeded");
    expect(body.error.details).toEqual([{ field: "budget", message: "read_listings_list" }]);
    expect(body.error.request_id).toBe(refused.headers.get("x-request-id"));

    // Another budget of the same key, and the same budget of another key, are untouched.
    const users = await get("/users", fresh);
    expect(users.status).toBe(200);
    expect(users.headers.get("x-rate-limit-limit")).toBe("3");
    expect((await get("/listings", await makeApiKey(agency))).status).toBe(200);
  });

  it("refuses a write over its budget without doing any work: no listing, no idempotency record", async () => {
    const fresh = await makeApiKey(agency);
    const post = (idem: string, address: string) =>
      fetch(`${bases[0]}/listings`, {
        method: "POST",
        headers: { "X-API-Key": fresh, "Content-Type": "application/json", "X-Idempotency-Key": idem },
        body: JSON.stringify({ address, owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id }),
      });
    expect((await post(randomUUID(), "1 Budget Way")).status).toBe(201);
    expect((await post(randomUUID(), "2 Budget Way")).status).toBe(201);
    const idem = randomUUID();
    const refused = await post(idem, "3 Budget Way");
    expect(refused.status).toBe(429);
    expect(await testDb().db.prisma.tour.count({ where: { agencyId: agency.id, address: "3 Budget Way" } })).toBe(0);
    expect(await testDb().db.prisma.idempotencyKey.count({ where: { key: idem } })).toBe(0);
  });

  it("caps all of an agency's keys together at the agency ceiling", async () => {
    const other = await makeAgency(testDb().db.prisma);
    const keys = await Promise.all([1, 2, 3].map(() => makeApiKey(other)));
    // read_users_list: 3 per key, ceiling 2 × 3 = 6 for the agency.
    const statuses: number[] = [];
    for (const apiKey of keys) for (let i = 0; i < 3; i++) statuses.push((await get("/users", apiKey)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(6);
    const refused = statuses.filter((status) => status === 429);
    expect(refused).toHaveLength(3);
  });

  it("shares one budget between two app instances on PostgreSQL", async (context) => {
    if (testDb().kind !== "postgres") return context.skip();
    // An agency of its own: the others' requests count against their agency's ceiling.
    const fresh = await makeApiKey(await makeAgency(testDb().db.prisma));
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await get("/listings", fresh, bases[i % 2])).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });
});
