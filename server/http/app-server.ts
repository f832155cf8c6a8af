// The one HTTP server of a Valara process. API paths go straight to our handlers, which skips
// Next.js's per-request pipeline (measured here at ~20x the cost of the API work itself, see the
// README); everything else (dashboard pages, /api/trpc, /api/auth) goes to Next.
import http from "node:http";
import { securityHeaders } from "./security-headers";
import { redactUrl } from "./query-credentials";
import next from "next";
import type { Logger } from "pino";
import type { Env } from "../env";
import type { Database } from "../db/client";
import { appRouter } from "../api/root";
import { API_PREFIX, createRestHandler } from "./rest-handler";
import { buildOpenApiDocument } from "./openapi";
import { newRequestId } from "../ids";
import { purgeExpiredIdempotencyKeys } from "./idempotency";
import { SQUARE_WEBHOOK_PATH, createSquareWebhookHandler, squareNotificationUrl } from "../square/webhook-handler";
import { createStorage } from "../storage/storage";
import { createMediaRoutes } from "./media-routes";
import { purgeDeletedMedia } from "../media/curate";
import { rateLimiterFromEnv } from "../rate-limit/from-env";
import { countPageVisit, isPublicMediaPath, servePublicMedia } from "../property/public-routes";
import { overrideSource } from "../rate-limit/overrides";
import { setSharedRateLimiter } from "../rate-limit/limiter";
import { clientAddress, parseTrustedProxies } from "../access/client-address";
import { CLIENT_ADDRESS_HEADER } from "../auth/sign-in-throttle";
import { docsFor, type DocsAnswer } from "./api-docs";
import { isGalleryDownloadPath, serveGalleryDownload } from "../delivery/gallery-routes";
import { createHttpServer, limitsFromEnv } from "./http-server";

