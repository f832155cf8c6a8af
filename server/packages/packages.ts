// An agency's packages: what integrators name as `package` when they create a listing.
import { z } from "zod";
import { isUniqueViolation } from "../db/errors";
import type { AgencyScope, TenantDb, TenantTx } from "../db/tenant";
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

/** A package or add-on with what an order bills and a shoot lasts. */
export interface ResolvedPackage {
  id: string;
  code: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  currency: string;
}

/**
 * The package (kind package) and add-ons (kind add_on) by code, add-ons in the order given. Unknown
 * codes are refused through `refuse(field, message)`, naming the codes the agency does have. The
 * one lookup behind creating a listing's order, availability and booking, so that a code means the
 * same in each (callers' schemas lower-case codes, as packages are created).
 */
export async function resolvePackages(
  db: TenantDb | TenantTx,
  codes: { package: string; addOns: readonly string[] },
  refuse: (field: string, message: string) => AppError,
): Promise<{ package: ResolvedPackage; addOns: ResolvedPackage[] }> {
  const wanted = [...new Set([codes.package, ...codes.addOns])];
  const found = await db.package.findMany({
    where: { code: { in: wanted } },
    select: { id: true, code: true, kind: true, name: true, durationMinutes: true, priceCents: true, currency: true },
  });
  const known = async (kind: "package" | "add_on") =>
    (await db.package.findMany({ where: { kind }, select: { code: true }, orderBy: { code: "asc" } })).map((p) => p.code).join(", ") || "(none)";
  const pkg = found.find((p) => p.code === codes.package && p.kind === "package");
  if (!pkg) throw refuse("package", `no package "${codes.package}" in your agency; known codes: ${await known("package")}`);
  const addOnCodes = [...new Set(codes.addOns)];
  const addOn = (code: string) => found.find((p) => p.code === code && p.kind === "add_on");
  const unknown = addOnCodes.filter((code) => !addOn(code));
  if (unknown.length > 0) {
    throw refuse("add_ons", `no add-on ${unknown.map((code) => `"${code}"`).join(", ")} in your agency; known add-on codes: ${await known("add_on")}`);
  }
  return { package: pkg, addOns: addOnCodes.map((code) => addOn(code)!) };
}
