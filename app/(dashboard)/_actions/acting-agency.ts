"use server";
// Platform admins (who belong to no agency) choose the agency they act for; the choice lives in
// the valara_agency cookie, which /api/trpc and the dashboard's server components validate on
// every request. Only a platform admin may set it, and only to an agency that exists.
import { cookies } from "next/headers";
import { refresh } from "next/cache";
import { ACTING_AGENCY_COOKIE } from "@/server/auth/session";
import { isPlatformRole } from "@/server/auth/scopes";
import { getDatabase } from "@/server/db/handle";
import { loadEnv } from "@/server/env";
import { getActor } from "@/lib/server/dashboard";

export type ActForAgencyResult = { ok: true; agency: { id: string; name: string } } | { ok: false; message: string };

const COOKIE_MAX_AGE_SECONDS = 12 * 60 * 60; // as long as a dashboard session

export async function actForAgency(agencyId: unknown): Promise<ActForAgencyResult> {
  const actor = await getActor();
  if (!actor) return { ok: false, message: "Your session has ended; sign in again." };
  if (!isPlatformRole(actor.role)) return { ok: false, message: "Only platform admins choose the agency they act for." };
  if (typeof agencyId !== "string" || !/^agency_[0-9A-Za-z]{26}$/.test(agencyId)) {
    return { ok: false, message: "That is not an agency." };
  }
  const { prisma } = await getDatabase();
  const agency = await prisma.agency.findUnique({ where: { id: agencyId }, select: { id: true, name: true } });
  if (!agency) return { ok: false, message: "That agency no longer exists." };
  (await cookies()).set(ACTING_AGENCY_COOKIE, agency.id, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: loadEnv().APP_URL.startsWith("https://"),
    maxAge: COOKIE_MAX_AGE_SECONDS,
  });
  refresh();
  return { ok: true, agency };
}

/** Forgets the chosen agency (on sign-out), so the next person at this browser starts clean. */
export async function clearActingAgency(): Promise<void> {
  (await cookies()).delete(ACTING_AGENCY_COOKIE);
}
