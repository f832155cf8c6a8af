// API key management for the dashboard. Not part of /api/v1: keys are minted by people.
import { keyManagerProcedure, router } from "../../trpc";
import { listApiKeys, mintApiKey, revokeApiKey } from "../../../api-keys/api-keys";
import { ApiKeyIdInput, ApiKeySchema, CreateApiKeyInput, CreatedApiKeySchema } from "./schemas";
import { z } from "zod";

export const apiKeysRouter = router({
  list: keyManagerProcedure.output(z.array(ApiKeySchema)).query(({ ctx }) => listApiKeys(ctx.scope)),

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
});
