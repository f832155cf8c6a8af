// Serves the production build for the Playwright suite: creates a fresh PostgreSQL database,
// starts dist/server.js on it (migrations and the demo seed run at start), and drops the
// database when the server stops.
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
// Uploaded media live under DATA_DIR/media: fresh for each run, like the database (and, like it,
// named after it, so that a run that was killed leaves one directory at most).
const dataDir = path.join(os.tmpdir(), `${name}-data`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });

const child = spawn(process.execPath, ["dist/server.js"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: url.toString(),
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    SEED_DEMO: "1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
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
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
