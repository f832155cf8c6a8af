// The process's HTTP server (http-server.ts) over real sockets, in front of the real /api/v1
// handler on a real database: slow bodies are cut off with 408, an oversized body is refused
// with 413 and not read any further, the connection cap holds, what Node's parser refuses is
// answered in the envelope, HEAD answers as GET without a body, and overload is shed with 503 and
// Retry-After before any work (no idempotency claim), /healthz excepted.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { createTestDatabase, type TestDatabase } from "../testing/databases";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { connect, rawRequest } from "../testing/raw-http";
import { createHttpServer, type HttpServer, type ServerLimits } from "./http-server";
import { createRestHandler } from "./rest-handler";

const MAX_BODY_BYTES = 64 * 1024;

const LIMITS: ServerLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 3_600_000,
  keepAliveTimeoutMs: 65_000,
  maxConnections: 1000,
  bodyMinBytesPerSecond: 1024,
  bodyRateWindowMs: 20_000,
  maxInFlight: 64,
  maxEventLoopDelayMs: 1000,
  idleCollectMs: 0,
};

interface Running {
  http: HttpServer;
  port: number;
  close(): Promise<void>;
}

/** The server as app-server.ts builds it, with the REST handler and a /healthz behind it. */
async function start(testDb: () => TestDatabase, limits: Partial<ServerLimits> = {}): Promise<Running> {
  const rest = createRestHandler({ router: appRouter, db: async () => testDb().db, appUrl: "https://valara.example", maxBodyBytes: MAX_BODY_BYTES, logger: pino({ level: "silent" }) });
  const server = createHttpServer({
    handler: (req, res) => {
      if (req.url === "/healthz") {
        testDb()
          .db.prisma.$queryRaw`SELECT 1`.then(() => res.end('{"status":"ok"}'))
          .catch(() => res.writeHead(503).end());
        return;
      }
      void rest(req, res);
    },
    limits: { ...LIMITS, ...limits },
    logger: pino({ level: "silent" }),
    unshedPaths: ["/healthz"],
  });
  await new Promise<void>((resolve) => server.server.listen(0, "127.0.0.1", resolve));
  return {
    http: server,
    port: (server.server.address() as AddressInfo).port,
    async close() {
      await server.drain(1000);
    },
  };
}

const listingBody = (agency: TestAgency, address = `${randomUUID().slice(0, 8)} Burst Ave`) =>
  JSON.stringify({ address, owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });

const postHead = (key: string, length: number | "chunked", extra = "") =>
  `POST /api/v1/listings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${key}\r\nX-Idempotency-Key: ${randomUUID()}\r\nContent-Type: application/json\r\n` +
  (length === "chunked" ? "Transfer-Encoding: chunked\r\n" : `Content-Length: ${length}\r\n`) +
  `${extra}\r\n`;

