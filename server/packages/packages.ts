// An agency's packages: what integrators name as `package` when they create a listing.
import { isUniqueViolation } from "../db/errors";
import type { AgencyScope, TenantDb, TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { newId } from "../ids";
import { CreatePackageInput, MIN_PACKAGE_MINUTES, PackageCodeSchema, UpdatePackageInput } from "../api/routers/packages/schemas";
import { packageSelect } from "./list-packages";

export { CreatePackageInput, UpdatePackageInput } from "../api/routers/packages/schemas";

const fullSelect = { id: true, ...packageSelect } as const;

function tooShort(field = "duration_minutes"): AppError {
  const message = `a package takes at least ${MIN_PACKAGE_MINUTES} minutes`;
  return new AppError("validation_failed", `${field}: ${message}`, [{ field, message }]);
}

export function packageNotFound(code: string): AppError {
  return new AppError("not_found", `No package or add-on with code ${code} in your agency.`, [{ field: "code", message: "no such package or add-on" }]);
}

export async function createPackage({ db, agencyId }: AgencyScope, raw: CreatePackageInput) {
  const input = CreatePackageInput.parse(raw);
  if (input.kind === "package" && input.duration_minutes < MIN_PACKAGE_MINUTES) throw tooShort();
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
      select: fullSelect,
    });
  } catch (error) {
    if (isUniqueViolation(error, "code")) {
      throw new AppError("conflict", `This agency already has a package with code ${input.code}.`, [{ field: "code", message: "is already taken" }]);
    }
    throw error;
  }
}

/**
 * Changes a package's name, price, duration or currency. The code is what integrators send and
 * what past orders were made from, so it never changes (create a new package and retire this one
 * instead); neither does the kind. Past orders keep the lines they were billed with: an order's
 * line items carry their own name, price and currency.
 */
export async function updatePackage({ db }: AgencyScope, raw: UpdatePackageInput) {
  const input = UpdatePackageInput.parse(raw);
  return db.$transaction(async (tx) => {
    const current = await tx.package.findFirst({ where: { code: input.code }, select: { id: true, kind: true } });
    if (!current) throw packageNotFound(input.code);
    if (current.kind === "package" && input.duration_minutes !== undefined && input.duration_minutes < MIN_PACKAGE_MINUTES) throw tooShort();
    return tx.package.update({
      where: { id: current.id },
      data: {
        name: input.name,
        durationMinutes: input.duration_minutes,
        priceCents: input.price_cents,
        currency: input.currency,
      },
      select: fullSelect,
    });
  });
}

/**
 * Retires a package or add-on (new listings refuse it; past orders and listings keep it) or, with
 * `retired: false`, offers it again. Idempotent: retiring a retired package keeps its first date.
 */
export async function setPackageRetired({ db }: AgencyScope, code: string, retired: boolean, now: Date = new Date()) {
  const wanted = PackageCodeSchema.parse(code);
  return db.$transaction(async (tx) => {
    const current = await tx.package.findFirst({ where: { code: wanted }, select: { id: true, retiredAt: true } });
    if (!current) throw packageNotFound(wanted);
    if (retired === (current.retiredAt !== null)) return tx.package.findUniqueOrThrow({ where: { id: current.id }, select: fullSelect });
    return tx.package.update({ where: { id: current.id }, data: { retiredAt: retired ? now : null }, select: fullSelect });
  });
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
  options: { refuseRetired?: boolean } = {},
): Promise<{ package: ResolvedPackage; addOns: ResolvedPackage[] }> {
  const wanted = [...new Set([codes.package, ...codes.addOns])];
  const found = await db.package.findMany({
    where: { code: { in: wanted } },
    select: { id: true, code: true, kind: true, name: true, durationMinutes: true, priceCents: true, currency: true, retiredAt: true },
  });
  // The codes offered to name instead: retired ones are not offered.
  const known = async (kind: "package" | "add_on") =>
    (await db.package.findMany({ where: { kind, retiredAt: null }, select: { code: true }, orderBy: { code: "asc" } })).map((p) => p.code).join(", ") || "(none)";
  const pkg = found.find((p) => p.code === codes.package && p.kind === "package");
  if (!pkg) throw refuse("package", `no package "${codes.package}" in your agency; known codes: ${await known("package")}`);
  if (options.refuseRetired && pkg.retiredAt) {
    throw refuse("package", `package "${pkg.code}" is retired and takes no new listings; active codes: ${await known("package")}`);
  }
  const addOnCodes = [...new Set(codes.addOns)];
  const addOn = (code: string) => found.find((p) => p.code === code && p.kind === "add_on");
  const unknown = addOnCodes.filter((code) => !addOn(code));
  if (unknown.length > 0) {
    throw refuse("add_ons", `no add-on ${unknown.map((code) => `"${code}"`).join(", ")} in your agency; known add-on codes: ${await known("add_on")}`);
  }
  const retired = options.refuseRetired ? addOnCodes.filter((code) => addOn(code)!.retiredAt) : [];
  if (retired.length > 0) {
    throw refuse(
      "add_ons",
      `add-on ${retired.map((code) => `"${code}"`).join(", ")} is retired and takes no new listings; active add-on codes: ${await known("add_on")}`,
    );
  }
  const strip = ({ retiredAt: _retiredAt, ...rest }: (typeof found)[number]): ResolvedPackage => rest;
  return { package: strip(pkg), addOns: addOnCodes.map((code) => strip(addOn(code)!)) };
}
