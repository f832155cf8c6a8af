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
import { secrets } from "./support/secrets";
import { cli } from "./support/cli";
import { call, isEnvelope, pool } from "./support/http";
import { fuzzRequests } from "./fuzz";
import { WriteLoad, audit, pidOwningPort, retryFailed, send, tally } from "./faults";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { chromium } from "@playwright/test";
import { securityHeaders } from "../server/http/security-headers";
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
    form.set("files", new Blob([fs.readFileSync("e2e/fixtures/media/photo.jpg")], { type: "image/jpeg" }), "x.jpg");
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
    // RSS after each fifth of the requests: memory must level off, not climb with the traffic.
    const rounds = 5;
    const rssAfterRound: number[] = [];
    const perRound = Math.ceil(requests.length / rounds);
    for (let round = 0; round < rounds; round++) {
    await pool(8, requests.slice(round * perRound, (round + 1) * perRound).map((request) => async () => {
      let status = 0;
      let text = "";
      try {
        const response = await fetch(`${stack.baseUrl}${request.path}`, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" });
        status = response.status;
        text = await response.text();
        secrets.scan(text, `fuzzed ${request.operation}`);
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
      rssAfterRound.push(stack.serverRssMb());
    }
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
      "server RSS after each fifth (MB)": rssAfterRound.join(" → "),
    });
    expect(requests.length).toBeGreaterThanOrEqual(count);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(health.status).toBe(200);
  });
});

describe("3. burst", () => {
  test("300 concurrent POST /listings with one API key: only 2xx, 409 and 503 with Retry-After; no 503 wrote anything", async () => {
    const marker = `Burst ${randomUUID().slice(0, 8)}`;
    const distinct = await Promise.all(Array.from({ length: 300 }, () => {
      const key = randomUUID();
      return send(stack, b.key, key, { address: `${marker} ${key}`, owner_user_id: b.ownerId, agent_one_id: b.agentId });
    }));
    const shared = randomUUID();
    const sameBody = { address: `${marker} shared`, owner_user_id: b.ownerId, agent_one_id: b.agentId };
    const sameKey = await Promise.all(Array.from({ length: 300 }, () => send(stack, b.key, shared, sameBody)));
    const ok = (s: number) => (s >= 200 && s < 300) || s === 409 || s === 503;
    for (const [label, attempts] of [["distinct keys", distinct], ["one idempotency key", sameKey]] as const) {
      const t = tally(attempts);
      report(`burst, ${label}`, { requests: t.tried, "2xx": t["2xx"], "409": t["409 in use"], "503": t["503"], "503 without Retry-After": t["503 without Retry-After"], other: attempts.filter((a) => !ok(a.status)).length });
      expect(attempts.filter((a) => !ok(a.status)).map((a) => a.status)).toEqual([]);
      expect(t["503 without Retry-After"]).toBe(0);
    }
    // Every 2xx of the distinct keys is one listing, and a 503 left none behind.
    const written = await audit(stack, marker, distinct.filter((a) => a.listingNumber).map((a) => a.listingNumber!));
    expect(written.lost).toBe(0);
    expect(written.keysWithListing).toBe(distinct.filter((a) => a.status >= 200 && a.status < 300).length + (sameKey.some((a) => a.status < 300) ? 1 : 0));
    expect(written.duplicates).toBe(0);
    // One key: one listing, and every 2xx is that listing.
    expect(new Set(sameKey.filter((a) => a.listingNumber).map((a) => a.listingNumber)).size).toBeLessThanOrEqual(1);
  });
});

