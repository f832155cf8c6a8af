// `npm run test:hardening`: the proof that Valara holds up (issue 11), against the production
// build on a PostgreSQL cluster of the suite's own, in one run, in this order:
//   1. tenant and scope matrices generated from the router       (matrices.ts)
//   2. property-based fuzzing of every operation from its schema (fuzz.ts)
//   3. a burst of concurrent writes with one key                 (burst.ts)
//   4. races against a resource being deleted                    (races.ts)
//   5. security headers on every page type; stored XSS in Chromium (browser.ts)
//   6. faults: PostgreSQL restarted and stopped under write load, a webhook worker SIGKILLed (faults.ts)
//   7. no secret in the trace-level log of everything above     (logs.ts)
// Each part prints its figures; the table of all of them comes last.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startStack, type Stack } from "./support/stack";
import { provisionAgency, type Agency } from "./support/fixtures";
import { Receiver } from "./support/receiver";
import { report, summaryTable } from "./support/figures";
import { cli } from "./support/cli";
import { call, isEnvelope, pool } from "./support/http";
import { fuzzRequests } from "./fuzz";
import {
  ALL_SCOPES,
  COLLECTION_CHECKS,
  NOT_REFERENCES,
  PLAIN_VALUES,
  PROCEDURE_INPUTS,
  PROCEDURE_EXCLUSIONS,
  REFERENCE_FIELD,
  fillPath,
  opName,
  ownsResource,
  procedures,
  referenceFixture,
  restOperations,
  validRequest,
} from "./matrices";

let stack: Stack;
let receiver: Receiver;
let hookUrl: string;
let a: Agency; // the victim: its resources are what other agencies aim at
let b: Agency; // the other agency
let f: Agency; // the fuzzer's own (it cancels, deletes and rewrites what it finds)
const startedAt = Date.now();

beforeAll(async () => {
  stack = await startStack();
  receiver = new Receiver();
  hookUrl = await receiver.start();
  [a, b, f] = await Promise.all([provisionAgency(stack, "victim", hookUrl), provisionAgency(stack, "other", hookUrl), provisionAgency(stack, "fuzz", hookUrl)]);
  report("setup", { "server RSS at start (MB)": stack.serverRssMb(), "seconds to start and provision": Math.round((Date.now() - startedAt) / 1000) });
});

afterAll(async () => {
  await receiver?.stop();
  await stack?.stop();
  report("total", { seconds: Math.round((Date.now() - startedAt) / 1000) });
  console.log(`\n[hardening] summary\n${summaryTable()}\n`);
});

