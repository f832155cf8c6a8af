// Serves the production build for the Playwright suite as it is deployed on PostgreSQL: creates
// a fresh database, starts dist/server.js on it (migrations and the demo seed run at start) and
// two webhook workers (dist/worker.js), and drops the database when they stop.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const port = Number(process.env.E2E_PORT ?? 3210);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = process.env.E2E_DATABASE_NAME ?? "valara_e2e";
const url = new URL(adminUrl);
url.pathname = `/${name}`;

if (!fs.existsSync("dist/server.js") || !fs.existsSync("dist/worker.js") || !fs.existsSync(".next/BUILD_ID")) {
  console.error("e2e-server: no production build; run `npm run build` first");
  process.exit(1);
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

await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await admin(`CREATE DATABASE ${name}`);
// Uploaded media live under DATA_DIR/media: fresh for each run, like the database (and, like it,
// named after it, so that a run that was killed leaves one directory at most).
const dataDir = path.join(os.tmpdir(), `${name}-data`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

// Square: unless the caller configured one, a fake Square (server/testing/fake-square.ts) in a
// process of its own, so that the dashboard's Send invoice / Refresh from Square work end to end.
// Specs find its control server in SQUARE_INFO_FILE (e2e/support/env.ts names the same file).
const squareInfoFile = path.join(os.tmpdir(), `${name}-square.json`);
fs.rmSync(squareInfoFile, { force: true });
let fakeSquare = null;
let square = {};
if (!process.env.SQUARE_ACCESS_TOKEN) {
  const tsx = path.join("node_modules", ".bin", "tsx");
  // It notifies the app as Square would (POST /pay on its control server): signed with the same
  // key, over the same registered URL, as the server below is configured with.
  fakeSquare = spawn(tsx, ["server/testing/fake-square-main.ts"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      FAKE_SQUARE_WEBHOOK_TARGET: `http://127.0.0.1:${port}/api/integrations/square/webhook`,
      FAKE_SQUARE_WEBHOOK_SIGNATURE_KEY: process.env.E2E_SQUARE_WEBHOOK_SIGNATURE_KEY ?? "e2e-square-webhook-signature-key",
      FAKE_SQUARE_NOTIFICATION_URL: process.env.E2E_SQUARE_WEBHOOK_URL ?? "https://valara-e2e.test/api/integrations/square/webhook",
    },
  });
  const info = await new Promise((resolve, reject) => {
    let out = "";
    fakeSquare.stdout.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n")[0];
      if (out.includes("\n")) resolve(JSON.parse(line));
    });
    fakeSquare.once("exit", (code) => reject(new Error(`e2e-server: the fake Square exited (${code}) before it started`)));
  });
  fs.writeFileSync(squareInfoFile, JSON.stringify(info));
  square = { SQUARE_ACCESS_TOKEN: info.accessToken, SQUARE_LOCATION_ID: info.locationId, SQUARE_API_BASE_URL: info.url };
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  HOST: "127.0.0.1",
  PORT: String(port),
  APP_URL: `http://127.0.0.1:${port}`,
  DATABASE_URL: url.toString(),
  DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(32).toString("hex"),
  ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  SEED_DEMO: "1",
  // The specs' webhook receivers listen on 127.0.0.1.
  WEBHOOKS_ALLOW_LOOPBACK: "1",
  // Square webhooks: a fixed test key and registered URL (e2e/support/env.ts has the same ones).
  SQUARE_WEBHOOK_SIGNATURE_KEY: process.env.E2E_SQUARE_WEBHOOK_SIGNATURE_KEY ?? "e2e-square-webhook-signature-key",
  SQUARE_WEBHOOK_URL: process.env.E2E_SQUARE_WEBHOOK_URL ?? "https://valara-e2e.test/api/integrations/square/webhook",
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  // Specs that seed in bulk with one key (500 listings for pagination, uploads, status moves, a
  // delivery log of many redeliveries and tests) would spend those budgets in seconds: these are
  // raised here; every other budget keeps its published default (server/rate-limit/budgets.ts).
  // Sign-in throttling (server/auth/sign-in-throttle.ts): a short lockout, so the lockout spec
  // sees recovery in seconds; every spec signs in from 127.0.0.1, so the per-address limit is high.
  SIGNIN_LOCKOUT_SECONDS: process.env.SIGNIN_LOCKOUT_SECONDS ?? "12",
  SIGNIN_MAX_FAILURES_PER_ADDRESS: process.env.SIGNIN_MAX_FAILURES_PER_ADDRESS ?? "200",
  RATE_LIMITS: process.env.RATE_LIMITS ?? "create_listing=5000,upload_media=1000,update_listing_status=1000,redeliver_webhook=1000,test_webhook=1000",
  ...square,
};

const server = spawn(process.execPath, ["dist/server.js"], { stdio: "inherit", env });
// Workers start once the server has migrated the database (they would wait on the same lock).
const workers = [];
setTimeout(() => {
  for (let i = 0; i < 2; i++) workers.push(spawn(process.execPath, ["dist/worker.js"], { stdio: "inherit", env }));
}, 1000);

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  for (const child of [server, ...workers, ...(fakeSquare ? [fakeSquare] : [])]) child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
server.on("exit", async (code) => {
  stop("SIGTERM");
  await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((resolve) => w.once("exit", resolve)) : null)));
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(squareInfoFile, { force: true });
  process.exit(code ?? 0);
});
