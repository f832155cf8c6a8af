// Shapes of the dashboard's package reads and writes. Imports nothing server-only: the /packages
// page's forms validate with these same schemas.
import { z } from "zod";

export const PackageKindSchema = z.enum(["package", "add_on"]);

export const PackageSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: PackageKindSchema,
  duration_minutes: z.number().int(),
  price_cents: z.number().int(),
  currency: z.string(),
  /** When it was retired (ISO 8601), or null: a retired package is refused for new listings. */
  retired_at: z.string().nullable(),
});
export type PackageDto = z.infer<typeof PackageSchema>;

/** The code integrators send as `package` / in `add_ons`; fixed once created. */
export const PackageCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be 1-64 lower-case letters, digits, - or _");

const NameSchema = z.string().trim().min(1, "is required").max(200);
// An add-on's minutes are added to the package's when a shoot is booked (0 for none).
const DurationSchema = z.number({ error: "must be a whole number of minutes" }).int("must be a whole number of minutes").min(0).max(12 * 60, "must be at most 720 minutes (12 hours)");
const PriceSchema = z.number({ error: "must be an amount in cents" }).int("must be whole cents").min(0, "must not be negative").max(100_000_000, "must be at most 100,000,000 cents");
const CurrencySchema = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code");

/** A package takes at least this long; an add-on may add no time at all. */
export const MIN_PACKAGE_MINUTES = 15;

export const CreatePackageInput = z.strictObject({
  code: PackageCodeSchema,
  name: NameSchema,
  kind: PackageKindSchema.default("package"),
  duration_minutes: DurationSchema,
  price_cents: PriceSchema,
  currency: CurrencySchema.default("USD"),
});
export type CreatePackageInput = z.input<typeof CreatePackageInput>;

/** Changes what a package is called, costs and lasts. The code and the kind never change. */
export const UpdatePackageInput = z.strictObject({
  code: PackageCodeSchema,
  name: NameSchema.optional(),
  duration_minutes: DurationSchema.optional(),
  price_cents: PriceSchema.optional(),
  currency: CurrencySchema.optional(),
});
export type UpdatePackageInput = z.input<typeof UpdatePackageInput>;

export const PackageCodeInput = z.strictObject({ code: PackageCodeSchema });

export const ListPackagesInput = z
  .strictObject({
    /** Also list retired packages and add-ons (the /packages page's "Show retired"). */
    include_retired: z.boolean().default(false),
  })
  .optional();
