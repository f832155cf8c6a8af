// /api/v1 over real HTTP, served by the REST handler alone (no Next.js), on both databases:
// PGlite runs everything on one connection, so concurrency is where it could behave differently.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createRestHandler } from "./rest-handler";

describeEachDatabase("REST handler", (testDb) => {
  let server: http.Server;
  let base: string;
  let agency: TestAgency;
  let key: string;

  beforeAll(async () => {
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: "https://valara.example",
      maxBodyBytes: 1024 * 1024,
      logger: pino({ level: "silent" }),
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    agency = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const post = (path: string, body: unknown, idempotencyKey: string) =>
    fetch(`${base}${path}`, {
      method: "POST",
      headers: { "X-API-Key": key, "Content-Type": "application/json", "X-Idempotency-Key": idempotencyKey },
      body: JSON.stringify(body),
    });

  it("creates one listing for fifty concurrent identical POSTs", async () => {
    const body = { address: "50 Concurrent Ave", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" };
    const idem = randomUUID();
    const responses = await Promise.all(Array.from({ length: 50 }, () => post("/listings", body, idem)));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<Record<string, any>>));
    const created = responses.map((r, i) => ({ status: r.status, replay: r.headers.get("x-idempotent-replay"), body: bodies[i]! }));
    const successes = created.filter((c) => c.status === 201);
    expect(successes.filter((c) => c.replay === null)).toHaveLength(1);
    expect(new Set(successes.map((c) => c.body.listing_number)).size).toBe(1);
    for (const other of created.filter((c) => c.status !== 201)) {
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe("idempotency_key_in_use");
    }
    expect(await testDb().db.prisma.tour.count({ where: { agencyId: agency.id, address: "50 Concurrent Ave" } })).toBe(1);
    expect(await testDb().db.prisma.order.count({ where: { agencyId: agency.id } })).toBe(1);
    // Once settled, every retry replays the same listing.
    const replay = await post("/listings", { ...body }, idem);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("x-idempotent-replay")).toBe("true");
    expect((await replay.json()).listing_number).toBe(successes[0]!.body.listing_number);
  });

  it("keeps concurrent different requests apart and consistent", async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post("/listings", { address: `${i} Parallel St`, owner_user_id: agency.owner.id, agent_one_id: agency.agents[i % 2]!.id }, randomUUID()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(201));
    const numbers = new Set<string>();
    let cursor = "";
    do {
      const page = (await (await fetch(`${base}/listings?limit=7${cursor ? `&cursor=${cursor}` : ""}`, { headers: { "X-API-Key": key } })).json()) as {
        items: { listing_number: string }[];
        next_cursor: string;
        total: number;
      };
      for (const item of page.items) {
        expect(numbers.has(item.listing_number)).toBe(false);
        numbers.add(item.listing_number);
      }
      expect(page.total).toBe(31);
      cursor = page.next_cursor;
    } while (cursor);
    expect(numbers.size).toBe(31);
  });

  it("answers every failure in the envelope with the request id header", async () => {
    const checks: [Promise<Response>, number, string][] = [
      [fetch(`${base}/nowhere`, { headers: { "X-API-Key": key } }), 404, "not_found"],
      [fetch(`${base}/users`, { method: "DELETE", headers: { "X-API-Key": key } }), 405, "method_not_allowed"],
      [fetch(`${base}/users`), 401, "authentication_required"],
      [fetch(`${base}/listings/NOPE99`, { headers: { "X-API-Key": key } }), 404, "listing_not_found"],
      [fetch(`${base}/listings?cursor=bogus!`, { headers: { "X-API-Key": key } }), 400, "invalid_cursor"],
      [post("/listings", { address: "" }, randomUUID()), 400, "validation_failed"],
      // Bad percent-encodings (a lone byte of UTF-8, a malformed escape) are bad input, never a 500.
      [fetch(`${base}/listings/%E9`, { headers: { "X-API-Key": key } }), 400, "validation_failed"],
      [fetch(`${base}/listings/%ZZ/orders`, { headers: { "X-API-Key": key } }), 400, "validation_failed"],
      [fetch(`${base}/listings?cursor=%E9`, { headers: { "X-API-Key": key } }), 400, "invalid_cursor"],
      [fetch(`${base}/%E9%ZZ`, { headers: { "X-API-Key": key } }), 404, "not_found"],
    ];
    for (const [pending, status, code] of checks) {
      const response = await pending;
      const body = (await response.json()) as { error: { code: string; message: string; request_id: string } };
      expect({ status: response.status, code: body.error.code }).toEqual({ status, code });
      expect(body.error.request_id).toMatch(/^req_[0-9A-Z]{26}$/);
      expect(response.headers.get("x-request-id")).toBe(body.error.request_id);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
  });
});
