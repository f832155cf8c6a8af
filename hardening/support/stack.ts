// The production build as deployed on PostgreSQL (dist/server.js and dist/worker.js, as
// scripts/e2e-server.mjs starts them), on the suite's own cluster, at LOG_LEVEL=trace with every
// line of every process's stdout and stderr appended to one capture file the log check greps.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BUDGETS } from "../../server/rate-limit/budgets";
import { ThrowawayCluster, freePort } from "./cluster";
import { secrets } from "./secrets";

export interface Stack {
  cluster: ThrowawayCluster;
  baseUrl: string;
  databaseUrl: string;
  dataDir: string;
  logFile: string;
  env: NodeJS.ProcessEnv;
  server: ChildProcess;
  workers: ChildProcess[];
  startWorker(): ChildProcess;
  /** The server's resident set size in MB, read from /proc. */
  serverRssMb(): number;
  stop(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`hardening: timed out waiting for ${what}`);
}

export async function startStack(): Promise<Stack> {
  for (const file of ["dist/server.js", "dist/worker.js", "dist/cli.js", ".next/BUILD_ID"]) {
    if (!fs.existsSync(file)) throw new Error(`hardening: no production build (${file}); run \`npm run build\` first`);
  }
  const pgPort = Number(process.env.HARDENING_PG_PORT) || (await freePort());
  const cluster = new ThrowawayCluster(pgPort);
  await cluster.init();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query("CREATE DATABASE valara_hardening");
  await admin.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/valara_hardening`;

  const port = Number(process.env.HARDENING_PORT) || (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-hardening-data-"));
  const logFile = path.join(dataDir, "capture.log");
  const log = fs.openSync(logFile, "a");

  // Every budget far above what the suite sends: the fuzzer and the burst must reach the handlers,
  // not stop at 429 (the rate limiter itself is still on the path of every request).
  const rateLimits = Object.keys(BUDGETS).map((budget) => `${budget}=1000000`).join(",");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: baseUrl,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    AUTH_SECRET: secrets.add("AUTH_SECRET", randomBytes(32).toString("hex")),
    ENCRYPTION_KEY: secrets.add("ENCRYPTION_KEY", randomBytes(32).toString("hex")),
    // Square configured (the token must never reach a log), pointed at a port nobody listens on.
    SQUARE_ACCESS_TOKEN: secrets.add("SQUARE_ACCESS_TOKEN", `EAAA${randomBytes(24).toString("hex")}`),
    SQUARE_LOCATION_ID: "LHARDENING",
    SQUARE_API_BASE_URL: `http://127.0.0.1:${await freePort()}`,
    SQUARE_WEBHOOK_SIGNATURE_KEY: secrets.add("SQUARE_WEBHOOK_SIGNATURE_KEY", randomBytes(16).toString("hex")),
    SEED_DEMO: "0",
    WEBHOOK_DELIVERY: "external",
    WEBHOOKS_ALLOW_LOOPBACK: "1",
    LOG_LEVEL: "trace",
    LOG_REQUESTS: "true",
    RATE_LIMITS: rateLimits,
    SIGNIN_MAX_FAILURES_PER_ADDRESS: "100000",
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: "100000",
  };

  const spawnLogged = (entry: string) => spawn(process.execPath, [entry], { env, stdio: ["ignore", log, log] });
  const server = spawnLogged("dist/server.js");
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  await waitFor("the server's /healthz", async () => {
    if (server.exitCode !== null) throw new Error(`hardening: the server exited (${server.exitCode}); see ${logFile}`);
    return (await fetch(`${baseUrl}/healthz`)).status === 200;
  }, 120_000);

  const workers: ChildProcess[] = [];
  const startWorker = () => {
    const worker = spawnLogged("dist/worker.js");
    workers.push(worker);
    return worker;
  };
  startWorker();
  startWorker();

  return {
    cluster,
    baseUrl,
    databaseUrl,
    dataDir,
    logFile,
    env,
    server,
    workers,
    startWorker,
    serverRssMb() {
      const status = fs.readFileSync(`/proc/${server.pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    async stop() {
      const alive = [server, ...workers].filter((child) => child.exitCode === null && child.signalCode === null);
      await Promise.all(alive.map((child) => new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      })));
      await exited;
      fs.closeSync(log);
      await cluster.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
