// Platform admins' abuse and capacity controls (dashboard only, no REST): deny an API key, an
// agency's API access or a client address; override a budget for a key or an agency.
import { z } from "zod";
import { platformProcedure, router } from "../../trpc";
import { createDenial, liftDenial, listDenials } from "../../../access/denials";
import { listOverrides, removeOverride, setOverride } from "../../../rate-limit/overrides";
import { CreateDenialInput, DenialIdInput, DenialSchema, OverrideSchema, RemoveOverrideInput, SetOverrideInput } from "./schemas";

const HOUR_MS = 3_600_000;

export const operatorRouter = router({
  denials: platformProcedure
    .input(z.object({ all: z.boolean().optional() }).optional())
    .output(z.array(DenialSchema))
    .query(({ ctx, input }) => listDenials(ctx.db.prisma, { all: input?.all })),

  deny: platformProcedure
    .input(CreateDenialInput)
    .output(DenialSchema)
    .mutation(({ ctx, input }) =>
      createDenial(
        ctx.db.prisma,
        { kind: input.kind, subject: input.subject, reason: input.reason, expiresAt: input.expires_in_hours ? new Date(Date.now() + input.expires_in_hours * HOUR_MS) : null },
        { userId: ctx.actor.userId, via: "dashboard" },
      ),
    ),

  lift: platformProcedure
    .input(DenialIdInput)
    .output(DenialSchema)
    .mutation(({ ctx, input }) => liftDenial(ctx.db.prisma, input.id)),

  overrides: platformProcedure.output(z.array(OverrideSchema)).query(({ ctx }) => listOverrides(ctx.db.prisma)),

  setOverride: platformProcedure
    .input(SetOverrideInput)
    .output(OverrideSchema)
    .mutation(({ ctx, input }) => setOverride(ctx.db.prisma, input)),

  removeOverride: platformProcedure
    .input(RemoveOverrideInput)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeOverride(ctx.db.prisma, input)),
});
