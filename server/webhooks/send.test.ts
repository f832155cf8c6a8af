import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook, storableText } from "./send";

describe("postWebhook", () => {
  let server: http.Server;
  let hits = 0;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits++;
      res.end(req.url === "/nul" ? "o\u0000k\u0000" : "ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(["127.0.0.1", "[::ffff:127.0.0.1]", "localhost"])("never connects to a blocked host given as %s", async (host) => {
    const result = await postWebhook(`http://${host}:${port}/x`, "{}", {}, { timeoutMs: 1000, guard: { allowLoopback: false } });
    expect(result.statusCode).toBeNull();
    expect(result.error).toMatch(/^blocked: /);
    expect(hits).toBe(0);
  });

  it("connects when the development setting allows loopback", async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/x`, "{}", {}, { timeoutMs: 1000, guard: { allowLoopback: true } });
    expect(result).toMatchObject({ statusCode: 200, error: null, responseExcerpt: "ok" });
  });

  it("keeps an excerpt the database can store: NUL bytes are dropped", async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/nul`, "{}", {}, { timeoutMs: 1000, guard: { allowLoopback: true } });
    expect(result).toMatchObject({ statusCode: 200, responseExcerpt: "ok" });
    expect(storableText("\u0000")).toBe("");
  });
});
