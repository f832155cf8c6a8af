// /api/v1: the router's procedures as REST, through trpc-to-openapi's node-http adapter, with
// what the adapter does not do itself:
//   - a request id on every response (X-Request-Id) and Valara's error envelope on every error
//     (the adapter's own error body is replaced);
//   - 404 for unknown routes and 405 (with Allow) for known routes with the wrong method;
//   - API key authentication before anything else runs;
//   - JSON body parsing with a size limit and clear errors (415, 413, 400 invalid_json);
//   - idempotency for POST and PATCH;
//   - the success status each procedure declares (201 on create).
// A few routes are served by handlers of their own (custom-route.ts: media uploads and
// downloads); they go through the same steps, with the credentials each accepts.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import { pinMutationInputCoercion } from "../api/pin-coercion";
import type { TRPCError } from "@trpc/server";
import type { Logger } from "pino";
import type { Database } from "../db/client";
import { newRequestId } from "../ids";
import { AppError, databaseUnavailableError, errorEnvelope, internalError } from "../errors";
import { isDatabaseUnavailable } from "../db/errors";
import { appErrorOf, scopeError, type ApiKeyActor, type Context } from "../api/trpc";
import { MAX_INPUT_DEPTH, nestedDeeperThan } from "../api/input-guard";
import type { AppRouter } from "../api/root";
import { requestFingerprint, runIdempotently, validateIdempotencyKey, type StoredResponse } from "./idempotency";
import { ClientGone, readRawBody } from "./raw-body";
import { buildRouteTable } from "./routes";
import { queryObject } from "./query-object";
import { authenticateRequest } from "./credentials";
import { closesAfterEarlyAnswer } from "./http-server";
import type { CustomRoute, Outcome } from "./custom-route";
import type { RateLimiter } from "../rate-limit/limiter";
import { enforceRateLimit } from "../rate-limit/rest";
import { deniedOperation, notInScopeField, operationOf } from "./deny-list";
import { accessDeniedError, denialMatcher } from "../access/denials";
import { clientAddress, type Range } from "../access/client-address";
import { queryCarriesCredential, redactUrl } from "./query-credentials";
import { isValidHostHeader } from "./host-header";

export const API_PREFIX = "/api/v1";

export interface RestHandlerOptions {
  router: AppRouter;
  db: () => Promise<Database>;
  appUrl: string;
  maxBodyBytes: number;
  logger: Logger;
  logRequests?: boolean;
  /** Routes served by their own handlers (media). */
  customRoutes?: readonly CustomRoute[];
  /** Signs dashboard sessions (default: NEXTAUTH_SECRET), for routes that accept the session cookie. */
  sessionSecret?: string;
  /** Counts API-key requests against their budgets (server/rate-limit); none: unlimited. */
  rateLimiter?: RateLimiter;
  /** Enforces operators' denials (server/access/denials.ts); none: not checked. */
  accessDenials?: { trustedProxies: readonly Range[]; ttlMs?: number };
}

interface RequestState {
  requestId: string;
  actor: ApiKeyActor;
  db: Database;
  error?: TRPCError;
}

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT"]);
// Names integrators sometimes use for a key in the URL; refused so a key never lands in logs.

