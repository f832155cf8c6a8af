// `npm run bench`: throughput and latency of the production build on this machine, printed as a
// table. Bounded (8 connections, 8 s per scenario, loopback only). Needs a local PostgreSQL
// (TEST_DATABASE_URL, as for the tests); builds first if there is no production build.
//
// Scenarios:
//   node:http baseline        a bare server answering a tiny JSON: the ceiling of this machine
//   401 via /api/v1           our REST pipeline, rejected before the database (no key)
//   401 via Next (/api/trpc)  the same router behind a Next.js route handler, rejected (no session)
//   GET /users, GET /listings, GET /listings/{n}, POST /listings: authenticated, database-backed
//   webhook latency           1,000 listings created over the API, each listing.created delivered
//                             by two `dist/worker.js` processes to a receiver on 127.0.0.1: from
//                             the 201 (the transaction has committed) to the receiver's receipt
//   variants, ZIP, limiter    scripts/bench-variants.ts, bench-zip.ts, bench-limiter.ts (each
//                             beside a baseline of its own)
// The database-backed scenarios run on PostgreSQL and on the embedded PGlite.
import { spawn, spawnSync } from "node:child_process";
import http from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

if (!fs.existsSync("dist/server.js") || !fs.existsSync(".next/BUILD_ID")) {
  console.log("no production build; building…");
  if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) process.exit(1);
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(status.match(/VmRSS:\s+(\d+)/)[1]) / 1024);
  } catch {
    return null;
  }
}

async function waitFor(url, child) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited (code ${child.exitCode}) before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not come up`);
}

// One pair for every process of a run: workers decrypt the signing secrets the server encrypted.
const secrets = { AUTH_SECRET: randomBytes(32).toString("hex"), ENCRYPTION_KEY: randomBytes(32).toString("hex") };

async function startValara({ port, env }) {
  const child = spawn(process.execPath, ["dist/server.js"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      // Budgets far above what a load run sends, so each scenario measures the request path with
      // the limiter counting (its cost included) rather than 429s.
      RATE_LIMITS: "read_users_list=100000000,read_listings_list=100000000,read_listing_single=100000000,create_listing=100000000",
      ...secrets,
      ...env,
    },
  });
  await waitFor(`http://127.0.0.1:${port}/healthz`, child);
  return child;
}

function cliJson(args, env) {
  const result = spawnSync(process.execPath, ["dist/cli.js", ...args], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`cli ${args.join(" ")}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

function load(name, options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION, ...options }, (error, result) => {
      if (error) return reject(error);
      resolve({
        name,
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        ok: result["2xx"],
        other: result.non2xx + result.errors + result.timeouts,
      });
    });
  });
}

/** A POST /listings body for the demo agency: its owner, an agent, a package. */
async function newListingBody(base, key) {
  const users = await (await fetch(`${base}/api/v1/users?limit=200`, { headers: { "X-API-Key": key } })).json();
  const owner = users.items.find((u) => u.role === "owner").id;
  const agent = users.items.find((u) => u.role === "agent").id;
  return { address: "1 Bench Way, Portland, OR", owner_user_id: owner, agent_one_id: agent, package: "essentials" };
}

async function seedThroughApi(base, key) {
  const headers = { "X-API-Key": key };
  const body = await newListingBody(base, key);
  for (let i = 0; i < 200; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(`${base}/api/v1/listings`, {
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json", "X-Idempotency-Key": randomUUID() },
          body: JSON.stringify(body),
        }),
      ),
    );
  }
  const first = await (await fetch(`${base}/api/v1/listings?limit=1`, { headers })).json();
  return { body, listingNumber: first.items[0].listing_number };
}

async function databaseScenarios(label, base, key) {
  const { body, listingNumber } = await seedThroughApi(base, key);
  const headers = { "X-API-Key": key };
  return [
    await load(`GET /api/v1/users?limit=10 (${label})`, { url: `${base}/api/v1/users?limit=10`, headers }),
    await load(`GET /api/v1/listings?limit=20 (${label})`, { url: `${base}/api/v1/listings?limit=20`, headers }),
    await load(`GET /api/v1/listings/{n} (${label})`, { url: `${base}/api/v1/listings/${listingNumber}`, headers }),
    await load(`POST /api/v1/listings, new key each (${label})`, {
      url: `${base}/api/v1/listings`,
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, "X-Idempotency-Key": randomUUID() } }) }],
    }),
  ];
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Creates `count` listings over the API (4 at a time) with two worker processes delivering listing.created. */
async function webhookLatency(base, key, env, count = 1000) {
  const receivedAt = new Map();
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      receivedAt.set(JSON.parse(body).data.listing_number, Date.now());
      res.end("ok");
    });
  });
  await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const workers = [0, 1].map(() =>
    spawn(process.execPath, ["dist/worker.js"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", ...secrets, ...env } }),
  );
  try {
    const headers = { "X-API-Key": key, "Content-Type": "application/json" };
    const post = (path, body) => fetch(`${base}/api/v1${path}`, { method: "POST", headers: { ...headers, "X-Idempotency-Key": randomUUID() }, body: JSON.stringify(body) });
    const registered = await post("/webhooks/endpoints", { url: `http://127.0.0.1:${receiver.address().port}/hooks`, event_types: ["listing.created"] });
    if (registered.status !== 201) throw new Error(`registering the endpoint: ${registered.status} ${await registered.text()}`);
    const body = await newListingBody(base, key);
    const created = []; // { listingNumber, sentAt, answeredAt }
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next++ < count) {
          const sentAt = Date.now();
          const res = await post("/listings", body);
          const listing = await res.json();
          if (res.status !== 201) throw new Error(`POST /listings: ${res.status} ${JSON.stringify(listing)}`);
          created.push({ listingNumber: listing.listing_number, sentAt, answeredAt: Date.now() });
        }
      }),
    );
    // Wait for these listings' events (not a count: a POST still in flight from the load scenario
    // may commit after the endpoint was registered and deliver one more).
    for (let i = 0; i < 600 && created.some((c) => !receivedAt.has(c.listingNumber)); i++) await sleep(100);
    const since = (field) => created.map((c) => (receivedAt.get(c.listingNumber) ?? Infinity) - c[field]).sort((a, b) => a - b);
    const [fromAnswer, fromSend] = [since("answeredAt"), since("sentAt")];
    const delivered = fromAnswer.filter(Number.isFinite).length;
    const figures = (sorted) => `p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms`;
    return (
      `Webhooks (PostgreSQL, 2 worker processes): ${delivered}/${count} listing.created delivered\n` +
      `  201 received to delivery received: ${figures(fromAnswer)} (negative: delivered before the 201 arrived)\n` +
      `  POST sent to delivery received:    ${figures(fromSend)}`
    );
  } finally {
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((resolve) => w.once("exit", resolve)) : null)));
    receiver.close();
  }
}

