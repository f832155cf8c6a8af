// Who is signed in, and which agency they act for: the dashboard's layout reads it.
import { z } from "zod";
import { userProcedure, router } from "../../trpc";
import { ROLE_SCOPES, canManageApiKeys, isPlatformRole } from "../../../auth/scopes";

export const sessionRouter = router({
  me: userProcedure
    .output(
      z.object({
        user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: z.string() }),
        agency: z.object({ id: z.string(), slug: z.string(), name: z.string(), kind: z.string() }).nullable(),
        is_platform_admin: z.boolean(),
        can_manage_api_keys: z.boolean(),
        scopes: z.array(z.string()),
      }),
    )
    .query(async ({ ctx }) => {
      const actor = ctx.actor;
      const agencyId = isPlatformRole(actor.role) ? actor.actingForAgencyId : actor.agencyId;
      const agency = agencyId
        ? await ctx.db.prisma.agency.findUnique({ where: { id: agencyId }, select: { id: true, slug: true, name: true, kind: true } })
        : null;
      return {
        user: { id: actor.userId, name: actor.name, email: actor.email, role: actor.role },
        agency,
        is_platform_admin: isPlatformRole(actor.role),
        can_manage_api_keys: canManageApiKeys(actor.role),
        scopes: [...ROLE_SCOPES[actor.role]],
      };
    }),
});
