// An agency's packages: what integrators name as `package` when they create a listing.
import { z } from "zod";
import { isUniqueViolation } from "../db/errors";
import type { AgencyScope } from "../db/tenant";
import { AppError } from "../errors";
import { newId } from "../ids";

export const CreatePackageInput = z.strictObject({
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "must be 1-64 lower-case letters, digits, - or _"),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["package", "add_on"]).default("package"),
  // An add-on's minutes are added to the package's when a shoot is booked (0 for none).
  duration_minutes: z.number().int().min(0).max(12 * 60),
  price_cents: z.number().int().min(0).max(100_000_000),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code").default("USD"),
});
export type CreatePackageInput = z.input<typeof CreatePackageInput>;

export async function createPackage({ db, agencyId }: AgencyScope, raw: CreatePackageInput) {
  const input = CreatePackageInput.parse(raw);
  if (input.kind === "package" && input.duration_minutes < 15) {
    throw new AppError("validation_failed", "duration_minutes: a package takes at least 15 minutes", [
      { field: "duration_minutes", message: "a package takes at least 15 minutes" },
    ]);
  }
  try {
    return await db.package.create({
      data: {
        id: newId("package"),
        agencyId,
        code: input.code,
        name: input.name,
        kind: input.kind,
        durationMinutes: input.duration_minutes,
        priceCents: input.price_cents,
        currency: input.currency,
      },
      select: { id: true, code: true, name: true, kind: true, durationMinutes: true, priceCents: true, currency: true },
    });
  } catch (error) {
    if (isUniqueViolation(error, "code")) {
      throw new AppError("conflict", `This agency already has a package with code ${input.code}.`, [{ field: "code", message: "is already taken" }]);
    }
    throw error;
  }
}