export function createRestHandler(options: RestHandlerOptions) {
  const { router, logger } = options;
  const routes = buildRouteTable(router, options.customRoutes ?? []);
  // JSON bodies keep their schema's types: the adapter would coerce them by truthiness.
  pinMutationInputCoercion(router);
  const states = new WeakMap<IncomingMessage, RequestState>();

  const adapter = createOpenApiNodeHttpHandler<AppRouter, IncomingMessage, ServerResponse>({
    router,
    maxBodySize: options.maxBodyBytes,
    createContext: ({ req }): Context => {
      const state = states.get(req)!;
      return { requestId: state.requestId, transport: "rest", db: state.db, actor: state.actor, appUrl: options.appUrl };
    },
    responseMeta: ({ paths, errors }) => {
      if (errors.length > 0 || !paths?.[0]) return {};
      return { status: routes.metaOf(paths[0])?.successStatus ?? 200 };
    },
    onError: ({ error, req }) => {
      const state = states.get(req as IncomingMessage);
      if (state) state.error = error;
    },
  }) as unknown as (req: IncomingMessage, res: unknown) => Promise<void>;

  /** Runs the procedure through the adapter and captures what it would have written. */
  function invoke(req: IncomingMessage, res: ServerResponse, state: RequestState): Promise<StoredResponse & { headers?: Record<string, string> }> {
    states.set(req, state);
    return new Promise<StoredResponse & { headers?: Record<string, string> }>((resolve, reject) => {
      let statusCode = 200;
      const capture = {
        get statusCode() {
          return statusCode;
        },
        set statusCode(code: number) {
          statusCode = code;
        },
        setHeader() {},
        end(body?: string) {
          if (statusCode >= 400) {
            const appError = state.error ? toAppError(state.error, state.requestId) : internalError();
            // A refusal's own headers (Retry-After of a per-endpoint limit) go out with it.
            resolve({ status: appError.status, body: JSON.stringify(errorEnvelope(appError, state.requestId)), ...(appError.headers ? { headers: appError.headers } : {}) });
          } else {
            resolve({ status: statusCode, body: body ?? "" });
          }
        },
        // The adapter listens for the client going away; let it listen on the real response.
        once: res.once.bind(res),
        on: res.on.bind(res),
        off: res.off.bind(res),
        get writableEnded() {
          return res.writableEnded;
        },
      };
      adapter(req, capture).catch(reject);
    });
  }

  function toAppError(error: TRPCError, requestId: string): AppError {
    if (isDatabaseUnavailable(error.cause)) {
      logger.warn({ err: error.cause, requestId }, "database unavailable during an /api/v1 request; answered 503");
      return databaseUnavailableError();
    }
    const known = appErrorOf(error);
    if (known) return known;
    switch (error.code) {
      case "PARSE_ERROR":
        return new AppError("invalid_json", "The body is not valid JSON.");
      case "PAYLOAD_TOO_LARGE":
        return new AppError("payload_too_large", `The body is larger than ${options.maxBodyBytes} bytes.`);
      case "UNSUPPORTED_MEDIA_TYPE":
        return new AppError("unsupported_media_type", "Send the body as application/json.");
      case "NOT_FOUND":
        return new AppError("not_found", "No such resource.");
      default:
        logger.error({ err: error.cause ?? error, requestId, trpcCode: error.code }, "unhandled error in /api/v1");
        return internalError();
    }
  }

  /** `headers`: set on the response whatever its outcome (the rate-limit headers). */
  async function process(req: IncomingMessage, res: ServerResponse, requestId: string, headers: Record<string, string>): Promise<Outcome> {
    // HEAD is GET without the body (Node's response leaves the body out for a HEAD request).
    const method = headAsGet((req.method ?? "GET").toUpperCase());
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!isValidHostHeader(req.headers.host)) {
      req.resume();
      throw new AppError("validation_failed", "The Host header is not a valid host name.", [{ field: "Host", message: "must be a host name or IP address, with an optional port" }]);
    }
    // ── Operators' denials (server/access): the client address first, before any other work;
    // the key and its agency as soon as the key is known. One cached lookup for both.
    const denials = options.accessDenials ? await denialMatcher((await options.db()).prisma, options.accessDenials.ttlMs) : undefined;
    const address = options.accessDenials ? clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], options.accessDenials.trustedProxies) : null;
    const refuse = (rule: Parameters<typeof accessDeniedError>[0]): never => {
      req.resume();
      logger.warn({ requestId, rule: { id: rule.id, kind: rule.kind, subject: rule.subject }, address, method, path: url.pathname }, "request denied by an operator rule");
      throw accessDeniedError(rule);
    };
    const addressRule = denials?.address(address);
    if (addressRule) refuse(addressRule);
    const path = decodeUnreserved(url.pathname.slice(API_PREFIX.length));
    const match = routes.match(method, path);
    // ── The deny list (deny-list.ts): an operation kept off the API on purpose says so and names
    // the supported way, before anything else; a real route always wins over an entry.
    if (match.kind !== "found") {
      const denied = deniedOperation(method, path);
      if (denied) {
        req.resume();
        throw new AppError(
          "endpoint_not_in_scope",
          `${operationOf(denied)} is deliberately not part of the public API: ${denied.reason} ${denied.instead}`,
          undefined,
          undefined,
          undefined,
          { not_in_scope: notInScopeField(denied) },
        );
      }
    }
    if (match.kind === "none") throw new AppError("not_found", `No route ${method} ${url.pathname}.`);
    const allow = [...withHead(match.allowed), "OPTIONS"].join(", ");
    if (method === "OPTIONS") return { status: 204, body: "", headers: { Allow: allow } };
    if (match.kind === "wrong_method") {
      throw new AppError("method_not_allowed", `${url.pathname} does not accept ${req.method?.toUpperCase()}; it accepts ${withHead(match.allowed).join(", ")}.`, undefined, {
        Allow: allow,
      });
    }
    if (queryCarriesCredential(url.searchParams)) {
      req.resume();
      throw new AppError("invalid_api_key", "Credentials are not accepted in the query string; send X-API-Key or Authorization: Bearer.");
    }

    const db = await options.db();
    const custom = match.route.custom;
    const caller = await authenticateRequest(req, db.prisma, custom?.auth ?? ["api_key"], {
      appUrl: options.appUrl,
      sessionSecret: options.sessionSecret,
      onKeyUseError: (error) => logger.warn({ err: error, requestId }, "could not record api key use"),
    });
    if (denials && caller.via === "api_key") {
      const rule = denials.key(caller.actor.keyId, caller.agencyId);
      if (rule) refuse(rule);
    }
    // The scope, like the key itself, is the caller's and not the request's: check it before the
    // idempotency ledger, or a 403 would be stored and replayed for 24 hours to a retry with the
    // same idempotency key from a key that has the scope. (agencyProcedure checks it again.)
    const scope = match.route.meta.scope;
    if (scope && !caller.scopes.includes(scope)) {
      req.resume();
      throw scopeError(caller.via, scope);
    }
    // ── Rate limits (server/rate-limit): before anything that does work for the request.
    if (options.rateLimiter && caller.via === "api_key") {
      const { route } = match;
      await enforceRateLimit(
        options.rateLimiter,
        { req, method: route.method, template: route.template, keyId: caller.actor.keyId, agencyId: caller.agencyId },
        headers,
        (error) => logger.warn({ err: error, requestId }, "rate-limit counters unreachable; request not counted"),
      );
    }
    if (custom) {
      const idempotencyKey = WRITE_METHODS.has(method) ? validateIdempotencyKey(req.headers["x-idempotency-key"]) : undefined;
      return custom.handle({ req, res, requestId, path: match.normalizedPath, caller, db, idempotencyKey });
    }
    // Procedures take API keys only (custom?.auth above).
    if (caller.via !== "api_key") throw new Error("a procedure route was authenticated without an API key");
    const state: RequestState = { requestId, actor: caller.actor, db };
    // The adapter matches on the path below the prefix (and on GET for a HEAD), and reads the
    // query we parse (query-object.ts).
    req.url = `${path}${url.search}`;
    req.method = method;
    (req as IncomingMessage & { query?: unknown }).query = queryObject(url.searchParams);

    if (!WRITE_METHODS.has(method)) return invoke(req, res, state);

    const body = await readJsonBody(req, options.maxBodyBytes);
    // Parsed and checked above; the adapter reads it from req.body. A bodiless POST (cancel) is
    // an empty object, so tell the adapter's own content-type check that it is JSON.
    (req as IncomingMessage & { body?: unknown }).body = body;
    req.headers["content-type"] = "application/json";
    const key = validateIdempotencyKey(req.headers["x-idempotency-key"]);
    return runIdempotently(
      db.prisma,
      // Every path segment here is case-insensitive (routes, listing numbers), so the case of the
      // path does not make a retry a different request.
      { agencyId: caller.agencyId, key, fingerprint: requestFingerprint(method, match.normalizedPath.toLowerCase(), body) },
      () => invoke(req, res, state),
    );
  }

  return async function handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const requestId = newRequestId();
    // What the client sent, for the log (the adapter is handed GET for a HEAD).
    const sentMethod = req.method;
    let outcome: Outcome;
    const pipelineHeaders: Record<string, string> = {};
    try {
      outcome = await process(req, res, requestId, pipelineHeaders);
    } catch (error) {
      const unavailable = !(error instanceof AppError) && isDatabaseUnavailable(error);
      const appError = error instanceof AppError ? error : unavailable ? databaseUnavailableError() : internalError();
      if (!(error instanceof AppError)) {
        if (unavailable) logger.warn({ err: error, requestId }, "database unavailable during an /api/v1 request; answered 503");
        else if (res.destroyed || res.headersSent || error instanceof ClientGone) logger.info({ err: error, requestId }, "client went away during an /api/v1 request");
        else logger.error({ err: error, requestId }, "unhandled error in /api/v1");
      }
      outcome = { status: appError.status, body: JSON.stringify(errorEnvelope(appError, requestId)), headers: appError.headers };
    }
    if (res.headersSent || res.destroyed) {
      outcome.stream?.destroy();
      return;
    }
    res.statusCode = outcome.status;
    res.setHeader("X-Request-Id", requestId);
    res.setHeader("Cache-Control", "no-store");
    if (outcome.body) res.setHeader("Content-Type", "application/json; charset=utf-8");
    if (outcome.replayed) res.setHeader("X-Idempotent-Replay", "true");
    for (const [name, value] of Object.entries({ ...pipelineHeaders, ...outcome.headers })) res.setHeader(name, value);
    // Answered before the body was read to its end (a 413, a refusal before the body mattered):
    // unless the rest is small (Node then reads and drops it, so the client reads this answer),
    // close the connection once the answer is flushed instead of reading on (Node closes it after
    // the response when told Connection: close).
    if (closesAfterEarlyAnswer(req)) res.setHeader("Connection", "close");
    if (outcome.stream && sentMethod === "HEAD") {
      outcome.stream.destroy();
      res.end();
    } else if (outcome.stream) {
      // A storage failure mid-stream can only cut the response short; the client sees it end early.
      pipeline(outcome.stream, res).catch((error: unknown) => {
        if (!res.destroyed) logger.error({ err: error, requestId }, "streaming a response failed");
        res.destroy();
      });
    } else {
      res.end(outcome.body);
    }
    if (options.logRequests) {
      logger.info(
        { requestId, method: sentMethod, path: redactUrl(req.url), status: outcome.status, ms: Math.round(performance.now() - started) },
        "api request",
      );
    }
  };
}

