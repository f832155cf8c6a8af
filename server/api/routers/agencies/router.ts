// Platform admins: the agencies they can act for.
import { z } from "zod";
import { platformProcedure, router } from "../../trpc";
import { listAgencies } from "../../../agencies/agencies";

export const agenciesRouter = router({
  list: platformProcedure
    .output(
      z.array(
        z.object({
          id: z.string(),
          slug: z.string(),
          name: z.string(),
          kind: z.string(),
          created_at: z.string(),
          users: z.number(),
          listings: z.number(),
          api_keys: z.number(),
        }),
      ),
    )
    .query(({ ctx }) => listAgencies(ctx.db.prisma)),
});
