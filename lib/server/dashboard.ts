// Server components and server actions of the dashboard: who is signed in (as the database has
// them now, like /api/trpc does) and a tRPC caller with the same context the dashboard's HTTP
// calls get, so pages and the browser go through the same procedures and checks.
import { cache } from "react";
import { cookies } from "next/headers";
import { appRouter } from "@/server/api/root";
import type { Context, UserActor } from "@/server/api/trpc";
import { getDatabase } from "@/server/db/handle";
import { ACTING_AGENCY_COOKIE, sessionUserId, userActorFor } from "@/server/auth/session";
import { loadEnv } from "@/server/env";
import { newRequestId } from "@/server/ids";

/** The signed-in user (null if signed out, unknown or disabled), once per request. */
export const getActor = cache(async (): Promise<UserActor | null> => {
  const userId = await sessionUserId();
  if (!userId) return null;
  const db = await getDatabase();
  const acting = (await cookies()).get(ACTING_AGENCY_COOKIE)?.value;
  return userActorFor(db.prisma, userId, acting);
});

/** A caller of the app router acting as the signed-in user. */
export const getServerCaller = cache(async () => {
  const ctx: Context = {
    requestId: newRequestId(),
    transport: "dashboard",
    db: await getDatabase(),
    actor: await getActor(),
    appUrl: loadEnv().APP_URL,
  };
  return appRouter.createCaller(ctx);
});

/** session.me for the signed-in user, or null when signed out. */
export const getMe = cache(async () => {
  if (!(await getActor())) return null;
  return (await getServerCaller()).session.me();
});
