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

/**
 * Says at start, loudly, that WEBHOOKS_ALLOW_LOOPBACK is on: it opens the SSRF guard to the
 * machine's own services, which only a development or test setup should do.
 */
export function warnAboutLoopbackWebhooks(env: Pick<Env, "WEBHOOKS_ALLOW_LOOPBACK">, logger: Logger): void {
  if (!env.WEBHOOKS_ALLOW_LOOPBACK) return;
  logger.warn(
    { setting: "WEBHOOKS_ALLOW_LOOPBACK" },
    "WEBHOOKS_ALLOW_LOOPBACK is on: webhook endpoints may be on loopback addresses (localhost, 127.0.0.1), over plain http. For development and testing only; never set it in production.",
  );
}

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
