// The agency's packages and add-ons with what they cost: the New listing form's choices.
import type { AgencyScope } from "../db/tenant";
import type { PackageDto } from "../api/routers/packages/schemas";

export async function listPackages({ db }: AgencyScope): Promise<PackageDto[]> {
  const rows = await db.package.findMany({
    orderBy: [{ kind: "asc" }, { priceCents: "asc" }, { code: "asc" }],
    select: { code: true, name: true, kind: true, durationMinutes: true, priceCents: true, currency: true },
  });
  return rows.map((p) => ({ code: p.code, name: p.name, kind: p.kind, duration_minutes: p.durationMinutes, price_cents: p.priceCents, currency: p.currency }));
}
