// Idempotency for the dashboard's tRPC mutations, through the same ledger as /api/v1: a mutation
// POSTed to /api/trpc/<procedure> (one per request; the dashboard does not batch them) with an
// X-Idempotency-Key header is claimed for (agency, key), and its answer is kept 24 hours. A repeat
// of the same call (procedure and input) gets the stored answer with X-Idempotent-Replay: true;
// the same key on another call is 409 idempotency_key_conflict. The mutation and its stored answer
// commit together (idempotency.ts).
import type { PrismaClient } from "../db/generated/client.ts";
import { requestFingerprint, runIdempotently, validateIdempotencyKey } from "./idempotency";

export interface DashboardMutation {
  method: string;
  /** /api/trpc/<procedure path> */
  pathname: string;
  /** The raw request body (the procedure's input as JSON). */
  body: string;
  idempotencyKey: string | null;
  /** The agency the caller acts for; null when it has none (the procedure refuses on its own). */
  agencyId: string | null;
}

/** Whether this request is one the ledger covers: a single (unbatched) POST that sent a key for an agency. */
export function coveredByLedger(request: DashboardMutation, batched: boolean): request is DashboardMutation & { idempotencyKey: string; agencyId: string } {
  return request.method === "POST" && !batched && request.idempotencyKey !== null && request.agencyId !== null;
}

function bodyForFingerprint(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/**
 * Runs `execute` (the tRPC handler) once per (agency, key): a repeat replays the stored answer.
 * Throws AppError for a malformed key, a conflicting reuse or a key still in use.
 */
export async function runDashboardMutation(
  prisma: PrismaClient,
  request: DashboardMutation & { idempotencyKey: string; agencyId: string },
  execute: () => Promise<Response>,
): Promise<Response> {
  const key = validateIdempotencyKey(request.idempotencyKey);
  let headers: Headers | null = null;
  const outcome = await runIdempotently(
    prisma,
    { agencyId: request.agencyId, key, fingerprint: requestFingerprint("POST", request.pathname, bodyForFingerprint(request.body)) },
    async () => {
      const response = await execute();
      headers = new Headers(response.headers);
      return { status: response.status, body: await response.text() };
    },
  );
  const responseHeaders = headers ?? new Headers({ "Content-Type": "application/json" });
  if (outcome.replayed) responseHeaders.set("X-Idempotent-Replay", "true");
  return new Response(outcome.body, { status: outcome.status, headers: responseHeaders });
}

