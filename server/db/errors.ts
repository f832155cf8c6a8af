// Recognizing database errors the domain handles. PostgreSQL (adapter-pg) reports a unique
// violation as Prisma's P2002; the embedded PGlite adapter reports it as a DriverAdapterError
// carrying SQLSTATE 23505. Both name the violated constraint, e.g. "tours_listing_number_key".
import { Prisma } from "./generated/client.ts";

export function isUniqueViolation(error: unknown, column: string): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes(column);
  }
  if (error instanceof Error && error.name === "DriverAdapterError") {
    const cause = (error as Error & { cause?: { kind?: string; code?: string; message?: string } }).cause;
    return cause?.kind === "postgres" && cause.code === "23505" && (cause.message ?? "").includes(column);
  }
  return false;
}

// SQLSTATE classes and codes that mean "the database is not there right now", not "this request
// is wrong": 08 connection exceptions, 57P01–57P03 (terminated by an administrator, crash or
// shutdown, cannot connect now), 53300 too many connections.
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300)$/;
// Prisma's own: P1001 cannot reach, P1002 timed out, P1017 server closed the connection, P2024
// timed out waiting for a pooled connection.
const UNAVAILABLE_NODE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);
const UNAVAILABLE_MESSAGES = [
  "timeout exceeded when trying to connect", // pg-pool: no free connection within connectionTimeoutMillis
  "Connection terminated", // pg: the socket closed under a query
  "database connection closed during a transaction", // server/db/pg-pool.ts
  "Client has encountered a connection error",
  "is not currently accepting connections", // 55000: ALTER DATABASE ... ALLOW_CONNECTIONS false
  "Unable to start a transaction in the given time", // P2028: no connection for a transaction (overload)
];

/**
 * True when the error (or anything in its cause chain, as Prisma and its adapters wrap driver
 * errors) says the database is unreachable, restarting or out of connections: the request may
 * succeed if retried shortly, so callers answer 503 with Retry-After rather than 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    for (const code of [e.code, e.originalCode]) {
      if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
    }
    if (e.kind === "DatabaseNotReachable" || e.kind === "SocketTimeout" || e.kind === "ConnectionClosed" || e.kind === "TooManyConnections") return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((m) => (e.message as string).includes(m))) return true;
    current = e.meta?.driverAdapterError ?? e.cause;
  }
  return false;
}

/**
 * True for Prisma's "record to update/delete not found" (P2025): a row checked earlier vanished
 * before the write, i.e. it was deleted concurrently. The client asked for something that is
 * not there any more, a 404, not a fault of ours.
 */
export function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}