const headAsGet = (method: string) => (method === "HEAD" ? "GET" : method);

/** The methods a path accepts, with HEAD wherever GET is. */
export const withHead = (allowed: readonly string[]) => (allowed.includes("GET") && !allowed.includes("HEAD") ? [...allowed, "HEAD"] : [...allowed]);

/**
 * Decodes percent-encoded unreserved characters (letters, digits, - . _ ~) in a path, which
 * RFC 3986 defines as equivalent to the characters themselves: /listings/%4B7Q4MX is /listings/K7Q4MX.
 */
export function decodeUnreserved(path: string): string {
  return path.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape;
  });
}

/** Reads a JSON object body: 415 unless JSON, 413 past the limit, 400 if it does not parse. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  const contentType = req.headers["content-type"];
  const hasBody = (Number.isFinite(declared) && declared > 0) || req.headers["transfer-encoding"] !== undefined;
  if (!hasBody) return {};
  if (!contentType || !/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType)) {
    req.resume();
    throw new AppError("unsupported_media_type", `Send the body as application/json${contentType ? `, not ${contentType.split(";")[0]}` : ""}.`);
  }
  const text = (await readRawBody(req, maxBytes)).toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AppError("validation_failed", "body: must be a JSON object", [{ field: "body", message: "must be a JSON object" }]);
  }
  // The idempotency fingerprint walks the body before any procedure (and its input guard) runs:
  // refuse a body nested too deep here, with the guard's own rule.
  if (nestedDeeperThan(parsed)) {
    const message = `must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep`;
    throw new AppError("validation_failed", `body: ${message}`, [{ field: "body", message }]);
  }
  return parsed as Record<string, unknown>;
}
