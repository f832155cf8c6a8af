// API key management for the dashboard. Not part of /api/v1: keys are minted by people.
import { keyManagerProcedure, router } from "../../trpc";
import { listApiKeys, mintApiKey, revokeApiKey, rotateApiKey, setApiKeyDisabled } from "../../../api-keys/api-keys";
import { ApiKeyIdInput, ApiKeySchema, CreateApiKeyInput, CreatedApiKeySchema, RotateApiKeyInput, RotatedApiKeySchema } from "./schemas";
import { z } from "zod";
import { sharedRateLimiter } from "../../../rate-limit/limiter";
import { BUDGETS, type BudgetName } from "../../../rate-limit/budgets";

export const apiKeysRouter = router({
  list: keyManagerProcedure.output(z.array(ApiKeySchema)).query(({ ctx }) => listApiKeys(ctx.scope)),

  /** Each usable key's budgets (with overrides) and what it used of each in the last 60 seconds (the sliding window). */
  usage: keyManagerProcedure
    .output(
      z.object({
        counted: z.boolean(),
        keys: z.array(z.object({ key_id: z.string(), budgets: z.array(z.object({ budget: z.string(), description: z.string(), limit: z.number(), used: z.number() })) })),
      }),
    )
    .query(async ({ ctx }) => {
      const limiter = sharedRateLimiter();
      const keys = (await listApiKeys(ctx.scope)).filter((key) => key.status === "active" || key.status === "rotating" || key.status === "disabled");
      if (!limiter) return { counted: false, keys: [] };
      try {
        const rows = await Promise.all(
          keys.map(async (key) => ({
            key_id: key.id,
            budgets: (await limiter.usage(key.id)).map((row) => ({ ...row, description: BUDGETS[row.budget as BudgetName].description })),
          })),
        );
        return { counted: true, keys: rows };
      } catch {
        // The counters are unreachable (the API fails open meanwhile): say so rather than fail the page.
        return { counted: false, keys: [] };
      }
    }),

  create: keyManagerProcedure
    .input(CreateApiKeyInput)
    .output(CreatedApiKeySchema)
    .mutation(async ({ ctx, input }) => {
      const { apiKey, key } = await mintApiKey(
        ctx.scope,
        { name: input.name, scopes: input.scopes, expiresInDays: input.expires_in_days },
        { user: { id: ctx.actor.userId, role: ctx.actor.role }, via: "dashboard" },
      );
      return { api_key: apiKey, key };
    }),

  revoke: keyManagerProcedure
    .input(ApiKeyIdInput)
    .output(ApiKeySchema)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.scope, input.id, ctx.actor.userId)),

  disable: keyManagerProcedure
    .input(ApiKeyIdInput)
    .output(ApiKeySchema)
    .mutation(({ ctx, input }) => setApiKeyDisabled(ctx.scope, input.id, true, ctx.actor.userId)),

  enable: keyManagerProcedure
    .input(ApiKeyIdInput)
    .output(ApiKeySchema)
    .mutation(({ ctx, input }) => setApiKeyDisabled(ctx.scope, input.id, false, ctx.actor.userId)),

  rotate: keyManagerProcedure
    .input(RotateApiKeyInput)
    .output(RotatedApiKeySchema)
    .mutation(({ ctx, input }) =>
      rotateApiKey(ctx.scope, input.id, input.grace_period_days, { user: { id: ctx.actor.userId, role: ctx.actor.role }, via: "dashboard" }).then(
        ({ apiKey, previous, key }) => ({ api_key: apiKey, previous, key }),
      ),
    ),
});
