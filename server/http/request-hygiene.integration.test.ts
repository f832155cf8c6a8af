// Request hygiene over real HTTP: credentials in a query string are refused and never logged,
// a malformed Host is a 400 and not a 500, two different keys are a 400, and a log capture at
// trace level over requests carrying keys in every place shows no key.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createLogger } from "../logger";
import { createRestHandler } from "./rest-handler";

describeEachDatabase("request hygiene", (testDb) => {
  let server: http.Server;
  let port: number;
  let agency: TestAgency;
  let key: string;
  let otherKey: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    const handler = createRestHandler({
      router: appRouter,
      db: async () => testDb().db,
      appUrl: "https://valara.example",
      maxBodyBytes: 1024 * 1024,
      logger: createLogger("trace", sink),
      logRequests: true,
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    agency = await makeAgency(testDb().db.prisma);
    key = await makeApiKey(agency);
    otherKey = await makeApiKey(agency);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}/api/v1${path}`, { headers: { "X-API-Key": key, ...headers } });

  /** One request over a raw socket, so the Host header is exactly what we write. */
  const raw = (hostLine: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.write(`GET /api/v1/users HTTP/1.1\r\n${hostLine}X-API-Key: ${key}\r\nConnection: close\r\n\r\n`);
      });
      let text = "";
      socket.on("data", (chunk) => (text += chunk));
      socket.on("error", reject);
      socket.on("end", () => resolve({ status: Number(text.split(" ")[1]), body: text.slice(text.indexOf("\r\n\r\n") + 4) }));
    });

  it("refuses a credential in the query string whatever the parameter is called, in the envelope", async () => {
    for (const query of [`api_key=${key}`, `key=${key}`, `token=${key}`, `X-API-Key=${key}`, `API_KEY=x`, `q=${key}`, `cursor=ma_upl_3q2Xn0bS1c9yA4v8Kp6tWm5Rj7Ld2Hf0`]) {
      const response = await get(`/users?${query}`);
      expect(response.status, query).toBe(401);
      const body = (await response.json()) as { error: { code: string; request_id: string } };
      expect(body.error.code, query).toBe("invalid_api_key");
      expect(body.error.request_id).toBeTruthy();
    }
    expect((await get("/users?limit=1")).status).toBe(200);
  });

  it("treats query parameters named after Object.prototype members as unknown ones, not a 500", async () => {
    for (const query of ["valueOf=1", "__proto__=x", "constructor=y&limit=2", "toString=z&hasOwnProperty=1"]) {
      const response = await get(`/users?${query}`);
      expect(response.status, query).toBe(200);
    }
    const deleted = await fetch(`http://127.0.0.1:${port}/api/v1/webhooks/endpoints/we_01M91B5FSHZ52CDPPPS9098E7J?valueOf=1`, { method: "DELETE", headers: { "X-API-Key": key } });
    expect(deleted.status).toBe(404);
  });

  it("answers a malformed Host with 400 validation_failed", async () => {
    for (const host of ["Host: a b\r\n", "Host: \r\n", "Host: x@y\r\n"]) {
      const response = await raw(host);
      expect(response.status, host).toBe(400);
      expect(JSON.parse(response.body).error.code).toBe("validation_failed");
    }
    expect((await raw(`Host: 127.0.0.1:${port}\r\n`)).status).toBe(200);
  });

  it("refuses two different keys, accepts the same key twice", async () => {
    const conflict = await get("/users", { Authorization: `Bearer ${otherKey}` });
    expect(conflict.status).toBe(400);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    expect((await get("/users", { Authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it("logs no key, wherever the request carried it", async () => {
    await get(`/users?api_key=${key}&limit=1`);
    await get(`/users?limit=1&note=${encodeURIComponent(key)}`);
    await get("/users", { Authorization: `Bearer ${otherKey}`, Cookie: `next-auth.session-token=${key}`, "X-Upload-Ticket": "ma_upl_3q2Xn0bS1c9yA4v8Kp6tWm5Rj7Ld2Hf0" });
    await get("/no-such-route?token=" + key);
    await fetch(`http://127.0.0.1:${port}/api/v1/listings`, { method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body: "{" });
    const log = logLines.join("");
    expect(log).toContain("api request");
    for (const secret of [key, otherKey, key.slice("ma_live_ak_".length), "ma_upl_3q2Xn0bS1c9yA4v8Kp6tWm5Rj7Ld2Hf0"]) expect(log).not.toContain(secret);
    expect(log).toContain("[REDACTED]");
  });
});