describe("4. races against a resource being deleted", () => {
  const allowed = (status: number) => (status >= 200 && status < 300) || status === 404;

  test("webhook endpoint: PATCH, rotate-secret, test, redeliver, GET and two DELETEs at once → 2xx or 404, never 5xx", async () => {
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    for (let round = 0; round < 10; round++) {
      const created = await call(stack.baseUrl, "POST", "/api/v1/webhooks/endpoints", { url: hookUrl, event_types: ["listing.created"], description: `race ${round}` }, { key: b.key });
      expect(created.status).toBe(201);
      const id = created.body.endpoint_id as string;
      await call(stack.baseUrl, "POST", `/api/v1/webhooks/endpoints/${id}/test`, { event_type: "listing.created" }, { key: b.key });
      const delivery = (await call(stack.baseUrl, "GET", `/api/v1/webhooks/endpoints/${id}/deliveries`, undefined, { key: b.key })).body.items[0].delivery_id;
      const e = `/api/v1/webhooks/endpoints/${id}`;
      const racers: [string, string, unknown?][] = [
        ["DELETE", e], ["PATCH", e, { enabled: false }], ["POST", `${e}/rotate-secret`, {}], ["POST", `${e}/test`, { event_type: "listing.created" }],
        ["PATCH", e, { description: "racing" }], ["DELETE", e], ["GET", e], ["GET", `${e}/deliveries`], ["POST", `/api/v1/webhooks/deliveries/${delivery}/redeliver`, {}],
      ];
      const answers = await Promise.all(racers.map(([method, path, body]) => call(stack.baseUrl, method, path, body, { key: b.key })));
      answers.forEach((answer, i) => {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (!allowed(answer.status)) bad.push(`${racers[i]![0]} ${racers[i]![1]} → ${answer.status} ${answer.text.slice(0, 160)}`);
      });
      expect((await call(stack.baseUrl, "GET", e, undefined, { key: b.key })).status).toBe(404);
    }
    report("races: webhook endpoint", Object.fromEntries([...statuses].sort().map(([s, n]) => [String(s), n])));
    expect(bad).toEqual([]);
  });

  test("media: delete, restore, caption, cover, reorder and download at once → never 5xx", async () => {
    const statuses = new Map<number, number>();
    const bad: string[] = [];
    for (let round = 0; round < 5; round++) {
      const form = new FormData();
      form.set("listing_number", b.listingNumber);
      form.set("files", new Blob([fs.readFileSync("e2e/fixtures/media/photo.png")], { type: "image/png" }), `race-${round}.png`);
      const upload = await fetch(`${stack.baseUrl}/api/v1/media/upload`, { method: "POST", headers: { "X-API-Key": b.key, "X-Idempotency-Key": randomUUID() }, body: form });
      expect(upload.status).toBe(201);
      const id = ((await upload.json()) as any).items[0].media_id as string;
      const m = `/api/v1/media/${id}`;
      const racers: [string, string, unknown?][] = [
        ["POST", `${m}/delete`, {}], ["POST", `${m}/delete`, {}], ["POST", `${m}/restore`, {}], ["PATCH", m, { caption: "racing" }],
        ["PATCH", m, { is_cover: true }], ["POST", `/api/v1/listings/${b.listingNumber}/media/order`, { media_ids: [id] }], ["GET", m],
      ];
      const answers = await Promise.all(racers.map(([method, path, body]) => call(stack.baseUrl, method, path, body, { key: b.key })));
      answers.forEach((answer, i) => {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500 || answer.status === 0) bad.push(`${racers[i]![0]} ${racers[i]![1]} → ${answer.status} ${answer.text.slice(0, 160)}`);
      });
    }
    report("races: media", Object.fromEntries([...statuses].sort().map(([s, n]) => [String(s), n])));
    expect(bad).toEqual([]);
  });

  test("blocked time: three removals of one block at once from the dashboard → one removes it, the others NOT_FOUND", async () => {
    const statuses = new Map<number, number>();
    for (let round = 0; round < 5; round++) {
      const block = await b.session.ok<any>("mutation", "scheduling.addBlockedTime", { from: `2032-0${round + 1}-10`, to: `2032-0${round + 1}-11`, reason: "race" });
      const id = block.id ?? block.blocked_time?.id;
      const answers = await Promise.all([1, 2, 3].map(() => b.session.trpc("mutation", "scheduling.removeBlockedTime", { id })));
      for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(answers.map((x) => x.status).filter((s) => !allowed(s))).toEqual([]);
      expect(answers.filter((x) => x.status === 200).length).toBe(1);
    }
    report("races: blocked time", Object.fromEntries([...statuses].sort().map(([s, n]) => [String(s), n])));
  });
});

