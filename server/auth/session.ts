// The dashboard's actor (user-actor.ts), and the signed-in user's id from the next-auth session.
import { getServerSession } from "next-auth";
import { authOptions } from "./next-auth";

export { ACTING_AGENCY_COOKIE, userActorFor } from "./user-actor";

/** The signed-in user's id from the next-auth session, in a server component or route handler. */
export async function sessionUserId(): Promise<string | null> {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  return session?.userId ?? null;
}