/** Waits for a condition, polling (the thing waited for happens elsewhere: another timer, the server). */
async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pace = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the HTTP server's protocol guards (postgres)", () => {
  let testDb: TestDatabase;
  let agency: TestAgency;
  let key: string;
  let server: Running;
  beforeAll(async () => {
    testDb = await createTestDatabase("postgres");
    agency = await makeAgency(testDb.db.prisma);
    key = await makeApiKey(agency);
    server = await start(() => testDb, { bodyRateWindowMs: 500, bodyMinBytesPerSecond: 200 });
  });
  afterAll(async () => {
    await server?.close();
    await testDb?.dispose();
  });

  it("cuts off a body trickled at 1 byte per 100 ms with 408 in the envelope, and closes the connection", async () => {
    const body = listingBody(agency);
    const connection = await connect(server.port);
    const started = Date.now();
    connection.socket.write(postHead(key, body.length));
    for (let i = 0; i < body.length && !connection.received(); i++) {
      connection.socket.write(body[i]!);
      await pace(100);
    }
    const response = await connection.response();
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body).error).toMatchObject({ code: "request_timeout", request_id: expect.stringMatching(/^req_/) });
    expect(response.headers.connection).toBe("close");
    await connection.closed;
    // One window (500 ms), two at most: nowhere near the hour a request may take.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await testDb.db.prisma.tour.count({ where: { agencyId: agency.id } })).toBe(0);
  });

  it("lets a body that keeps moving above the minimum rate take as long as it needs", async () => {
    // 5,000 bytes at 1,000 bytes a second (five times the minimum): five seconds, ten windows.
    const body = listingBody(agency, "1 Steady Upload Rd").replace("{", `{${" ".repeat(5000)}`);
    const connection = await connect(server.port);
    connection.socket.write(postHead(key, Buffer.byteLength(body), "Connection: close\r\n"));
    for (let offset = 0; offset < body.length; offset += 100) {
      connection.socket.write(body.slice(offset, offset + 100));
      await pace(100);
    }
    const response = await connection.response();
    expect(response.status, response.body).toBe(201);
    expect(JSON.parse(response.body).address).toBe("1 Steady Upload Rd");
  });

  it("does not blame the client for a body its handler is slow to read", async () => {
    // A handler that reads nothing for three windows while the client has sent all it can.
    let readBytes = 0;
    const slow = createHttpServer({
      handler: (req, res) => {
        setTimeout(() => {
          req.on("data", (chunk: Buffer) => (readBytes += chunk.length));
          req.on("end", () => res.end("read"));
        }, 1500);
      },
      limits: { ...LIMITS, bodyRateWindowMs: 500, bodyMinBytesPerSecond: 200 },
      logger: pino({ level: "silent" }),
    });
    await new Promise<void>((resolve) => slow.server.listen(0, "127.0.0.1", resolve));
    try {
      const size = 8 * 1024 * 1024;
      const connection = await connect((slow.server.address() as AddressInfo).port);
      connection.socket.write(`POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`);
      connection.socket.write(Buffer.alloc(size, 120));
      const response = await connection.response();
      expect(response.status).toBe(200);
      expect(response.body).toBe("read");
      expect(readBytes).toBe(size);
    } finally {
      await slow.drain(100);
    }
  });

  for (const framing of ["content-length", "chunked"] as const) {
    it(`answers a 50 MB body (${framing}) with 413 in the envelope and stops reading it`, async () => {
      const total = 50 * 1024 * 1024;
      const connection = await connect(server.port);
      const chunk = Buffer.alloc(256 * 1024, 32);
      connection.socket.write(postHead(key, framing === "chunked" ? "chunked" : total));
      // Write as fast as the server takes it, counting what the socket accepted, until the
      // server closes the connection (or the whole body went, which would be the failure).
      let accepted = 0;
      let writeFailed = false;
      connection.socket.on("error", () => (writeFailed = true));
      while (accepted < total && !connection.socket.destroyed && !writeFailed) {
        const piece = framing === "chunked" ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
        const flushed = connection.socket.write(piece);
        accepted += chunk.length;
        if (!flushed) {
          await Promise.race([new Promise((resolve) => connection.socket.once("drain", resolve)), connection.closed]);
        }
      }
      await connection.closed;
      const response = await connection.response();
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body).error.code).toBe("payload_too_large");
      expect(response.headers.connection).toBe("close");
      // The server took the 64 kB limit plus what the kernels buffer on loopback, never the 50 MB.
      expect(accepted).toBeLessThan(total / 4);
    });
  }

  it("reads (and drops) a small body it answered early, so the client reads the answer rather than a reset", async () => {
    // Refused before the body matters (no key); the body is small enough to be read to its end.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`http://127.0.0.1:${server.port}/api/v1/listings`, { method: "POST", headers: { "Content-Type": "application/json" }, body: Buffer.alloc(512 * 1024, 32) }).then(
          async (response) => ({ status: response.status, connection: response.headers.get("connection"), code: ((await response.json()) as { error: { code: string } }).error.code }),
          (error: Error) => ({ status: 0, connection: null, code: String(error.cause ?? error) }),
        ),
      ),
    );
    for (const answer of answers) expect(answer).toMatchObject({ status: 401, code: "authentication_required" });
    expect(answers.filter((answer) => answer.connection === "close")).toEqual([]);
  });

  it("answers an unknown method in the envelope: one Node's parser refuses (FOO) and one it knows (PROPFIND)", async () => {
    const foo = await rawRequest(server.port, "FOO /api/v1/users HTTP/1.1\r\nHost: x\r\n\r\n");
    expect(foo.status).toBe(405);
    expect(foo.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(JSON.parse(foo.body).error).toMatchObject({ code: "method_not_allowed", request_id: expect.stringMatching(/^req_/) });
    await foo.closedAfter;
    const propfind = await rawRequest(server.port, "PROPFIND /anything HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(propfind.status).toBe(405);
    expect(JSON.parse(propfind.body).error.code).toBe("method_not_allowed");
  });

  it("answers a malformed request and oversized headers in the envelope, not with Node's bare status line", async () => {
    const garbage = await rawRequest(server.port, "GET /api/v1/users HTTP/1.1\r\nHost x\r\n\r\n");
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body).error.code).toBe("validation_failed");
    const huge = await rawRequest(server.port, `GET /api/v1/users HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body).error.code).toBe("headers_too_large");
  });

  it("answers HEAD on a GET route as GET without a body, and lists HEAD in Allow", async () => {
    const url = `http://127.0.0.1:${server.port}/api/v1/users?limit=1`;
    const get = await fetch(url, { headers: { "X-API-Key": key } });
    const head = await fetch(url, { method: "HEAD", headers: { "X-API-Key": key } });
    expect(get.status).toBe(200);
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe(get.headers.get("content-type"));
    expect(head.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await head.text()).toBe("");
    // Without a key it is refused like GET, in the envelope's headers.
    expect((await fetch(url, { method: "HEAD" })).status).toBe(401);
    const options = await fetch(url, { method: "OPTIONS", headers: { "X-API-Key": key } });
    expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    // HEAD on a route that has no GET is a 405 naming what it accepts.
    const headPost = await fetch(`http://127.0.0.1:${server.port}/api/v1/listings/ABC123/cancel`, { method: "HEAD", headers: { "X-API-Key": key } });
    expect(headPost.status).toBe(405);
    expect(headPost.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("holds no more connections than maxConnections: the next one is closed at once, and a freed slot serves again", async () => {
    const capped = await start(() => testDb, { maxConnections: 3 });
    try {
      const connections = () => new Promise<number>((resolve) => capped.http.server.getConnections((_error, count) => resolve(count)));
      const idle = await Promise.all([connect(capped.port), connect(capped.port), connect(capped.port)]);
      await waitUntil(async () => (await connections()) === 3);
      const refused = await connect(capped.port);
      await refused.closed;
      expect(refused.received()).toBe("");
      idle[0]!.socket.destroy();
      await waitUntil(async () => (await connections()) === 2);
      const served = await rawRequest(capped.port, "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      expect(served.status).toBe(200);
      for (const connection of idle) connection.socket.destroy();
    } finally {
      await capped.close();
    }
  });

  it("closes a connection whose request headers do not arrive within headersTimeout, with 408 in the envelope", async () => {
    const strict = await start(() => testDb, { headersTimeoutMs: 1000, requestTimeoutMs: 2000 });
    try {
      const connection = await connect(strict.port);
      const started = Date.now();
      connection.socket.write("GET /api/v1/users HTTP/1.1\r\nHost: x\r\n");
      await connection.closed;
      expect(Date.now() - started).toBeLessThan(5_000);
      const response = await connection.response();
      expect(response.status).toBe(408);
      expect(JSON.parse(response.body).error.code).toBe("request_timeout");
    } finally {
      await strict.close();
    }
  });
});

describeEachDatabase("load shedding", (testDb) => {
  let agency: TestAgency;
  let key: string;
  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
  });

  it("refuses a request beyond MAX_IN_FLIGHT with 503 and Retry-After before any work, and still answers /healthz", async () => {
    const server = await start(testDb, { maxInFlight: 2 });
    try {
      // Two requests admitted and in flight: each got 100 Continue and is waiting for its body.
      const body = listingBody(agency);
      const held = await Promise.all(
        [0, 1].map(async () => {
          const connection = await connect(server.port);
          connection.socket.write(postHead(key, body.length, "Expect: 100-continue\r\nConnection: close\r\n"));
          await connection.until((text) => text.startsWith("HTTP/1.1 100 Continue"));
          return connection;
        }),
      );
      expect(server.http.shedder.inFlight).toBe(2);

      const idempotencyKey = randomUUID();
      const post = () =>
        fetch(`http://127.0.0.1:${server.port}/api/v1/listings`, {
          method: "POST",
          headers: { "X-API-Key": key, "X-Idempotency-Key": idempotencyKey, "Content-Type": "application/json" },
          body: listingBody(agency, "9 Shed Way"),
        });
      const shed = await post();
      expect(shed.status).toBe(503);
      expect(shed.headers.get("retry-after")).toBe("2");
      const envelope = (await shed.json()) as { error: { code: string; request_id: string } };
      expect(envelope.error.code).toBe("service_unavailable");
      expect(envelope.error.request_id).toBe(shed.headers.get("x-request-id"));
      // Before any work: no idempotency claim, no listing.
      expect(await testDb().db.prisma.idempotencyKey.count({ where: { agencyId: agency.id, key: idempotencyKey } })).toBe(0);
      // A request with Expect: 100-continue is refused before it sends its body.
      const waiting = await connect(server.port);
      waiting.socket.write(postHead(key, body.length, "Expect: 100-continue\r\n"));
      expect((await waiting.response()).status).toBe(503);
      expect(waiting.received().startsWith("HTTP/1.1 503")).toBe(true);
      waiting.socket.destroy();

      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);

      // The two held requests finish; the slots are free again and the same key runs afresh.
      for (const connection of held) connection.socket.write(body);
      for (const connection of held) expect((await connection.response()).status).toBe(201);
      await waitUntil(() => server.http.shedder.inFlight === 0);
      const retried = await post();
      expect(retried.status).toBe(201);
      expect(retried.headers.get("x-idempotent-replay")).toBeNull();
    } finally {
      await server.close();
    }
  });

  it("refuses requests while the event loop is behind, and serves again once it has caught up", async () => {
    const server = await start(testDb, { maxEventLoopDelayMs: 50, eventLoopSampleMs: 100 });
    try {
      const url = `http://127.0.0.1:${server.port}/api/v1/users?limit=1`;
      expect((await fetch(url, { headers: { "X-API-Key": key } })).status).toBe(200);
      // Keep the loop busy most of the time, as CPU-bound requests would, while requests arrive
      // in the gaps.
      let busy = true;
      const spinning = (async () => {
        while (busy) {
          const until = Date.now() + 150;
          while (Date.now() < until);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      await waitUntil(() => server.http.shedder.overload() === "event_loop");
      const shed = await fetch(url, { headers: { "X-API-Key": key } });
      const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
      busy = false;
      await spinning;
      expect(shed.status).toBe(503);
      expect(shed.headers.get("retry-after")).toBe("2");
      expect(health.status).toBe(200);
      await waitUntil(() => server.http.shedder.overload() === null);
      expect((await fetch(url, { headers: { "X-API-Key": key } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("collects the garbage a burst left once the server has gone idle", async () => {
    const server = await start(testDb, { idleCollectMs: 100 });
    try {
      // What a burst leaves behind: objects it held until it was answered, garbage from then on.
      let held: unknown[] | null = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `row ${i}`.repeat(4) }));
      const url = `http://127.0.0.1:${server.port}/api/v1/users?limit=1`;
      const response = await fetch(url, { headers: { "X-API-Key": key } });
      const withGarbage = process.memoryUsage().heapUsed;
      held = null;
      expect(response.status).toBe(200);
      await response.text();
      await waitUntil(() => server.http.collector.collected >= 1);
      expect(held).toBeNull();
      expect(process.memoryUsage().heapUsed).toBeLessThan(withGarbage - 16 * 1024 * 1024);
    } finally {
      await server.close();
    }
  });

  it("does not count the work done before the server listens (start-up) as overload", async () => {
    const rest = createRestHandler({ router: appRouter, db: async () => testDb().db, appUrl: "https://valara.example", maxBodyBytes: MAX_BODY_BYTES, logger: pino({ level: "silent" }) });
    const server = createHttpServer({ handler: (req, res) => void rest(req, res), limits: { ...LIMITS, maxEventLoopDelayMs: 50, eventLoopSampleMs: 100 }, logger: pino({ level: "silent" }) });
    // Start-up blocks the loop (Next preparing, migrations) right before listen.
    const until = Date.now() + 800;
    while (Date.now() < until);
    await new Promise<void>((resolve) => server.server.listen(0, "127.0.0.1", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.server.address() as AddressInfo).port}/api/v1/users?limit=1`, { headers: { "X-API-Key": key } });
      expect(response.status).toBe(200);
    } finally {
      await server.drain(100);
    }
  });

  it("answers a burst of 300 concurrent POST /listings with one key only with 201, 409 and 503 with Retry-After", async () => {
    const server = await start(testDb, { maxInFlight: 64 });
    try {
      const before = await testDb().db.prisma.tour.count({ where: { agencyId: agency.id } });
      const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
      const post = (idempotencyKey: string, body: string) =>
        new Promise<{ status: number; retryAfter?: string; code?: string }>((resolve, reject) => {
          const req = http.request(
            { host: "127.0.0.1", port: server.port, path: "/api/v1/listings", method: "POST", agent, headers: { "X-API-Key": key, "X-Idempotency-Key": idempotencyKey, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } },
            (res) => {
              let text = "";
              res.setEncoding("utf8");
              res.on("data", (chunk: string) => (text += chunk));
              res.on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined, code: res.statusCode! >= 400 ? JSON.parse(text).error?.code : undefined }));
            },
          );
          req.on("error", reject);
          req.end(body);
        });
      const tally = (results: { status: number; retryAfter?: string; code?: string }[]) => {
        const counts: Record<string, number> = {};
        for (const r of results) counts[`${r.status}${r.code ? ` ${r.code}` : ""}`] = (counts[`${r.status}${r.code ? ` ${r.code}` : ""}`] ?? 0) + 1;
        return counts;
      };

      // 300 different writes with one API key.
      const distinct = await Promise.all(Array.from({ length: 300 }, () => post(randomUUID(), listingBody(agency))));
      console.log(`burst of 300 distinct writes (${testDb().kind}):`, tally(distinct));
      for (const r of distinct) {
        expect([201, 409, 503], JSON.stringify(r)).toContain(r.status);
        if (r.status === 503) expect(r.retryAfter).toMatch(/^\d+$/);
      }
      const created = distinct.filter((r) => r.status === 201).length;
      expect(await testDb().db.prisma.tour.count({ where: { agencyId: agency.id } })).toBe(before + created);

      // 300 retries of one write under one idempotency key: it runs once.
      const oneKey = randomUUID();
      const body = listingBody(agency, "1 Exactly Once St");
      const same = await Promise.all(Array.from({ length: 300 }, () => post(oneKey, body)));
      console.log(`burst of 300 retries of one write (${testDb().kind}):`, tally(same));
      for (const r of same) {
        expect([201, 409, 503], JSON.stringify(r)).toContain(r.status);
        if (r.status === 409) expect(r.code).toBe("idempotency_key_in_use");
        if (r.status === 503) expect(r.retryAfter).toMatch(/^\d+$/);
      }
      expect(await testDb().db.prisma.tour.count({ where: { agencyId: agency.id, address: "1 Exactly Once St" } })).toBe(1);
      agent.destroy();
    } finally {
      await server.close();
    }
  });
});
