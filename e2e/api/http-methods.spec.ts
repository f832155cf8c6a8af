// Methods against the production build: HEAD answers every GET route (API, pages, documents) as
// GET without a body; a method the server does not answer, including one Node's HTTP parser
// refuses before any handler (FOO), is 405 in Valara's envelope with Allow, never a bare 400 or a
// page rendered as if it were GET.
import net from "node:net";
import { expect, test } from "@playwright/test";
import { provisionAgency, type ProvisionedAgency } from "../support/cli";
import { E2E_BASE_URL, E2E_PORT } from "../support/env";
import { parseResponse } from "../../server/testing/raw-http";

let agency: ProvisionedAgency;
test.beforeAll(async () => {
  agency = await provisionAgency("methods");
});

/** A request written as is over a socket (fetch refuses FOO and PROPFIND's semantics are its own). */
function raw(request: string) {
  return new Promise<NonNullable<ReturnType<typeof parseResponse>>>((resolve, reject) => {
    const socket = net.connect(E2E_PORT, "127.0.0.1", () => socket.write(request));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const response = parseResponse(text);
      if (response) resolve(response);
      else reject(new Error(`no response: ${text.slice(0, 200)}`));
    });
  });
}

test("HEAD answers GET routes as GET, without a body", async () => {
  const paths: [string, Record<string, string>][] = [
    [`/api/v1/users?limit=1`, { "X-API-Key": agency.key }],
    [`/api/v1/listings`, { "X-API-Key": agency.key }],
    ["/signin", {}],
    ["/docs/errors/request_timeout", {}],
    ["/api/openapi.json", {}],
    ["/healthz", {}],
  ];
  for (const [path, headers] of paths) {
    const get = await fetch(`${E2E_BASE_URL}${path}`, { headers });
    const head = await fetch(`${E2E_BASE_URL}${path}`, { method: "HEAD", headers });
    expect(head.status, path).toBe(get.status);
    expect(head.status, path).toBe(200);
    expect(head.headers.get("content-type"), path).toBe(get.headers.get("content-type"));
    expect(await head.text(), path).toBe("");
    expect((await get.text()).length, path).toBeGreaterThan(0);
  }
  // A key still matters: HEAD without one is refused like GET.
  expect((await fetch(`${E2E_BASE_URL}/api/v1/users`, { method: "HEAD" })).status).toBe(401);
  const options = await fetch(`${E2E_BASE_URL}/api/v1/users`, { method: "OPTIONS", headers: { "X-API-Key": agency.key } });
  expect(options.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
});

test("an unknown method is 405 in the envelope with Allow, on the API and on pages", async () => {
  for (const request of [
    "FOO /api/v1/users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "FOO /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "PROPFIND /signin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "PROPFIND /api/v1/users HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
  ]) {
    const response = await raw(request);
    const line = request.split("\r\n")[0];
    expect(response.status, line).toBe(405);
    expect(response.headers["allow"], line).toMatch(/GET/);
    const body = JSON.parse(response.body) as { error: { code: string; request_id: string } };
    expect(body.error.code, line).toBe("method_not_allowed");
    expect(body.error.request_id, line).toMatch(/^req_/);
  }
  const garbage = await raw("GET /signin HTTP/1.1\r\nHost x\r\n\r\n");
  expect(garbage.status).toBe(400);
  expect(JSON.parse(garbage.body).error.code).toBe("validation_failed");
});
