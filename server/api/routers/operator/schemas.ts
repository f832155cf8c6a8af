// Platform-admin operations (dashboard only; the CLI has the same): operator denials and
// rate-limit overrides. Imports nothing server-only: the dashboard's forms use these schemas.
import { z } from "zod";
import { BUDGETS } from "../../../rate-limit/budgets";

export const DENIAL_KINDS = ["api_key", "agency", "ip"] as const;
export const OVERRIDE_KINDS = ["key", "agency"] as const;
export const BUDGET_NAMES = Object.keys(BUDGETS) as [keyof typeof BUDGETS, ...(keyof typeof BUDGETS)[]];

export const CreateDenialInput = z.strictObject({
  kind: z.enum(DENIAL_KINDS),
  subject: z.string().trim().min(1, "Name what to deny").max(200),
  reason: z.string().trim().min(1, "Give a reason").max(500),
  /** Hours from now; none: until lifted. */
  expires_in_hours: z.number().int().min(1).max(24 * 365).nullish(),
});

export const DenialSchema = z.object({
  id: z.string(),
  kind: z.enum(DENIAL_KINDS),
  subject: z.string(),
  subject_label: z.string().nullable(),
  reason: z.string(),
  expires_at: z.string().nullable(),
  created_at: z.string(),
  created_by: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  created_via: z.enum(["dashboard", "cli"]),
  lifted_at: z.string().nullable(),
  status: z.enum(["active", "expired", "lifted"]),
});

export const DenialIdInput = z.object({ id: z.string().regex(/^deny_[0-9A-Z]{26}$/, "must be a denial id") });

export const SetOverrideInput = z.strictObject({
  kind: z.enum(OVERRIDE_KINDS),
  subject: z.string().trim().min(1, "Name the key or agency").max(200),
  budget: z.enum(BUDGET_NAMES),
  limit: z.number().int().min(0).max(1_000_000),
});

export const RemoveOverrideInput = SetOverrideInput.omit({ limit: true });

export const OverrideSchema = z.object({
  id: z.string(),
  kind: z.enum(OVERRIDE_KINDS),
  subject_id: z.string(),
  subject_label: z.string().nullable(),
  budget: z.enum(BUDGET_NAMES),
  limit: z.number().int(),
  default_limit: z.number().int(),
  updated_at: z.string(),
});