describe("1. tenant and scope matrices", () => {
  test("the matrices cover every operation of the OpenAPI document and every procedure", async () => {
    const doc = (await call(stack.baseUrl, "GET", "/api/openapi.json")).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => ["get", "post", "patch", "put", "delete"].includes(m)).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const routed = restOperations().map(opName);
    expect(documented.sort()).toEqual([...routed].sort());
    for (const op of restOperations()) {
      if (!ownsResource(op.template)) expect(COLLECTION_CHECKS, `${opName(op)} addresses no resource: add it to COLLECTION_CHECKS`).toHaveProperty([opName(op)]);
    }
    const uncovered: string[] = [];
    for (const procedure of procedures()) {
      if (PROCEDURE_EXCLUSIONS[procedure.path]) continue;
      for (const field of Object.keys(procedure.properties)) {
        if (REFERENCE_FIELD.test(field) && !referenceFixture(procedure.path, field, a)) uncovered.push(`${procedure.path}.${field}`);
      }
    }
    expect(uncovered, "input fields that may name a resource but have no fixture in referenceFixture()").toEqual([]);
    report("matrix coverage", { "OpenAPI operations": documented.length, procedures: procedures().length, "procedure exclusions": Object.keys(PROCEDURE_EXCLUSIONS).length });
  });

  test("REST: another agency's key on every operation that addresses a resource → 404, never 2xx or 5xx", async () => {
    const failures: string[] = [];
    let cases = 0;
    for (const op of restOperations().filter((o) => ownsResource(o.template))) {
      const path = `/api/v1${fillPath(op.template, a)}`;
      const { body, query } = validRequest(op, a);
      const url = query ? `${path}?${query}` : path;
      const foreign = await call(stack.baseUrl, op.method, url, body, { key: b.key });
      cases++;
      if (foreign.status !== 404 || !isEnvelope(foreign.body)) failures.push(`${opName(op)}: B → ${foreign.status} ${foreign.text.slice(0, 160)}`);
      // The same URL with the owner's key answers: the 404 above is the tenancy, not a bad URL.
      if (op.method === "GET") {
        const own = await call(stack.baseUrl, op.method, url, undefined, { key: a.key });
        if (own.status !== 200) failures.push(`${opName(op)}: A on its own resource → ${own.status} ${own.text.slice(0, 160)}`);
      }
    }
    expect(failures).toEqual([]);
    report("tenant matrix (REST)", { "operations × foreign key": cases, violations: failures.length });
  });

  test("REST: operations that address no resource never reveal or accept another agency's", async () => {
    const base = stack.baseUrl;
    const create = await call(base, "POST", "/api/v1/listings", { address: "1 Foreign St", owner_user_id: a.ownerId, agent_one_id: a.agentId }, { key: b.key });
    expect(create.status).toBe(422);
    expect(create.body.error.code).toBe("invalid_reference");
    const listings = await call(base, "GET", `/api/v1/listings?agent_id=${a.agentId}`, undefined, { key: b.key });
    expect(listings.status).toBe(200);
    expect(listings.body.total).toBe(0);
    const users = await call(base, "GET", "/api/v1/users?limit=200", undefined, { key: b.key });
    expect(users.body.items.map((u: { id: string }) => u.id)).not.toContain(a.agentId);
    const endpoints = await call(base, "GET", "/api/v1/webhooks/endpoints", undefined, { key: b.key });
    expect(endpoints.body.items.map((e: { endpoint_id: string }) => e.endpoint_id)).not.toContain(a.endpointId);
    const form = new FormData();
    form.set("listing_number", a.listingNumber);
    form.set("files", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" }), "x.png");
    const upload = await fetch(`${base}/api/v1/media/upload`, { method: "POST", headers: { "X-API-Key": b.key, "X-Idempotency-Key": crypto.randomUUID() }, body: form });
    expect(upload.status).toBe(404);
  });

  test("REST: a key lacking the operation's scope → 403 insufficient_scope, the scope it needs passes", async () => {
    const single = Object.fromEntries(
      await Promise.all(ALL_SCOPES.map(async (scope) => [scope, (await cli(stack.databaseUrl, stack.env, ["key", "create", "--agency", b.slug, "--name", `only ${scope}`, "--scopes", scope])).key as string])),
    );
    const allBut = Object.fromEntries(
      await Promise.all(ALL_SCOPES.map(async (scope) => [scope, (await cli(stack.databaseUrl, stack.env, ["key", "create", "--agency", b.slug, "--name", `all but ${scope}`, "--scopes", ALL_SCOPES.filter((s) => s !== scope).join(",")])).key as string])),
    );
    const failures: string[] = [];
    const tasks: (() => Promise<void>)[] = [];
    for (const op of restOperations()) {
      const path = `/api/v1${fillPath(op.template, a)}`;
      const { body, query } = validRequest(op, a);
      const url = query ? `${path}?${query}` : path;
      const check = (key: string, label: string, expectRefused: boolean) => async () => {
        const answer = op.template === "/media/upload"
          ? await uploadWith(key)
          : await call(stack.baseUrl, op.method, url, body, { key });
        const refused = answer.status === 403 && answer.body?.error?.code === "insufficient_scope";
        if (expectRefused !== refused || answer.status >= 500) failures.push(`${opName(op)} with ${label}: ${answer.status} ${answer.text.slice(0, 120)}`);
      };
      for (const scope of ALL_SCOPES) tasks.push(check(single[scope]!, `only ${scope}`, scope !== op.scope));
      tasks.push(check(allBut[op.scope]!, `every scope but ${op.scope}`, true));
    }
    const uploadWith = async (key: string) => {
      const form = new FormData();
      form.set("listing_number", a.listingNumber);
      form.set("files", new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: "image/png" }), "x.png");
      const response = await fetch(`${stack.baseUrl}/api/v1/media/upload`, { method: "POST", headers: { "X-API-Key": key, "X-Idempotency-Key": crypto.randomUUID() }, body: form });
      const text = await response.text();
      return { status: response.status, text, body: JSON.parse(text || "{}") };
    };
    await pool(4, tasks);
    expect(failures).toEqual([]);
    report("scope matrix (REST)", { cases: tasks.length, violations: failures.length });
  });

  test("dashboard: every procedure given another agency's ids → NOT_FOUND (or 422 for a reference it would attach)", async () => {
    const failures: string[] = [];
    let cases = 0;
    const skipped: string[] = [];
    for (const procedure of procedures()) {
      if (PROCEDURE_EXCLUSIONS[procedure.path]) continue;
      const fields = Object.keys(procedure.properties).filter((f) => REFERENCE_FIELD.test(f) && !(f in NOT_REFERENCES));
      if (fields.length === 0) {
        skipped.push(procedure.path);
        continue;
      }
      const input: Record<string, unknown> = { ...PROCEDURE_INPUTS[procedure.path] };
      let target = false;
      for (const [field, { required }] of Object.entries(procedure.properties)) {
        const reference = REFERENCE_FIELD.test(field) && !(field in NOT_REFERENCES) ? referenceFixture(procedure.path, field, a) : undefined;
        if (reference) {
          input[field] = reference.value;
          target ||= reference.role === "target";
        } else if (required && !(field in input)) {
          const plain = PLAIN_VALUES[field];
          if (!plain) throw new Error(`${procedure.path}: required field ${field} has no value in PLAIN_VALUES`);
          input[field] = plain();
        }
      }
      const answer = await b.session.trpc(procedure.type, procedure.path, input);
      cases++;
      const status = answer.body?.error?.data?.httpStatus ?? answer.status;
      const allowed = target ? [404] : [404, 422];
      if (!allowed.includes(status) || answer.status !== status) failures.push(`${procedure.path}(${JSON.stringify(input).slice(0, 120)}) → ${answer.status} ${answer.text.slice(0, 160)}`);
    }
    expect(failures).toEqual([]);
    report("tenant matrix (dashboard tRPC)", { "procedures × foreign ids": cases, violations: failures.length, "procedures with no id in their input": skipped.length });
  });
});