describe("5. browser side", () => {
  test("security headers on every page type, as server/http/security-headers.ts defines them", async () => {
    const html = await (await fetch(`${stack.baseUrl}/signin`)).text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset, "a Next.js static asset linked from /signin").toBeDefined();
    const token = a.galleryUrl.split("/d/")[1]!;
    const pages: [string, string, Record<string, string>][] = [
      ["REST JSON", "/api/v1/listings?limit=1", { "X-API-Key": a.key }],
      ["REST error", "/api/v1/no-such-thing", { "X-API-Key": a.key }],
      ["REST media", `/api/v1/media/${a.mediaId}`, { "X-API-Key": a.key }],
      ["OpenAPI document", "/api/openapi.json", {}],
      ["tRPC", "/api/trpc/session.me", { Cookie: a.session.cookie }],
      ["dashboard page", "/listings", { Cookie: a.session.cookie }],
      ["dashboard listing page", `/listings/${a.listingNumber}`, { Cookie: a.session.cookie }],
      ["sign-in page", "/signin", {}],
      ["property page", `/property/${a.listingNumber}`, {}],
      ["unbranded property page", `/property/${a.listingNumber}/unbranded`, {}],
      ["property media", `/property/${a.listingNumber}/media/${a.mediaId}/web`, {}],
      ["gallery", `/d/${token}`, {}],
      ["static asset", asset!, {}],
      ["public file", "/icon.svg", {}],
      ["docs", "/docs/errors", {}],
      ["docs page", "/docs/deny-list", {}],
      ["unknown page", "/no-such-page", {}],
    ];
    const failures: string[] = [];
    for (const [kind, path, headers] of pages) {
      const response = await fetch(`${stack.baseUrl}${path}`, { headers, redirect: "manual" });
      await response.arrayBuffer();
      if (response.status >= 500) failures.push(`${kind} ${path}: ${response.status}`);
      const expected = securityHeaders(path.split("?")[0]!, stack.baseUrl);
      for (const [name, value] of Object.entries(expected)) {
        const actual = response.headers.get(name);
        // Pages Next renders carry a stricter policy (proxy.ts: a nonce for scripts) holding every
        // directive of the base one.
        const matches =
          name === "Content-Security-Policy" ? value.split("; ").every((directive) => (actual ?? "").split("; ").includes(directive)) : actual === value;
        if (!matches) failures.push(`${kind} ${path} (${response.status}): ${name} is ${actual}, not ${value}`);
      }
      if (!("X-Frame-Options" in expected) && response.headers.get("x-frame-options")) failures.push(`${kind} ${path}: X-Frame-Options on a framable page`);
    }
    report("headers", { "page types": pages.length, violations: failures.length });
    expect(failures).toEqual([]);
  });

  test("an XSS payload in every stored text field, rendered in Chromium on every page that shows it, executes nothing", async () => {
    // Short enough for the tightest field (100 characters): an attribute break-out, an image whose
    // onerror sets the flag, a script that would open a dialog.
    const payload = (field: string) => `"'><img src=x onerror=__xss=1><script>alert(1)</script>[XSS:${field}]`;
    const x = await provisionAgency(stack, "xss", hookUrl, payload);
    const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
    const browser = await chromium.launch({
      executablePath,
      args: [...(process.getuid?.() === 0 ? ["--no-sandbox"] : []), "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    const shootDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const pages = [
      "/listings", `/listings/${x.listingNumber}`, "/orders", "/packages", "/people", "/manage/webhooks", `/manage/webhooks/${x.endpointId}`,
      "/settings/api-keys", "/settings/scheduling", "/settings/profile", `/calendar?view=day&date=${shootDate}`,
      `/property/${x.listingNumber}`, `/property/${x.listingNumber}/unbranded`, new URL(x.galleryUrl).pathname,
    ];
    const rendered = new Map<string, string[]>();
    const failures: string[] = [];
    let dialogs = 0;
    try {
      const context = await browser.newContext({ baseURL: stack.baseUrl });
      await context.addCookies(x.session.cookies().map((c) => ({ ...c, url: stack.baseUrl })));
      const page = await context.newPage();
      page.on("dialog", (dialog) => {
        dialogs++;
        void dialog.dismiss();
      });
      for (const path of pages) {
        const response = await page.goto(path, { waitUntil: "networkidle" });
        if (!response || response.status() !== 200) failures.push(`${path}: ${response?.status()}`);
        // Wait for the page's data to arrive: a payload marker shows, or the page has settled without one.
        await page.waitForFunction(() => document.body.innerText.includes("[XSS:"), undefined, { timeout: 15_000 }).catch(() => {});
        const text = await page.evaluate(() => document.body.innerText);
        const fields = [...text.matchAll(/\[XSS:([^\]]+)\]/g)].map((m) => m[1]!);
        rendered.set(path, [...new Set(fields)]);
        if (!fields.length) failures.push(`${path}: shows none of the stored fields (the check could not fail there)`);
        if (await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)) failures.push(`${path}: the payload ran (window.__xss set)`);
      }
      await context.close();
    } finally {
      await browser.close();
    }
    const shown = new Set([...rendered.values()].flat());
    // Listing notes are stored with the payload too, but no page shows them yet (only the New
    // listing form takes them): when one does, it is in `rendered` and checked like the rest.
    const mustShow = ["listing address", "media caption", "agent name", "team name", "package name", "webhook description", "api key name", "agency name"];
    for (const [path, fields] of rendered) console.log(`[hardening] xss: ${path} shows ${fields.join(", ")}`);
    report("stored XSS in Chromium", { pages: pages.length, "fields rendered": shown.size, dialogs, "payloads executed": failures.filter((f) => f.includes("ran")).length });
    expect(mustShow.filter((field) => !shown.has(field))).toEqual([]);
    expect(dialogs).toBe(0);
    expect(failures).toEqual([]);
  });
});

