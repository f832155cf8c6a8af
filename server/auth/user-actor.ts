// The dashboard's actor: the signed-in user as the database has them now, and, for platform
// admins, the agency they chose to act for (cookie valara_agency, checked to exist). Apart from
// session.ts so that the API server can use it without loading next-auth's providers.
import type { PrismaClient } from "../db/generated/client.ts";
import { isPlatformRole, type Role } from "./scopes";
import type { UserActor } from "../api/trpc";

export const ACTING_AGENCY_COOKIE = "valara_agency";

export async function userActorFor(prisma: PrismaClient, userId: string, actingAgencyCookie: string | undefined): Promise<UserActor | null> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, agencyId: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  const role = user.role as Role;
  let actingForAgencyId: string | null = null;
  if (isPlatformRole(role) && actingAgencyCookie) {
    const agency = await prisma.agency.findUnique({ where: { id: actingAgencyCookie }, select: { id: true } });
    actingForAgencyId = agency?.id ?? null;
  }
  return { kind: "user", userId: user.id, name: user.name, email: user.email, role, agencyId: user.agencyId, actingForAgencyId };
}
