// The node:http server of a Valara process, and what protects it whatever the route (API, pages,
// media), before a request reaches app-server.ts's dispatch:
//   - slow clients: headers must arrive within headersTimeout, a request within requestTimeout
//     (an hour, for uploads), and a body must keep arriving at a minimum rate over every window
//     (body-progress below) or it is cut off with 408;
//   - many clients: at most maxConnections open connections; idle keep-alive ones close after
//     keepAliveTimeout;
//   - overload: a request beyond the in-flight limit, or while the event loop is behind, is
//     refused with 503 and Retry-After before any work (load-shedding.ts); /healthz never is;
//   - HTTP the parser or we refuse (an unknown method, a malformed request, headers too large, a
//     timeout): answered in Valara's error envelope, never Node's bare status line;
//   - shutdown: stop accepting, refuse new requests on open connections, let the ones in flight
//     finish within a drain timeout, close idle connections at once.
import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import type { Env } from "../env";
import { AppError, errorEnvelope } from "../errors";
import { newRequestId } from "../ids";
import { createLoadShedder, type LoadShedder } from "./load-shedding";
import { createIdleCollector, type IdleCollector } from "./idle-collector";

export interface ServerLimits {
  headersTimeoutMs: number;
  /** The whole request, headers and body (uploads may take this long). */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** A body must deliver at least this many bytes per second over every window (0: unchecked). */
  bodyMinBytesPerSecond: number;
  bodyRateWindowMs: number;
  maxInFlight: number;
  maxEventLoopDelayMs: number;
  /** How often the event-loop delay is sampled (default 500 ms). */
  eventLoopSampleMs?: number;
  /** Idle time after which garbage is collected (idle-collector.ts); 0: never. */
  idleCollectMs: number;
}

export function limitsFromEnv(env: Env): ServerLimits {
  return {
    headersTimeoutMs: env.HEADERS_TIMEOUT_SECONDS * 1000,
    requestTimeoutMs: env.REQUEST_TIMEOUT_SECONDS * 1000,
    keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    maxConnections: env.MAX_CONNECTIONS,
    bodyMinBytesPerSecond: env.BODY_MIN_BYTES_PER_SECOND,
    bodyRateWindowMs: env.BODY_RATE_WINDOW_SECONDS * 1000,
    maxInFlight: env.MAX_IN_FLIGHT,
    maxEventLoopDelayMs: env.MAX_EVENT_LOOP_DELAY_MS,
    idleCollectMs: env.IDLE_GC_SECONDS * 1000,
  };
}

/** The methods any route here answers; anything else is 405 before it reaches a route. */
export const ACCEPTED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const ACCEPTED = new Set<string>(ACCEPTED_METHODS);
const ALLOW = ACCEPTED_METHODS.join(", ");

/** Seconds a shed (or shutting-down) request is told to wait before retrying. */
export const SHED_RETRY_AFTER_SECONDS = 2;

export interface HttpServerOptions {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  limits: ServerLimits;
  logger: Logger;
  /** Headers every response carries, the refusals made here included (security headers). */
  headersFor?: (path: string) => Record<string, string>;
  /** Paths that are never shed (health checks must answer under load). */
  unshedPaths?: readonly string[];
}

export interface HttpServer {
  server: http.Server;
  shedder: LoadShedder;
  collector: IdleCollector;
  /**
   * Graceful stop: stops accepting, closes idle connections at once, refuses new requests on
   * open ones (503, Connection: close), and waits for the requests in flight, closing whatever
   * is still open after `drainMs`. Resolves when every connection is closed.
   */
  drain(drainMs: number): Promise<{ forced: boolean }>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { limits, logger } = options;
  const unshed = new Set(options.unshedPaths ?? []);
  const shedder = createLoadShedder({ maxInFlight: limits.maxInFlight, maxEventLoopDelayMs: limits.maxEventLoopDelayMs, sampleIntervalMs: limits.eventLoopSampleMs });
  const collector = createIdleCollector({ idleMs: limits.idleCollectMs });
  /** Responses being written, so that a drain can tell them to close their connection. */
  const open = new Set<ServerResponse>();
  let draining = false;
  let lastShedLog = 0;

