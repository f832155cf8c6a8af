// Marking a listing's media as delivered to the agency's client: the moment integrators wait for
// (media.delivery.completed, seed 001's quickstart). It may be marked again after more media is
// added; each time tells the webhooks, with the counts delivered. Each time also makes a new client
// gallery link (/d/<token>, see server/delivery/deliveries.ts): only its hash is stored, so the link
// is returned here once and never again.
import type { AgencyScope } from "../db/tenant";
import { AppError } from "../errors";
import { emitEvent } from "../webhooks/emit";
import { createDelivery, galleryUrl, type CreatedDelivery } from "../delivery/deliveries";
import { STATUS_LABELS } from "./lifecycle";
import { listingInclude, lockListing, propertyUrl, type ListingRecord } from "./load";

export interface MediaDelivered {
  listing: ListingRecord;
  delivery: CreatedDelivery & { galleryUrl: string };
}

export async function markMediaDelivered(
  { db, agencyId, actor }: AgencyScope,
  listingNumber: string,
  appUrl: string,
  now = new Date(),
  expiresAt: Date | null = null,
): Promise<MediaDelivered> {
  return db.$transaction(async (tx) => {
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      const message = "must be in the future";
      throw new AppError("validation_failed", `expires_at: ${message}`, [{ field: "expires_at", message }]);
    }
    const { id, status } = await lockListing(tx, listingNumber);
    if (status === "cancelled") {
      throw new AppError("lifecycle_violation", `Listing ${listingNumber} is ${STATUS_LABELS[status]}; its media cannot be delivered.`);
    }
    const byKind = await tx.media.groupBy({ by: ["kind"], where: { tourId: id, deletedAt: null }, _count: { _all: true } });
    const count = (kind: string) => byKind.find((k) => k.kind === kind)?._count._all ?? 0;
    const media_counts = { photos: count("photo"), videos: count("video"), documents: count("document"), floor_plans: count("floor_plan") };
    if (Object.values(media_counts).every((n) => n === 0)) {
      throw new AppError("lifecycle_violation", `Listing ${listingNumber} has no media yet; upload some before marking it delivered.`);
    }
    const delivery = await createDelivery(tx, id, expiresAt, now, actor);
    const gallery_url = galleryUrl(appUrl, delivery.token);
    const tour = await tx.tour.update({ where: { id }, data: { mediaDeliveredAt: now }, include: listingInclude });
    await emitEvent(tx, { agencyId, actor }, "media.delivery.completed", {
      listing_number: tour.listingNumber,
      delivered_at: now.toISOString(),
      property_url: propertyUrl(appUrl, tour.listingNumber),
      media_counts,
      gallery_url,
      delivery_id: delivery.id,
    });
    return { listing: tour, delivery: { ...delivery, galleryUrl: gallery_url } };
  });
}