export interface AppServer {
  server: http.Server;
  port: number;
  /**
   * Stops gracefully: no new connections or requests, the ones in flight finish (for at most
   * `drainMs`, default SHUTDOWN_DRAIN_SECONDS), idle connections close at once; then Next and the
   * rate limiter are closed.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

export async function startAppServer(options: { env: Env; db: Database; logger: Logger; dev: boolean }): Promise<AppServer> {
  const { env, db, logger, dev } = options;
  const nextApp = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT, quiet: !dev });
  const handleNext = nextApp.getRequestHandler();
  await nextApp.prepare();

  const storage = createStorage(env);
  // Rate-limit counters: Redis, PostgreSQL or memory (server/rate-limit/from-env.ts).
  // Platform admins' per-key and per-agency overrides, cached per process (rate-limit/overrides.ts).
  const overrides = overrideSource(db.prisma);
  const rateLimits = rateLimiterFromEnv(env, { overrideOf: overrides.lookup, refreshOverrides: () => overrides.refresh() });
  setSharedRateLimiter(rateLimits.limiter);
  logger.info({ store: rateLimits.store }, "rate-limit counters");
  const trustedProxies = parseTrustedProxies(env.TRUSTED_PROXIES);
  const handleRest = createRestHandler({
    rateLimiter: rateLimits.limiter,
    accessDenials: { trustedProxies },
    router: appRouter,
    db: async () => db,
    appUrl: env.APP_URL,
    maxBodyBytes: env.API_MAX_BODY_BYTES,
    logger,
    logRequests: env.LOG_REQUESTS,
    customRoutes: createMediaRoutes({ storage, appUrl: env.APP_URL, maxFileBytes: env.MEDIA_MAX_FILE_BYTES, logger }),
  });
  const openApiJson = JSON.stringify(buildOpenApiDocument(appRouter, env.APP_URL, { maxFileBytes: env.MEDIA_MAX_FILE_BYTES }));
  const handleSquareWebhook = createSquareWebhookHandler({
    prisma: async () => db.prisma,
    signatureKey: env.SQUARE_WEBHOOK_SIGNATURE_KEY,
    notificationUrl: squareNotificationUrl(env),
    logger,
  });

  const dispatch = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? "/";
    const path = url.split("?", 1)[0]!;
    let docs: DocsAnswer | undefined;
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
      void handleRest(req, res);
    } else if (path === SQUARE_WEBHOOK_PATH) {
      void handleSquareWebhook(req, res);
    } else if ((path === "/docs" || path.startsWith("/docs/")) && (docs = docsFor(path))) {
      // The API reference (every envelope's doc_url points into it).
      res.writeHead(200, { "Content-Type": docs.contentType, "Cache-Control": `public, max-age=${docs.maxAgeSeconds}` });
      res.end(docs.body);
    } else if (path === "/api/openapi.json") {
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300", "X-Request-Id": newRequestId() });
      res.end(openApiJson);
    } else if (path === "/healthz") {
      db.prisma.$queryRaw`SELECT 1`
        .then(() => {
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ status: "ok", database: db.kind }));
        })
        .catch((error: unknown) => {
          logger.error({ err: error }, "health check failed");
          res.writeHead(503, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ status: "unavailable" }));
        });
    } else if (isPublicMediaPath(path)) {
      // The photos, floor plans and videos of public property pages (no credentials).
      servePublicMedia(db.prisma, storage, req, res, path).catch((error: unknown) => {
        logger.error({ err: error, url: redactUrl(url) }, "public media request failed");
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    } else if (isGalleryDownloadPath(path)) {
      // A delivery gallery's files and ZIP (the token in the path is the credential).
      serveGalleryDownload(db.prisma, storage, logger, req, res, path).catch((error: unknown) => {
        logger.error({ err: error, url: path.replace(/^\/d\/[^/]+/, "/d/<token>") }, "gallery download failed");
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    } else {
      // The client's address from the socket and TRUSTED_PROXIES, never taken from the client.
      const address = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies) ?? "unknown";
      // A visit of a property page is counted beside the render, never before it.
      if (path.startsWith("/property/")) countPageVisit(db.prisma, req, path, logger, address);
      // What the dashboard's sign-in throttle counts per address (next-auth sees only headers).
      req.headers[CLIENT_ADDRESS_HEADER] = address;
      handleNext(req, res).catch((error: unknown) => {
        logger.error({ err: error, url: redactUrl(url) }, "next request failed");
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    }
  };
  // Timeouts, the connection cap, load shedding, the envelope for what Node's parser refuses, and
  // the drain on shutdown (http-server.ts). Media uploads (50 MB a file, several files) from a
  // photographer's connection may take the hour of REQUEST_TIMEOUT_SECONDS, as long as they keep
  // moving.
  const { server, drain } = createHttpServer({
    handler: dispatch,
    limits: limitsFromEnv(env),
    logger,
    headersFor: (path) => securityHeaders(path, env.APP_URL),
    unshedPaths: ["/healthz"],
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;

  // Stored idempotent responses live 24 hours; sweep the expired ones hourly.
  const sweeper = setInterval(() => {
    purgeExpiredIdempotencyKeys(db.prisma).catch((error: unknown) => logger.warn({ err: error }, "idempotency sweep failed"));
    // Media deleted more than 7 days ago (past its undo): rows, then files.
    purgeDeletedMedia(db.prisma, storage).catch((error: unknown) => logger.warn({ err: error }, "deleted media purge failed"));
  }, 60 * 60 * 1000);
  sweeper.unref();

  return {
    server,
    port,
    async close({ drainMs = env.SHUTDOWN_DRAIN_SECONDS * 1000 } = {}) {
      clearInterval(sweeper);
      const { forced } = await drain(drainMs);
      logger.info({ forced }, forced ? "requests still in flight were cut off after the drain" : "every request in flight was answered");
      await nextApp.close();
      await rateLimits.close();
    },
  };
}
