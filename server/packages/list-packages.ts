// The agency's packages and add-ons with what they cost: the New listing form's choices (active
// ones only), and with `includeRetired` the /packages page's full list.
import type { AgencyScope } from "../db/tenant";
import type { PackageDto } from "../api/routers/packages/schemas";

export const packageSelect = {
  code: true,
  name: true,
  kind: true,
  durationMinutes: true,
  priceCents: true,
  currency: true,
  retiredAt: true,
} as const;

export function toPackageDto(p: {
  code: string;
  name: string;
  kind: "package" | "add_on";
  durationMinutes: number;
  priceCents: number;
  currency: string;
  retiredAt: Date | null;
}): PackageDto {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    duration_minutes: p.durationMinutes,
    price_cents: p.priceCents,
    currency: p.currency,
    retired_at: p.retiredAt?.toISOString() ?? null,
  };
}

export async function listPackages({ db }: AgencyScope, options: { includeRetired?: boolean } = {}): Promise<PackageDto[]> {
  const rows = await db.package.findMany({
    where: options.includeRetired ? {} : { retiredAt: null },
    orderBy: [{ kind: "asc" }, { priceCents: "asc" }, { code: "asc" }],
    select: packageSelect,
  });
  return rows.map(toPackageDto);
}
