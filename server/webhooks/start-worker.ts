// Builds the delivery worker for a process: inside the app (embedded database, or
// WEBHOOK_DELIVERY=inline) or as `npm run worker` (PostgreSQL).
import type { Logger } from "pino";
import type { Env } from "../env";
import type { Database } from "../db/client";
import { WEBHOOK_CHANNEL } from "./emit";
import { webhookSettings } from "./endpoints";
import { WebhookWorker, type WorkerOptions } from "./worker";

/** Who delivers by default: the app itself on the embedded database, worker processes on PostgreSQL. */
export const deliveryMode = (env: Pick<Env, "WEBHOOK_DELIVERY" | "DATABASE_URL">) =>
  env.WEBHOOK_DELIVERY ?? (env.DATABASE_URL ? "external" : "inline");

export function createWorker(db: Database, env: Env, logger: Logger, overrides: Partial<WorkerOptions> = {}): WebhookWorker {
  const settings = webhookSettings(env);
  return new WebhookWorker({
    prisma: db.prisma,
    encryptionKey: settings.encryptionKey,
    guard: settings.guard,
    logger,
    listen: (onNotify) => db.listen(WEBHOOK_CHANNEL, onNotify, { logger }),
    ...overrides,
  });
}
