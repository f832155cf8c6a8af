// The dashboard's tRPC endpoint: the same router as /api/v1, called with the session cookie.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { cookies } from "next/headers";
import { appRouter } from "@/server/api/root";
import { dashboardErrorResponse, resolveAgency, withTrpcRequestId, type Context } from "@/server/api/trpc";
import { coveredByLedger, runDashboardMutation } from "@/server/http/dashboard-idempotency";
import { AppError, databaseUnavailableError, internalError } from "@/server/errors";
import { isDatabaseUnavailable } from "@/server/db/errors";
import { getDatabase } from "@/server/db/handle";
import { ACTING_AGENCY_COOKIE, sessionUserId, userActorFor } from "@/server/auth/session";
import { dashboardWriteRefusal } from "@/server/auth/origin";
import { newRequestId } from "@/server/ids";
import { getLogger } from "@/server/logger";
import { loadEnv } from "@/server/env";

export const dynamic = "force-dynamic";

async function createContext(requestId: string): Promise<Context> {
  const db = await getDatabase();
  const userId = await sessionUserId();
  const acting = (await cookies()).get(ACTING_AGENCY_COOKIE)?.value;
  const actor = userId ? await userActorFor(db.prisma, userId, acting) : null;
  return { requestId, transport: "dashboard", db, actor, appUrl: loadEnv().APP_URL };
}

async function handler(req: Request) {
  const requestId = newRequestId();
  try {
    return await withTrpcRequestId(requestId, () => answer(req, requestId));
  } catch (error) {
    // What tRPC does not answer itself (reading the session, the database gone while the context
    // is made): in tRPC's error shape with the request id, never Next's bare 500 page.
    const unavailable = isDatabaseUnavailable(error);
    getLogger()[unavailable ? "warn" : "error"]({ err: error, requestId }, unavailable ? "database unavailable during an /api/trpc request; answered 503" : "unhandled error in /api/trpc");
    return dashboardErrorResponse(unavailable ? databaseUnavailableError() : internalError(), requestId);
  }
}

async function answer(req: Request, requestId: string) {
  const refusal = dashboardWriteRefusal(req, loadEnv().APP_URL);
  // In tRPC's error shape, which the dashboard's client reads.
  if (refusal) return dashboardErrorResponse(new AppError("forbidden", refusal), requestId);
  const ctx = await createContext(requestId);
  const handle = (request: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext: () => ctx,
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause && error.cause.name === "AppError")) {
          getLogger().error({ err: error.cause ?? error, path, requestId }, "unhandled error in /api/trpc");
        }
      },
    });

  const url = new URL(req.url);
  const idempotencyKey = req.headers.get("x-idempotency-key");
  let response: Response;
  if (req.method === "POST" && idempotencyKey !== null) {
    // A mutation sent with a key: run it once per (agency, key); a repeat replays its answer.
    const body = await req.text();
    const mutation = { method: req.method, pathname: url.pathname, body, idempotencyKey, agencyId: agencyOf(ctx) };
    const replayable = new Request(req.url, { method: req.method, headers: req.headers, body });
    try {
      response = coveredByLedger(mutation, url.searchParams.has("batch"))
        ? await runDashboardMutation(ctx.db.prisma, mutation, () => handle(replayable))
        : await handle(replayable);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      response = dashboardErrorResponse(error, requestId);
    }
  } else {
    response = await handle(req);
  }
  response.headers.set("X-Request-Id", requestId);
  return response;
}

/** The agency the signed-in user acts for, or null (the procedure then refuses on its own). */
function agencyOf(ctx: Context): string | null {
  try {
    return resolveAgency(ctx.actor).agencyId;
  } catch {
    return null;
  }
}

// Every method, so that a wrong one gets tRPC's 405 in its error shape rather than Next's bare one.
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
