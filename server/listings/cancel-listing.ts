import type { AgencyScope } from "../db/tenant";
import { AppError } from "../errors";
import { canCancel, STATUS_LABELS } from "./lifecycle";
import { listingInclude, lockListing, type ListingRecord } from "./load";

/** Shoots starting sooner than this cannot be cancelled by cancelling their listing. */
export const CANCELLATION_WINDOW_MS = 24 * 60 * 60 * 1000;

// Invoices nobody has paid anything on yet: cancelling the listing cancels them.
const CANCELLABLE_INVOICE_STATES = ["DRAFT", "UNPAID", "SCHEDULED"] as const;

/**
 * Cancels a listing, its scheduled shoots and its unpaid invoices, in one transaction.
 * Refused (409 cancellation_window_active) while a scheduled shoot starts within 24 hours or is
 * under way; refused (422 lifecycle_violation) for a sold or already cancelled listing.
 */
export function cancelListing({ db }: AgencyScope, listingNumber: string, now: Date = new Date()): Promise<ListingRecord> {
  return db.$transaction(async (tx) => {
    const { id, status } = await lockListing(tx, listingNumber);
    if (!canCancel(status)) {
      throw new AppError("lifecycle_violation", `Listing ${listingNumber} is ${STATUS_LABELS[status]}, which is final; it cannot be cancelled.`);
    }
    const imminent = await tx.shoot.findFirst({
      where: {
        tourId: id,
        status: "scheduled",
        startsAt: { lt: new Date(now.getTime() + CANCELLATION_WINDOW_MS) },
        endsAt: { gt: now },
      },
      orderBy: { startsAt: "asc" },
    });
    if (imminent) {
      throw new AppError(
        "cancellation_window_active",
        `Listing ${listingNumber} has a shoot scheduled at ${imminent.startsAt.toISOString()}, within 24 hours; cancel or reschedule the shoot first, or contact the agency.`,
      );
    }
    await tx.shoot.updateMany({ where: { tourId: id, status: "scheduled" }, data: { status: "cancelled", cancelledAt: now } });
    await tx.invoice.updateMany({
      where: { order: { tourId: id }, status: { in: [...CANCELLABLE_INVOICE_STATES] } },
      data: { status: "CANCELED" },
    });
    return tx.tour.update({
      where: { id },
      data: { status: "cancelled", statusChangedAt: now, cancelledAt: now },
      include: listingInclude,
    });
  });
}