describe("6. faults on the suite's own PostgreSQL", () => {
  const seconds = (ms: number | undefined) => (ms === undefined ? "never" : (ms / 1000).toFixed(1));

  async function underLoad(label: string, fault: (load: WriteLoad) => Promise<number>) {
    const load = new WriteLoad(stack, b.key, b, `Fault ${label} ${randomUUID().slice(0, 8)}`, 6);
    await load.successesAfter(0, 20);
    const back = await fault(load);
    await load.successesAfter(back, 20);
    await load.stop();
    const t = tally(load.attempts);
    const final = await retryFailed(stack, b.key, load.attempts);
    const acknowledged = [...load.attempts, ...final.values()].filter((a) => a.listingNumber).map((a) => a.listingNumber!);
    const after = await audit(stack, load.marker, [...new Set(acknowledged)]);
    const unresolvedStatuses = [...final.values()].filter((a) => a.status < 200 || a.status >= 300).map((a) => a.status);
    const unresolved = unresolvedStatuses.length;
    if (unresolved) console.log(`[hardening] ${label}: unresolved after retry, by status: ${JSON.stringify(Object.fromEntries(unresolvedStatuses.map((s) => [s, unresolvedStatuses.filter((x) => x === s).length])))}`);
    report(`fault: ${label}`, {
      tried: t.tried,
      "2xx": t["2xx"],
      "503": t["503"],
      "503 without Retry-After": t["503 without Retry-After"],
      "other 5xx": t["other 5xx"],
      "409 in use": t["409 in use"],
      "no answer": t["no answer"],
      "retried": load.attempts.length - t["2xx"],
      "unresolved after retry": unresolved,
      "acknowledged writes lost": after.lost,
      "duplicates after retry": after.duplicates,
      "seconds to recover": seconds(load.firstSuccessAfter(back) === undefined ? undefined : load.firstSuccessAfter(back)! - back),
    });
    expect(t["other 5xx"]).toBe(0);
    expect(t["503 without Retry-After"]).toBe(0);
    expect(after.lost).toBe(0);
    expect(after.duplicates).toBe(0);
    expect(unresolved).toBe(0);
    expect(after.keysWithListing).toBe(final.size);
    expect((await call(stack.baseUrl, "GET", "/healthz")).status).toBe(200);
  }

  test("(a) PostgreSQL restarted under write load", async () => {
    await underLoad("restart under load", async () => {
      await stack.cluster.restart();
      return Date.now();
    });
  });

  test("(b) PostgreSQL stopped for 10 s, then started", async () => {
    await underLoad("stopped 10 s", async (load) => {
      await stack.cluster.stop();
      const down = Date.now();
      // The fault's length, not a wait for a condition: the database stays down for 10 s.
      await new Promise((r) => setTimeout(r, 10_000));
      await stack.cluster.start();
      const failedWhileDown = load.attempts.filter((a) => a.at > down && a.status !== 0 && (a.status < 200 || a.status >= 300)).length;
      expect(failedWhileDown).toBeGreaterThan(0); // the load really met the outage
      return Date.now();
    });
  });

  test("(c) a webhook worker SIGKILLed mid-delivery: no event lost", async () => {
    const slow = new (await import("./support/receiver")).Receiver();
    const url = await slow.start();
    slow.hold = true;
    const endpoint = await call(stack.baseUrl, "POST", "/api/v1/webhooks/endpoints", { url, event_types: ["listing.created"] }, { key: f.key });
    expect(endpoint.status).toBe(201);
    const numbers: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await call(stack.baseUrl, "POST", "/api/v1/listings", { address: `Kill ${i}`, owner_user_id: f.ownerId, agent_one_id: f.agentId }, { key: f.key });
      expect(created.status).toBe(201);
      numbers.push(created.body.listing_number);
    }
    const deadline = Date.now() + 60_000;
    while (!slow.held.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(slow.held.length).toBeGreaterThan(0);
    const alive = stack.workers.filter((w) => w.exitCode === null && w.signalCode === null);
    const victimPid = pidOwningPort(slow.held[0]!.remotePort, alive.map((w) => w.pid!));
    expect(victimPid, "the worker holding the delivery").toBeDefined();
    const victim = alive.find((w) => w.pid === victimPid)!;
    const killed = Date.now();
    const exited = new Promise((r) => victim.once("exit", r));
    victim.kill("SIGKILL");
    await exited;
    stack.startWorker(); // the supervisor's replacement
    slow.releaseAll();
    const waitUntil = Date.now() + 150_000;
    const received = () => new Set(slow.received.filter((r) => r.eventType === "listing.created").map((r) => r.data?.listing_number));
    while (numbers.some((n) => !received().has(n)) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 200));
    const lost = numbers.filter((n) => !received().has(n)).length;
    report("fault: worker SIGKILL mid-delivery", {
      events: numbers.length,
      "webhook events lost": lost,
      "deliveries received (at least once)": slow.received.length,
      "seconds from kill to all delivered": lost ? "never" : ((Date.now() - killed) / 1000).toFixed(1),
    });
    await slow.stop();
    expect(lost).toBe(0);
  });
});