describe("2. property-based fuzzing of every operation from its OpenAPI schema", () => {
  test("≥ 10,000 requests: 0 × 5xx, every non-2xx in the envelope, healthy after", async () => {
    const count = Number(process.env.HARDENING_FUZZ_REQUESTS ?? 10_000);
    const seed = Number(process.env.HARDENING_FUZZ_SEED ?? Date.now() % 1_000_000);
    const doc = (await call(stack.baseUrl, "GET", "/api/openapi.json")).body;
    const requests = fuzzRequests(doc, f, a, count, seed);
    const rssBefore = stack.serverRssMb();
    const started = Date.now();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    await pool(8, requests.map((request) => async () => {
      let status = 0;
      let text = "";
      try {
        const response = await fetch(`${stack.baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
        status = response.status;
        text = await response.text();
      } catch (error) {
        text = String((error as Error).cause ?? error);
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const ok = status >= 200 && status < 300;
      if (status === 0 || status >= 500 || (!ok && !isEnvelope(body)) || (ok && request.foreign)) {
        failures.push(`${request.method} ${request.path.slice(0, 200)} [seed ${seed}] → ${status} ${text.slice(0, 200)}`);
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    const health = await call(stack.baseUrl, "GET", "/healthz");
    const rssAfter = stack.serverRssMb();
    const fiveHundreds = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
    report("fuzzing", {
      requests: requests.length,
      operations: new Set(requests.map((r) => r.operation)).size,
      seed,
      "2xx": [...statuses].filter(([s]) => s >= 200 && s < 300).reduce((n, [, c]) => n + c, 0),
      "4xx": [...statuses].filter(([s]) => s >= 400 && s < 500).reduce((n, [, c]) => n + c, 0),
      "5xx": fiveHundreds,
      "no answer": statuses.get(0) ?? 0,
      "violations": failures.length,
      "requests/s": Math.round(requests.length / seconds),
      "server RSS before (MB)": rssBefore,
      "server RSS after (MB)": rssAfter,
    });
    expect(requests.length).toBeGreaterThanOrEqual(count);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(health.status).toBe(200);
  });
});
