// Serves the production build for the Playwright suite: creates a fresh PostgreSQL database,
// starts dist/server.js on it (migrations and the demo seed run at start), and drops the
// database when the server stops.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";

const port = Number(process.env.E2E_PORT ?? 3210);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = process.env.E2E_DATABASE_NAME ?? "valara_e2e";
const url = new URL(adminUrl);
url.pathname = `/${name}`;

if (!fs.existsSync("dist/server.js") || !fs.existsSync(".next/BUILD_ID")) {
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

const child = spawn(process.execPath, ["dist/server.js"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: url.toString(),
    AUTH_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Square webhooks: a fixed test key and registered URL (e2e/support/env.ts has the same ones).
    SQUARE_WEBHOOK_SIGNATURE_KEY: process.env.E2E_SQUARE_WEBHOOK_SIGNATURE_KEY ?? "e2e-square-webhook-signature-key",
    SQUARE_WEBHOOK_URL: process.env.E2E_SQUARE_WEBHOOK_URL ?? "https://valara-e2e.test/api/integrations/square/webhook",
  },
});

let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
child.on("exit", async (code) => {
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
  process.exit(code ?? 0);
});