describe("7. no secret in the trace-level log of the whole run", () => {
  test("every key, ticket, signing secret, session token, password hash and the Square token: 0 hits", async () => {
    // Credentials where they do not belong, so that the log has had every chance to leak them.
    const ticket = await call(stack.baseUrl, "POST", `/api/v1/listings/${b.listingNumber}/upload-tickets`, {}, { key: b.key });
    expect(ticket.status).toBe(201);
    for (const [name, value] of [["api_key", b.key], ["key", a.key], ["token", ticket.body.token], ["X-API-Key", f.key], ["ticket", ticket.body.token]]) {
      const answer = await call(stack.baseUrl, "GET", `/api/v1/users?${name}=${encodeURIComponent(value!)}`, undefined, { key: b.key });
      expect(answer.status, `?${name}=<credential>`).toBe(401);
    }
    const form = new FormData();
    form.set("listing_number", b.listingNumber);
    form.set("files", new Blob([fs.readFileSync("e2e/fixtures/media/photo.jpg")], { type: "image/jpeg" }), "ticket.jpg");
    const upload = await fetch(`${stack.baseUrl}/api/v1/media/upload`, { method: "POST", headers: { "X-Upload-Ticket": ticket.body.token, "X-Idempotency-Key": randomUUID() }, body: form });
    expect(upload.status).toBe(201);
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const hashes = (await client.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE password_hash IS NOT NULL")).rows;
    await client.end();
    for (const { password_hash } of hashes) secrets.add("password hash", password_hash);

    const log = fs.readFileSync(stack.logFile, "utf8");
    const lines = log.split("\n").filter(Boolean).length;
    const checked = secrets.entries();
    const hits = checked.filter(({ value }) => log.includes(value)).map(({ label }) => label);
    const byKind = (pattern: RegExp) => checked.filter(({ value, label }) => pattern.test(value) || pattern.test(label)).length;
    report("log capture (LOG_LEVEL=trace)", {
      "log lines": lines,
      "log MB": (log.length / 1e6).toFixed(1),
      "secrets checked": checked.length,
      "API keys": byKind(/^ma_live_ak_/),
      "upload tickets": byKind(/^ma_upl_/),
      "webhook secrets": byKind(/^whsec_/),
      "session tokens": byKind(/session token/),
      "password hashes": byKind(/password hash/),
      hits: hits.length,
    });
    // The capture really is the trace-level log of the run: request lines and every process.
    expect(lines).toBeGreaterThan(1000);
    expect(log.includes('"msg":"api request"')).toBe(true);
    expect(hits).toEqual([]);
  });
});
