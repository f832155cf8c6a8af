// API key management (dashboard and CLI). Imports nothing server-only: the mint form uses it.
import { z } from "zod";
import { SCOPES } from "../../../auth/scopes";

export const MAX_KEY_LIFETIME_DAYS = 3650;

export const CreateApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, "Choose at least one scope").max(SCOPES.length),
  expires_in_days: z.number().int().min(1).max(MAX_KEY_LIFETIME_DAYS).nullish(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInput>;

export const ApiKeyIdInput = z.object({ id: z.string().regex(/^key_[0-9A-Z]{26}$/, "must be an API key id") });

export const API_KEY_STATUSES = ["active", "disabled", "rotating", "revoked", "expired"] as const;

export const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  display_prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  status: z.enum(API_KEY_STATUSES),
  created_at: z.string(),
  created_by: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  created_via: z.enum(["dashboard", "cli"]),
  minted_on_behalf: z.boolean(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  disabled_at: z.string().nullable(),
  rotated_at: z.string().nullable(),
  /** A rotated key works until then (its grace period), then stops. */
  grace_ends_at: z.string().nullable(),
  replaced_by_key_id: z.string().nullable(),
  rotated_from_key_id: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof ApiKeySchema>;

export const CreatedApiKeySchema = z.object({
  api_key: ApiKeySchema,
  /** The plaintext key: returned once, never stored. */
  key: z.string(),
});

export const MAX_ROTATION_GRACE_DAYS = 30;

export const RotateApiKeyInput = ApiKeyIdInput.extend({
  grace_period_days: z.number().int().min(0).max(MAX_ROTATION_GRACE_DAYS),
});

export const RotatedApiKeySchema = z.object({
  api_key: ApiKeySchema,
  previous: ApiKeySchema,
  /** The new key's plaintext: returned once, never stored. */
  key: z.string(),
});
