// Files already staged in storage become a listing's media: in one transaction the listing is
// locked (so that a cancellation cannot slip in between), the upload ticket (if any) is used up,
// the rows are inserted and the staged files are moved to their final keys. If anything fails,
// the transaction rolls back and the files moved so far are deleted: no row, no file.
//
// The files move before COMMIT, not after, because the two orders fail differently when the
// process dies in between: moving first can leave a file at a final key that no row names (an
// orphan, harmless and safe to delete); committing first could leave rows whose files are still
// in staging, media the API lists but cannot serve. So: never a row without its file.
import type { AgencyScope } from "../db/tenant";
import type { Prisma } from "../db/generated/client.ts";
import { newId } from "../ids";
import { onRequestRollback } from "../db/request-transaction";
import type { StagedObject, MediaStorage } from "../storage/storage";
import { lockListing } from "../listings/load";
import type { MediaKind } from "./media-types";
import { mediaSelect, toMediaDto, type MediaSummary } from "./media";
import { emitEvent } from "../webhooks/emit";
import { loadEnv } from "../env";
import { assertTakesMedia, consumeUploadTicket } from "./upload-tickets";
import { variantKey, type StoredVariant, type VariantSize } from "./variants";

/** A rendered variant, staged like its original and committed beside it. */
export interface StagedVariant {
  size: VariantSize;
  width: number;
  height: number;
  bytes: number;
  contentType: string;
  staged: StagedObject;
}

export interface StagedMedia {
  filename: string;
  contentType: string;
  extension: string;
  kind: MediaKind;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  staged: StagedObject;
  /** Images sharp can read: their mls/web/thumb copies. */
  variants?: readonly StagedVariant[];
}

/** Who uploads: recorded on each media row. */
export type Uploader =
  | { via: "api_key"; apiKeyId: string }
  | { via: "session"; userId: string }
  | { via: "upload_ticket"; ticketId: string };

// Generous: committing moves each file (a rename on disk, a server-side copy on S3).
const TRANSACTION_TIMEOUT_MS = 120_000;

export async function addMedia(
  { db, agencyId, actor }: AgencyScope,
  storage: MediaStorage,
  input: { listingNumber: string; files: readonly StagedMedia[]; uploader: Uploader; now?: Date; appUrl?: string },
): Promise<{ listingNumber: string; media: MediaSummary[] }> {
  const now = input.now ?? new Date();
  const moved: string[] = [];
  // A COMMIT whose answer was lost (the connection dropped) may have succeeded: delete the moved
  // files only once the database says no row names them; if it cannot say, keep them.
  const removeUnlessKept = async () => {
    if (moved.length === 0) return;
    const originals = moved.filter((key) => !/\.(mls|web|thumb)\.jpg$/.test(key));
    const named = await db.media.count({ where: { storageKey: { in: originals } } }).catch(() => null);
    if (named === 0) await Promise.allSettled(moved.map((key) => storage.delete(key)));
  };
  try {
    const added = await db.$transaction(
      async (tx) => {
        const listing = await lockListing(tx, input.listingNumber);
        assertTakesMedia(input.listingNumber, listing.status);
        if (input.uploader.via === "upload_ticket") await consumeUploadTicket(tx, input.uploader.ticketId, { id: listing.id, listingNumber: input.listingNumber }, now);
        // Sorted, so that ids (ULIDs, which the listing's media are ordered by) follow the files' order
        // even within one millisecond.
        const ids = input.files.map(() => newId("media")).sort();
        // New media go after what the agency has already ordered.
        const last = await tx.media.aggregate({ where: { tourId: listing.id }, _max: { position: true } });
        const firstPosition = (last._max.position ?? 0) + 1;
        const rows = input.files.map((file, index) => {
          const id = ids[index]!;
          const storageKey = `${agencyId}/${listing.id}/${id}.${file.extension}`;
          const variants: StoredVariant[] = (file.variants ?? []).map((v) => ({
            size: v.size,
            width: v.width,
            height: v.height,
            bytes: v.bytes,
            content_type: v.contentType,
            storage_key: variantKey(storageKey, v.size),
          }));
          return {
            id,
            agencyId,
            tourId: listing.id,
            kind: file.kind,
            filename: file.filename,
            contentType: file.contentType,
            sizeBytes: file.sizeBytes,
            sha256: file.sha256,
            width: file.width,
            height: file.height,
            storageKey,
            position: firstPosition + index,
            variants: variants as unknown as Prisma.InputJsonValue,
            uploadedVia: input.uploader.via,
            uploadedByUserId: input.uploader.via === "session" ? input.uploader.userId : null,
            apiKeyId: input.uploader.via === "api_key" ? input.uploader.apiKeyId : null,
            uploadTicketId: input.uploader.via === "upload_ticket" ? input.uploader.ticketId : null,
            createdAt: now,
          };
        });
        await tx.media.createMany({ data: rows });
        for (const [index, file] of input.files.entries()) {
          await file.staged.commit(rows[index]!.storageKey);
          moved.push(rows[index]!.storageKey);
          for (const variant of file.variants ?? []) {
            const key = variantKey(rows[index]!.storageKey, variant.size);
            await variant.staged.commit(key);
            moved.push(key);
          }
        }
        const media = await tx.media.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: mediaSelect, orderBy: { id: "asc" } });
        const appUrl = input.appUrl ?? loadEnv().APP_URL;
        await emitEvent(tx, { agencyId, actor }, "media.uploaded", {
          listing_number: input.listingNumber,
          uploaded_via: input.uploader.via,
          media: media.map((m) => {
            // The event's item is the catalog's (versioned, locked) shape: variants are read from the API.
            const { uploaded_at: _uploadedAt, variants: _variants, caption: _caption, is_cover: _isCover, ...item } = toMediaDto(m, appUrl);
            return item;
          }),
        });
        return { listingNumber: input.listingNumber, media };
      },
      { timeout: TRANSACTION_TIMEOUT_MS },
    );
    // Inside a request transaction (an idempotent upload) that was a savepoint: the rows are only
    // kept if the whole request commits, so the files must go if it does not.
    onRequestRollback(removeUnlessKept);
    return added;
  } catch (error) {
    await removeUnlessKept();
    throw error;
  }
}
