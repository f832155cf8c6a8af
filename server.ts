// Starts Valara: one process serving the dashboard (Next.js) and the API (/api/v1), on the
// embedded PGlite database by default or on PostgreSQL with DATABASE_URL.
//   development: `npm run dev` (tsx, Next in dev mode)
//   production:  `npm start` (the esbuild bundle dist/server.js, after `next build`)
import { EnvError, loadEnv } from "./server/env";
import { createLogger } from "./server/logger";
import { bootDatabase } from "./server/boot";
import { startAppServer } from "./server/http/app-server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, hasDemoData } from "./server/db/seed-demo";
import { resolveAuthSecret } from "./server/auth/secret";
import { EmbeddedDatabaseBusyError } from "./server/db/embedded-lock";
import { createWorker, deliveryMode, warnAboutLoopbackWebhooks } from "./server/webhooks/start-worker";
import { DEFAULT_TIMEOUT_MS } from "./server/webhooks/worker";

// Shutdown waits for the requests in flight (at most SHUTDOWN_DRAIN_SECONDS) and the webhook sends
// in flight (each bounded by the send timeout), then records them and closes the database: give
// up only well after both, or PGlite is not closed cleanly. The timer is the backstop, not the
// plan: with nothing in flight the process is gone in well under a second.
const forceExitAfterMs = (drainMs: number) => Math.max(drainMs, DEFAULT_TIMEOUT_MS) + 10_000;

async function main() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(env.LOG_LEVEL);
  const dev = env.NODE_ENV !== "production";
  warnAboutLoopbackWebhooks(env, logger);

  // next-auth reads these; set them before Next loads its route handlers.
  process.env.NEXTAUTH_SECRET = resolveAuthSecret(env).secret;
  process.env.NEXTAUTH_URL = env.APP_URL;

  let db;
  try {
    db = await bootDatabase(env, logger, "server");
  } catch (error) {
    if (error instanceof EmbeddedDatabaseBusyError) {
      console.error(error.message);
      process.exit(75); // EX_TEMPFAIL
    }
    throw error;
  }
  const app = await startAppServer({ env, db, logger, dev });
  // On the embedded database (or with WEBHOOK_DELIVERY=inline) the app delivers webhooks itself.
  const worker = deliveryMode(env) === "inline" ? createWorker(db, env, logger) : undefined;
  await worker?.start();

  const lines = [`Valara is running at ${env.APP_URL} (${db.kind === "pglite" ? `embedded database in ${db.dataDir}` : "PostgreSQL"})`];
  lines.push(`  API: ${env.APP_URL}/api/v1   OpenAPI: ${env.APP_URL}/api/openapi.json`);
  lines.push(`  Webhooks: ${worker ? "delivered by this process" : "delivered by `npm run worker` processes"}`);
  if (await hasDemoData(db.prisma)) {
    lines.push(`  Demo sign-in at ${env.APP_URL}/signin, password "${DEMO_PASSWORD}" for every demo account:`);
    for (const account of DEMO_ACCOUNTS) lines.push(`    ${account.email.padEnd(30)} ${account.note}`);
  }
  console.log(lines.join("\n"));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const drainMs = env.SHUTDOWN_DRAIN_SECONDS * 1000;
    logger.info({ signal, drainMs }, "shutting down: no new connections; requests in flight may finish");
    const force = setTimeout(() => {
      logger.error({ afterMs: forceExitAfterMs(drainMs) }, "shutdown did not finish in time; exiting anyway");
      process.exit(1);
    }, forceExitAfterMs(drainMs));
    force.unref();
    const started = performance.now();
    let code = 0;
    try {
      // In parallel: requests being answered and webhooks being sent finish in the same wait.
      await Promise.all([app.close({ drainMs }), worker?.stop()]);
      await db.close();
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      code = 1;
    } finally {
      logger.info({ ms: Math.round(performance.now() - started) }, "stopped");
      process.exit(code);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
