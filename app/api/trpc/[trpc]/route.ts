// The dashboard's tRPC endpoint: the same router as /api/v1, called with the session cookie.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { cookies } from "next/headers";
import { appRouter } from "@/server/api/root";
import type { Context } from "@/server/api/trpc";
import { getDatabase } from "@/server/db/handle";
import { ACTING_AGENCY_COOKIE, sessionUserId, userActorFor } from "@/server/auth/session";
import { crossOriginRefusal } from "@/server/auth/origin";
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
  const refusal = crossOriginRefusal({
    method: req.method,
    origin: req.headers.get("origin") ?? undefined,
    appUrl: loadEnv().APP_URL,
    requestHost: new URL(req.url).host,
    requireOrigin: false,
  });
  if (refusal) {
    return Response.json({ error: { code: "forbidden", message: refusal, request_id: requestId } }, { status: 403 });
  }
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(requestId),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause && error.cause.name === "AppError")) {
        getLogger().error({ err: error.cause ?? error, path, requestId }, "unhandled error in /api/trpc");
      }
    },
  });
  response.headers.set("X-Request-Id", requestId);
  return response;
}

export { handler as GET, handler as POST };
