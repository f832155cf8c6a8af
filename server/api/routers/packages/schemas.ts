// Shapes of the dashboard's package reads. Imports nothing server-only.
import { z } from "zod";

export const PackageSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["package", "add_on"]),
  duration_minutes: z.number().int(),
  price_cents: z.number().int(),
  currency: z.string(),
});
export type PackageDto = z.infer<typeof PackageSchema>;
