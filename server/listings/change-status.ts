import type { AgencyScope } from "../db/tenant";
import { AppError } from "../errors";
import { canTransition, describeAllowedNext, statusFromLabel, STATUS_LABELS } from "./lifecycle";
import { listingInclude, lockListing, type ListingRecord } from "./load";
import { emitEvent } from "../webhooks/emit";

/** Moves a listing to a new status if the lifecycle allows it (422 lifecycle_violation otherwise). */
export function changeListingStatus({ db, agencyId, actor }: AgencyScope, listingNumber: string, statusLabel: string): Promise<ListingRecord> {
  const to = statusFromLabel(statusLabel);
  if (!to) throw new AppError("validation_failed", `status: unknown status ${statusLabel}`);
  return db.$transaction(async (tx) => {
    const { id, status: from } = await lockListing(tx, listingNumber);
    if (!canTransition(from, to)) {
      throw new AppError(
        "lifecycle_violation",
        `Cannot change listing ${listingNumber} from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}. ${describeAllowedNext(from)}`,
      );
    }
    const changedAt = new Date();
    const tour = await tx.tour.update({ where: { id }, data: { status: to, statusChangedAt: changedAt }, include: listingInclude });
    await emitEvent(tx, { agencyId, actor }, "listing.status_changed", {
      listing_number: listingNumber,
      previous_status: STATUS_LABELS[from],
      status: STATUS_LABELS[to],
      changed_at: changedAt.toISOString(),
    });
    return tour;
  });
}
