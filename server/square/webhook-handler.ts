// POST /api/integrations/square/webhook: Square's deliveries. Served by the custom server next to
// /api/v1 (not through tRPC: the signature covers the raw bytes, which must be read before any
// parsing). Answers in Valara's error envelope; 200 once an event is recorded, so Square stops
// retrying, and 500 only when our database failed, so Square retries later.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { PrismaClient } from "../db/generated/client.ts";
import { readRawBody } from "../http/raw-body";
import { AppError, errorEnvelope, internalError } from "../errors";
import { newRequestId } from "../ids";
import { isValidSquareSignature } from "./signature";
import { applySquareEvent } from "./webhook-events";

export const SQUARE_WEBHOOK_PATH = "/api/integrations/square/webhook";
export const SIGNATURE_HEADER = "x-square-hmacsha256-signature";
/** Square's event notifications are a few kilobytes; anything far bigger is not from Square. */
export const SQUARE_WEBHOOK_MAX_BYTES = 256 * 1024;

export interface SquareWebhookOptions {
  prisma: () => Promise<PrismaClient>;
  /** SQUARE_WEBHOOK_SIGNATURE_KEY; without it every delivery is refused. */
  signatureKey: string | undefined;
  /** The notification URL exactly as registered with Square. */
  notificationUrl: string;
  logger: Logger;
  maxBytes?: number;
}

/** SQUARE_WEBHOOK_URL, or the receiver's path under APP_URL. */
export function squareNotificationUrl(env: { SQUARE_WEBHOOK_URL?: string; APP_URL: string }): string {
  return env.SQUARE_WEBHOOK_URL ?? `${env.APP_URL}${SQUARE_WEBHOOK_PATH}`;
}

export function createSquareWebhookHandler(options: SquareWebhookOptions) {
  const { logger } = options;
  const maxBytes = options.maxBytes ?? SQUARE_WEBHOOK_MAX_BYTES;

  async function process(req: IncomingMessage, requestId: string): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    if ((req.method ?? "GET").toUpperCase() !== "POST") {
      req.resume();
      throw new AppError("method_not_allowed", `${SQUARE_WEBHOOK_PATH} accepts POST only.`, undefined, { Allow: "POST" });
    }
    if (!options.signatureKey) {
      req.resume();
      throw new AppError("forbidden", "Square webhooks are not configured on this server (SQUARE_WEBHOOK_SIGNATURE_KEY).");
    }
    const header = req.headers[SIGNATURE_HEADER];
    const signature = Array.isArray(header) ? header[0] : header;
    if (!signature) {
      req.resume();
      throw new AppError("authentication_required", `Square webhook deliveries must carry ${SIGNATURE_HEADER}.`);
    }
    const rawBody = await readRawBody(req, maxBytes);
    if (!isValidSquareSignature({ signatureKey: options.signatureKey, notificationUrl: options.notificationUrl, rawBody, header: signature })) {
      logger.warn({ requestId }, "square webhook: bad signature");
      throw new AppError("forbidden", `The ${SIGNATURE_HEADER} signature does not match this body and notification URL.`);
    }
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString("utf8"));
    } catch (error) {
      throw new AppError("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
    }
    const result = await applySquareEvent(await options.prisma(), body);
    const event = body as { event_id?: string; type?: string };
    if (result.outcome === "unknown_invoice") {
      logger.warn({ requestId, eventId: event.event_id, type: event.type, squareInvoiceId: result.squareInvoiceId }, "square webhook: no invoice with this Square id");
    } else {
      logger.info({ requestId, eventId: event.event_id, type: event.type, ...result }, "square webhook");
    }
    return { status: 200, body: { received: true, ...result } };
  }

  return async function handleSquareWebhook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    let status: number;
    let body: unknown;
    let headers: Record<string, string> | undefined;
    try {
      ({ status, body, headers } = await process(req, requestId));
    } catch (error) {
      const appError = error instanceof AppError ? error : internalError();
      if (!(error instanceof AppError)) logger.error({ err: error, requestId }, "square webhook failed");
      ({ status, body, headers } = { status: appError.status, body: errorEnvelope(appError, requestId), headers: appError.headers });
    }
    if (res.headersSent || res.destroyed) return;
    // A body refused before its end (413) is not read on: the connection closes after the answer.
    if (!req.complete) res.setHeader("Connection", "close");
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "X-Request-Id": requestId, ...headers });
    res.end(JSON.stringify(body));
  };
}
