// Who is signed in, and which agency they act for: the dashboard's layout reads it.
import { z } from "zod";
import { userProcedure, router } from "../../trpc";
import { CAPABILITY_NAMES, ROLE_SCOPES, canManageApiKeys, capabilitiesOf, isPlatformRole, type Capability } from "../../../auth/scopes";

export const sessionRouter = router({
  me: userProcedure
    .output(
      z.object({
        user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }),
        agency: z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.string(), timezone: z.string() }).nullable(),
        is_platform_admin: z.boolean(),
        can_manage_api_keys: z.boolean(),
        scopes: z.array(z.string()),
        /** The dashboard powers of the caller's role (server/auth/scopes.ts CAPABILITIES). */
        can: z.record(z.enum(CAPABILITY_NAMES as [Capability, ...Capability[]]), z.boolean()),
      }),
    )
    .query(async ({ ctx }) => {
      const actor = ctx.actor;
      const agencyId = isPlatformRole(actor.role) ? actor.actingForAgencyId : actor.agencyId;
      const agency = agencyId
        ? await ctx.db.prisma.agency.findUnique({ where: { id: agencyId }, select: { id: true, slug: true, name: true, kind: true, timezone: true } })
        : null;
      return {
        user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
        agency,
        is_platform_admin: isPlatformRole(actor.role),
        can_manage_api_keys: canManageApiKeys(actor.role),
        scopes: [...ROLE_SCOPES[actor.role]],
        can: capabilitiesOf(actor.role),
      };
    }),
});
