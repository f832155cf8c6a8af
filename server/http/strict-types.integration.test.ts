// JSON bodies keep their schema's types over /api/v1: a boolean field takes only true or false.
// (trpc-to-openapi's adapter coerced them by truthiness: "false" enabled, 0 / "" / null disabled.)
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { appRouter } from "../api/root";
import { createEndpoint } from "../webhooks/endpoints";
import { createRestHandler } from "./rest-handler";

const NOT_BOOLEANS: unknown[] = ["false", "true", null, "", 0, 1, [], {}, "x"];

describeEachDatabase("typed JSON bodies over REST", (testDb) => {
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
    agency = await makeAgency(testDb().db.prisma, { packages: false });
    key = await makeApiKey(agency);
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const patch = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: "PATCH",
      headers: { "X-API-Key": key, "Content-Type": "application/json", "X-Idempotency-Key": randomUUID() },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { enabled?: boolean; error?: { code: string; details?: { field: string }[] } } };
  };

  it("refuses anything but true/false for a webhook endpoint's enabled, with 400 naming the field", async () => {
    const settings = { encryptionKey: randomBytes(32), guard: { allowLoopback: true } };
    const endpoint = await createEndpoint(agency.scope, { url: "http://127.0.0.1:9/hooks", event_types: ["listing.created"] }, settings);
    const path = `/webhooks/endpoints/${endpoint.endpoint_id}`;
    for (const value of NOT_BOOLEANS) {
      const answer = await patch(path, { enabled: value });
      expect({ value, status: answer.status, code: answer.body.error?.code }).toEqual({ value, status: 400, code: "validation_failed" });
      expect(answer.body.error?.details?.map((d) => d.field)).toContain("enabled");
    }
    // Nothing above changed it; real booleans still do.
    expect((await testDb().db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.endpoint_id } })).enabled).toBe(true);
    expect(await patch(path, { enabled: false })).toMatchObject({ status: 200, body: { enabled: false } });
    expect(await patch(path, { enabled: true })).toMatchObject({ status: 200, body: { enabled: true } });
  });

  it("refuses anything but true/false for a media item's is_cover, with 400 naming the field", async () => {
    for (const value of NOT_BOOLEANS) {
      const answer = await patch("/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF", { is_cover: value });
      expect({ value, status: answer.status, code: answer.body.error?.code }).toEqual({ value, status: 400, code: "validation_failed" });
      expect(answer.body.error?.details?.map((d) => d.field)).toContain("is_cover");
    }
    // A well-typed body reaches the lookup: that media does not exist.
    expect((await patch("/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF", { is_cover: false })).status).toBe(404);
  });
});
