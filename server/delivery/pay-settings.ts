// Pay to download, as the agency sets it: its "downloads require payment", and each listing's
// override. Plain functions over an agency-scoped client (another agency's listing is a 404).
import type { z } from "zod";
import type { AgencyScope } from "../db/tenant";
import { notFound } from "../errors";
import { downloadLockOf } from "./download-lock";
import type { DownloadLockSchema, SetDownloadGateInput, UpdateDeliverySettingsInput } from "./schemas";

export async function getDeliverySettings({ db, agencyId }: AgencyScope) {
  const agency = await db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { downloadsRequirePayment: true } });
  return { downloads_require_payment: agency.downloadsRequirePayment };
}

export async function updateDeliverySettings(scope: AgencyScope, input: z.output<typeof UpdateDeliverySettingsInput>) {
  await scope.db.agency.update({ where: { id: scope.agencyId }, data: { downloadsRequirePayment: input.downloads_require_payment } });
  return getDeliverySettings(scope);
}

/** The listing's lock state now, with its override and the agency's setting. */
export async function listingDownloadLock({ db, agencyId }: AgencyScope, tourId: string): Promise<z.output<typeof DownloadLockSchema>> {
  const [tour, agency, lock] = await Promise.all([
    db.tour.findUniqueOrThrow({ where: { id: tourId }, select: { downloadGate: true } }),
    db.agency.findUniqueOrThrow({ where: { id: agencyId }, select: { downloadsRequirePayment: true } }),
    downloadLockOf(db, tourId),
  ]);
  return {
    download_gate: tour.downloadGate,
    agency_requires_payment: agency.downloadsRequirePayment,
    requires_payment: lock!.requiresPayment,
    locked: lock!.locked,
    pay_url: lock!.payUrl,
  };
}

export async function setListingDownloadGate(scope: AgencyScope, input: z.output<typeof SetDownloadGateInput>) {
  const tour = await scope.db.tour.findUnique({ where: { listingNumber: input.listing_number }, select: { id: true } });
  if (!tour) throw notFound("listing", input.listing_number);
  await scope.db.tour.update({ where: { id: tour.id }, data: { downloadGate: input.download_gate } });
  return listingDownloadLock(scope, tour.id);
}
