// `npm run worker`: a webhook delivery worker process, for PostgreSQL deployments (run as many
// as you like; they share the work without sending any attempt twice). On the embedded database
// the app delivers webhooks itself.
import { EnvError, loadEnv } from "./server/env";
import { createLogger } from "./server/logger";
import { openDatabase } from "./server/db/client";
import { createWorker, warnAboutLoopbackWebhooks } from "./server/webhooks/start-worker";

async function main() {
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  if (!env.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL (PostgreSQL). On the embedded database the app delivers webhooks itself: `npm start` is enough.",
    );
    process.exit(64);
  }
  const logger = createLogger(env.LOG_LEVEL);
  warnAboutLoopbackWebhooks(env, logger);
  const db = await openDatabase(env, { migrate: true, role: "worker" });
  const worker = createWorker(db, env, logger);
  await worker.start();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, worker: worker.id }, "webhook worker stopping");
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
