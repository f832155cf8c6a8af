// Curating a listing's media: the order, the cover photo, captions, and deleting (undoable for
// RESTORE_WINDOW_MS). Each change runs in one transaction with the listing locked, so two
// reorders or two cover picks cannot interleave. A deleted item disappears from the API and the
// dashboard at once; its row and files stay until purgeDeletedMedia runs past the window, and the
// files are removed only after the rows' deletion has committed (a file without a row is an
// orphan, harmless; a row without its file would be media the API lists but cannot serve).
import type { PrismaClient } from "../db/generated/client.ts";
import type { AgencyScope } from "../db/tenant";
import { AppError, notFound } from "../errors";
import { lockListing } from "../listings/load";
import type { MediaStorage } from "../storage/storage";
import { mediaSelect, storedVariants, type MediaSummary } from "./media";

export const RESTORE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** The media item (deleted ones too when `withDeleted`) and its listing, locked, or media_not_found. */
async function lockMediaItem(scope: AgencyScope, tx: Parameters<Parameters<AgencyScope["db"]["$transaction"]>[0]>[0], mediaId: string, withDeleted = false) {
  const item = await tx.media.findFirst({ where: { id: mediaId, ...(withDeleted ? {} : { deletedAt: null }) }, select: { id: true, kind: true, contentType: true, tour: { select: { listingNumber: true } } } });
  if (!item) throw notFound("media", mediaId);
  await lockListing(tx, item.tour.listingNumber);
  return item;
}

/**
 * Puts the listed items first, in that order; the listing's other items follow in their current
 * order. Every id must be one of the listing's (not deleted) media, each once.
 */
export async function reorderMedia(scope: AgencyScope, listingNumber: string, mediaIds: readonly string[]): Promise<void> {
  if (new Set(mediaIds).size !== mediaIds.length) {
    throw new AppError("validation_failed", "media_ids: each id may appear once", [{ field: "media_ids", message: "each id may appear once" }]);
  }
  await scope.db.$transaction(async (tx) => {
    const listing = await lockListing(tx, listingNumber);
    const current = await tx.media.findMany({ where: { tourId: listing.id, deletedAt: null }, select: { id: true }, orderBy: [{ position: "asc" }, { id: "asc" }] });
    const known = new Set(current.map((m) => m.id));
    const unknown = mediaIds.find((id) => !known.has(id));
    if (unknown) throw new AppError("media_not_found", `No media with id ${unknown} exists on listing ${listingNumber}.`);
    const listed = new Set(mediaIds);
    const order = [...mediaIds, ...current.map((m) => m.id).filter((id) => !listed.has(id))];
    for (const [index, id] of order.entries()) await tx.media.update({ where: { id }, data: { position: index + 1 } });
  });
}

/** Sets the caption (null clears it) and/or makes the item the listing's cover (or not). */
export async function updateMedia(scope: AgencyScope, mediaId: string, change: { caption?: string | null; is_cover?: boolean }): Promise<MediaSummary> {
  return scope.db.$transaction(async (tx) => {
    const item = await lockMediaItem(scope, tx, mediaId);
    if (change.is_cover === true) {
      if (item.kind !== "photo" || storedVariants(await tx.media.findUniqueOrThrow({ where: { id: mediaId }, select: { variants: true } })).length === 0) {
        throw new AppError("validation_failed", "is_cover: only a photo Valara can render (JPEG, PNG, WebP) can be the cover", [
          { field: "is_cover", message: "only a photo Valara can render can be the cover" },
        ]);
      }
      await tx.media.updateMany({ where: { tour: { listingNumber: item.tour.listingNumber }, isCover: true }, data: { isCover: false } });
    }
    return tx.media.update({
      where: { id: mediaId },
      data: { ...(change.caption !== undefined ? { caption: change.caption } : {}), ...(change.is_cover !== undefined ? { isCover: change.is_cover } : {}) },
      select: mediaSelect,
    });
  });
}

/** Deletes the item (undoable until `now + RESTORE_WINDOW_MS`); deleting it again changes nothing. */
export async function deleteMedia(scope: AgencyScope, mediaId: string, now = new Date()): Promise<{ deletedAt: Date; restorableUntil: Date }> {
  return scope.db.$transaction(async (tx) => {
    await lockMediaItem(scope, tx, mediaId, true);
    const row = await tx.media.findUniqueOrThrow({ where: { id: mediaId }, select: { deletedAt: true } });
    const deletedAt = row.deletedAt ?? now;
    if (!row.deletedAt) await tx.media.update({ where: { id: mediaId }, data: { deletedAt, isCover: false } });
    return { deletedAt, restorableUntil: new Date(deletedAt.getTime() + RESTORE_WINDOW_MS) };
  });
}

/** Undoes a delete within the window; restoring an item that is not deleted changes nothing. */
export async function restoreMedia(scope: AgencyScope, mediaId: string, now = new Date()): Promise<MediaSummary> {
  return scope.db.$transaction(async (tx) => {
    await lockMediaItem(scope, tx, mediaId, true);
    const row = await tx.media.findUniqueOrThrow({ where: { id: mediaId }, select: { deletedAt: true } });
    if (row.deletedAt && now.getTime() - row.deletedAt.getTime() > RESTORE_WINDOW_MS) throw notFound("media", mediaId);
    return tx.media.update({ where: { id: mediaId }, data: { deletedAt: null }, select: mediaSelect });
  });
}

/**
 * Removes, for every agency, the media deleted more than RESTORE_WINDOW_MS ago: the rows in one
 * transaction, then (after it committed) their files. Returns how many items were purged.
 */
export async function purgeDeletedMedia(prisma: PrismaClient, storage: MediaStorage, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - RESTORE_WINDOW_MS);
  const doomed = await prisma.$transaction(async (tx) => {
    const rows = await tx.media.findMany({ where: { deletedAt: { lt: cutoff } }, select: { id: true, storageKey: true, variants: true }, take: 500 });
    if (rows.length > 0) await tx.media.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    return rows;
  });
  const keys = doomed.flatMap((row) => [row.storageKey, ...storedVariants(row).map((v) => v.storage_key)]);
  await Promise.allSettled(keys.map((key) => storage.delete(key)));
  return doomed.length;
}