  function admit(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    const path = (req.url ?? "/").split("?", 1)[0]!;
    if (options.headersFor) for (const [name, value] of Object.entries(options.headersFor(path))) res.setHeader(name, value);
    const method = req.method ?? "";
    if (!ACCEPTED.has(method)) {
      refuse(req, res, new AppError("method_not_allowed", `${method} is not a method this server answers; it answers ${ALLOW}.`, undefined, { Allow: ALLOW }));
      return;
    }
    if (draining) {
      refuse(req, res, new AppError("service_unavailable", "The server is shutting down; retry after Retry-After seconds.", undefined, { "Retry-After": String(SHED_RETRY_AFTER_SECONDS) }), { close: true });
      return;
    }
    if (!unshed.has(path)) {
      const overload = shedder.overload();
      if (overload) {
        // At most one line a second: a shed burst must not become a logging burst.
        if (Date.now() - lastShedLog > 1000) {
          lastShedLog = Date.now();
          logger.warn({ overload, inFlight: shedder.inFlight, eventLoopDelayMs: Math.round(shedder.eventLoopDelayMs) }, "overloaded; refusing new requests with 503");
        }
        refuse(req, res, new AppError("service_unavailable", "The server is too busy to take this request; nothing was done. Retry after Retry-After seconds.", undefined, { "Retry-After": String(SHED_RETRY_AFTER_SECONDS) }));
        return;
      }
    }
    const end = shedder.begin();
    collector.busy();
    open.add(res);
    res.once("close", () => {
      end();
      open.delete(res);
      if (shedder.inFlight === 0) collector.idle();
      // During a drain a keep-alive connection that just went idle is closed at once.
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
    watchBodyProgress(req, res, limits, () => {
      logger.info({ method, path, minBytesPerSecond: limits.bodyMinBytesPerSecond, windowMs: limits.bodyRateWindowMs }, "request body too slow; answered 408 and closed the connection");
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      // The handler still waiting for the body sees the request end early (it answers nothing:
      // the response is already sent).
      refuse(req, res, new AppError("request_timeout", `The request body arrived too slowly: at least ${limits.bodyMinBytesPerSecond} bytes a second are needed over every ${limits.bodyRateWindowMs / 1000} s.`), { close: true });
    });
    // Only an admitted request is told to send its body (a refused one never sends it).
    if (expectsContinue) res.writeContinue();
    options.handler(req, res);
  }

  // Node checks headersTimeout and requestTimeout every connectionsCheckingInterval (30 s by
  // default, which would let a 20 s header timeout run to 50 s): check often enough to hold it.
  const connectionsCheckingInterval = Math.max(250, Math.min(5000, limits.headersTimeoutMs / 4));
  const server = http.createServer({ connectionsCheckingInterval }, (req, res) => admit(req, res, false));
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => admit(req, res, true));

  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // A socket silent for this long is closed whatever it was doing (a download or upload that
  // still moves is not); the body-progress check is the finer one.
  server.timeout = 2 * 60 * 1000;
  server.maxConnections = limits.maxConnections;
  let lastDropLog = 0;
  server.on("drop", () => {
    if (Date.now() - lastDropLog > 1000) {
      lastDropLog = Date.now();
      logger.warn({ maxConnections: limits.maxConnections }, "connection limit reached; new connections are closed");
    }
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  // What the loop did before the server listens (Next preparing, migrations) is not overload.
  server.on("listening", () => shedder.reset());

  return {
    server,
    shedder,
    collector,
    async drain(drainMs: number) {
      draining = true;
      shedder.close();
      collector.close();
      // Whatever is answered from now on closes its connection after the response.
      for (const res of open) if (!res.headersSent) res.setHeader("Connection", "close");
      let forced = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => {
        forced = true;
        logger.warn({ inFlight: open.size, drainMs }, "requests still in flight at the end of the drain; closing their connections");
        server.closeAllConnections();
      }, drainMs);
      await closed;
      clearTimeout(deadline);
      return { forced };
    },
  };
}

/**
 * A refusal made here, in the envelope. A connection whose body was not read to its end, unless
 * that body is small (closesAfterEarlyAnswer), closes after it (Node then destroys the socket
 * once the answer is flushed, instead of reading on).
 */
function refuse(req: IncomingMessage, res: ServerResponse, error: AppError, options: { close?: boolean } = {}): void {
  const requestId = newRequestId();
  const body = JSON.stringify(errorEnvelope(error, requestId));
  res.statusCode = error.status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  if (closesAfterEarlyAnswer(req) || options.close) res.setHeader("Connection", "close");
  res.end(body);
}

/** Whether the request has a body still to come (Content-Length above 0, or chunked). */
function expectsBody(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = Number(req.headers["content-length"] ?? NaN);
  return (Number.isFinite(length) && length > 0) || req.headers["transfer-encoding"] !== undefined;
}

/**
 * Watches a request body arrive: over every window it must bring at least the minimum rate, or
 * `onStall` runs once. Counted from the socket (bytesRead), so that watching never starts the
 * body flowing. A window in which our side held the body back (its consumer applying
 * backpressure, or not reading yet with the request's buffer full) is not the client's fault and
 * does not count. A body trickled at 1 byte a second is cut after one window, not after the hour
 * a real upload may take; an upload that keeps moving is never cut.
 */
function watchBodyProgress(req: IncomingMessage, res: ServerResponse, limits: ServerLimits, onStall: () => void): void {
  if (limits.bodyMinBytesPerSecond <= 0 || !expectsBody(req)) return;
  const socket = req.socket;
  const needed = (limits.bodyMinBytesPerSecond * limits.bodyRateWindowMs) / 1000;
  let last = socket.bytesRead;
  // Whether our side held the body back when the window began: a window in which the handler
  // only just started reading again has not given the client its full length.
  let heldBackBefore = false;
  const timer = setInterval(() => {
    if (req.complete || res.writableEnded || socket.destroyed) return stop();
    const received = socket.bytesRead - last;
    last = socket.bytesRead;
    const heldBack = req.readableLength >= req.readableHighWaterMark || socket.isPaused();
    if (received < needed && !heldBack && !heldBackBefore) {
      stop();
      onStall();
    }
    heldBackBefore = heldBack;
  }, limits.bodyRateWindowMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  req.once("end", stop);
  res.once("close", stop);
}

/**
 * What Node's parser refuses before any handler sees a request (an unknown method such as FOO, a
 * malformed request line or header, headers too large) and its timeouts (headers not in within
 * headersTimeout, a request over requestTimeout): answered in the envelope, then the connection
 * is closed. As Node itself does, nothing is written if a response on this connection has started.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (error.code === "ECONNRESET" || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const refusal = clientErrorRefusal(error);
  const requestId = newRequestId();
  const body = JSON.stringify(errorEnvelope(refusal, requestId));
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    "X-Request-Id": requestId,
    Connection: "close",
    ...refusal.headers,
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n${head}\r\n${body}`);
  // Whatever the client still sends is not read: the socket goes once the answer is flushed.
  socket.once("finish", () => socket.destroy());
}

function clientErrorRefusal(error: NodeJS.ErrnoException): AppError {
  switch (error.code) {
    case "HPE_INVALID_METHOD":
      return new AppError("method_not_allowed", `Not a method this server answers; it answers ${ALLOW}.`, undefined, { Allow: ALLOW });
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new AppError("request_timeout", "The request did not arrive in time.");
    case "HPE_HEADER_OVERFLOW":
      return new AppError("headers_too_large", "The request's headers are too large.");
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return new AppError("payload_too_large", "The request's chunk extensions are too large.");
    default:
      return new AppError("validation_failed", "The request is not well-formed HTTP/1.1.");
  }
}

/**
 * The most of an unread body the server still reads (and drops) after answering early, so that a
 * client still sending a small body reads the answer rather than a connection reset (closing a
 * socket with unread data makes the kernel reset it). A body declared larger than this, or of
 * unknown length, is not read on: the connection closes after the answer.
 */
export const EARLY_ANSWER_DRAIN_BYTES = 1024 * 1024;

/** Whether a response answered before its request's body ended must close the connection. */
export function closesAfterEarlyAnswer(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const declared = Number(req.headers["content-length"]);
  return !(req.headers["content-length"] !== undefined && Number.isFinite(declared) && declared <= EARLY_ANSWER_DRAIN_BYTES);
}
