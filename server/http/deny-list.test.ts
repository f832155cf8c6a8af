// Every deny-list entry answers as documented: 404 endpoint_not_in_scope, the reason and the way
// instead in the message and in `not_in_scope`, before any authentication or database work.
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { createRestHandler } from "./rest-handler";
import { DENY_LIST, deniedOperation, operationOf } from "./deny-list";
import { buildRouteTable } from "./routes";
import { buildOpenApiDocument } from "./openapi";
import { renderDenyList } from "./error-docs";

const concrete = (path: string) => path.replace(/\{\w+\}/g, "T0UR123");

describe("the deny list", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const handler = createRestHandler({
      router: appRouter,
      db: async () => {
        throw new Error("the deny list must answer before any database work");
      },
      appUrl: "https://valara.example",
      maxBodyBytes: 1024,
      logger: pino({ level: "silent" }),
    });
    server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("has about sixteen entries, none shadowed by a real route (a route added later wins)", () => {
    expect(DENY_LIST.length).toBeGreaterThanOrEqual(16);
    const routes = buildRouteTable(appRouter);
    for (const entry of DENY_LIST) expect(routes.match(entry.method, concrete(entry.path)).kind, operationOf(entry)).not.toBe("found");
    expect(new Set(DENY_LIST.map(operationOf)).size).toBe(DENY_LIST.length);
  });

  it("every entry answers 404 endpoint_not_in_scope with the reason and the supported way, with or without a key", async () => {
    for (const entry of DENY_LIST) {
      for (const headers of [{}, { "X-API-Key": "ma_live_ak_01JD3Q6W4ZKXY3T5V7B9C1D2EF" }] as Record<string, string>[]) {
        const response = await fetch(`${base}${concrete(entry.path)}`, { method: entry.method, headers });
        const body = (await response.json()) as { error: Record<string, any> };
        expect(response.status, operationOf(entry)).toBe(404);
        expect(body.error.code).toBe("endpoint_not_in_scope");
        expect(body.error.message).toContain(entry.reason);
        expect(body.error.message).toContain(entry.instead);
        expect(body.error.request_id).toBe(response.headers.get("x-request-id"));
        expect(body.error.doc_url).toBe("/docs/errors/endpoint_not_in_scope".replace(/^/, process.env.APP_URL ?? ""));
        expect(body.error.not_in_scope).toEqual({
          operation: operationOf(entry),
          reason: entry.reason,
          supported_alternative: entry.instead,
          dashboard_page: entry.dashboard_page ?? null,
          endpoint: entry.endpoint ?? null,
        });
        expect(body.error.details).toBeUndefined();
      }
    }
  });

  it("matches case-insensitively and ignores a trailing slash, but only for the listed method", () => {
    expect(deniedOperation("post", "/TOURS/abc/Share/")?.path).toBe("/tours/{id}/share");
    expect(deniedOperation("GET", "/tours/abc/share")).toBeUndefined();
    expect(deniedOperation("PATCH", "/appointments/a/b")).toBeUndefined();
  });

  it("is published in the OpenAPI document (x-valara-deny-list) and on /docs/deny-list", () => {
    const doc = buildOpenApiDocument(appRouter, "https://valara.example", { maxFileBytes: 1024 }) as unknown as Record<string, any>;
    expect(doc["x-valara-deny-list"].map((e: { operation: string }) => e.operation)).toEqual(DENY_LIST.map(operationOf));
    const page = renderDenyList();
    for (const entry of DENY_LIST) expect(page).toContain(`<code>${operationOf(entry).replace(/&/g, "&amp;")}</code>`);
  });
});