const rows = [];
const memory = [];
const notes = [];

// 1. The machine's ceiling: a bare node:http server in its own process.
{
  const port = 3297;
  const child = spawn(process.execPath, [
    "-e",
    `require("node:http").createServer((q, s) => { s.setHeader("Content-Type", "application/json"); s.end('{"ok":true}'); }).listen(${port}, "127.0.0.1")`,
  ]);
  await sleep(300);
  rows.push(await load("bare node:http, tiny JSON", { url: `http://127.0.0.1:${port}/` }));
  child.kill();
}

// 2. PostgreSQL.
{
  const name = "valara_bench";
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Loopback receivers allowed: the webhook scenario's receiver listens on 127.0.0.1.
  const env = { DATABASE_URL: url.toString(), SEED_DEMO: "1", WEBHOOKS_ALLOW_LOOPBACK: "1" };
  const port = 3298;
  const base = `http://127.0.0.1:${port}`;
  const server = await startValara({ port, env });
  try {
    const { key } = cliJson(["key", "create", "--agency", "northlight", "--name", "bench"], env);
    rows.push(await load("401 via /api/v1 (our server, no key)", { url: `${base}/api/v1/listings` }));
    rows.push(await load("401 via Next route handler (/api/trpc, no session)", { url: `${base}/api/trpc/listings.list` }));
    rows.push(...(await databaseScenarios("PostgreSQL", base, key)));
    memory.push(`PostgreSQL: server RSS ${rssMb(server.pid)} MB after the runs`);
    notes.push(await webhookLatency(base, key, env));
  } finally {
    server.kill("SIGTERM");
    await sleep(500);
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  }
}

// 3. The embedded PGlite.
{
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-bench-"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: "" };
  // The first start seeds the demo; the CLI needs the database to itself, so mint the key
  // between two starts.
  const port = 3299;
  let server = await startValara({ port, env });
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  const { key } = cliJson(["key", "create", "--agency", "northlight", "--name", "bench"], env);
  server = await startValara({ port, env });
  try {
    rows.push(...(await databaseScenarios("PGlite", `http://127.0.0.1:${port}`, key)));
    memory.push(`PGlite: server RSS ${rssMb(server.pid)} MB after the runs`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const baseline = rows[0].rps;
console.log(`\nValara benchmark — ${os.cpus().length} CPUs, ${CONNECTIONS} connections, ${DURATION} s per scenario, production build\n`);
console.log("| scenario | req/s | p50 ms | p99 ms | vs node:http | 2xx | non-2xx/errors |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(`| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${(r.rps / baseline).toFixed(2)} | ${r.ok} | ${r.other} |`);
}
console.log(`\n${[...memory, ...notes].join("\n")}`);

// Variant generation per photo (sharp), beside a decode-only baseline: scripts/bench-variants.ts.
spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-variants.ts"], { stdio: "inherit" });

// "Download all" of a 2 GiB delivery: the server's RSS while the ZIP streams, beside the same
// files streamed with no archive: scripts/bench-zip.ts.
spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "scripts/bench-zip.ts"], { stdio: "inherit" });

// The rate limiter's own cost per request in each store, beside no limiter: scripts/bench-limiter.ts.
spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-limiter.ts"], { stdio: "inherit" });
