// How media is read for the API: the listing's media grouped by kind, one item's shape, and the
// agency's media by id (for downloads).
import type { Prisma } from "../db/generated/client.ts";
import type { TenantDb } from "../db/tenant";
import { notFound } from "../errors";
import type { ListingMediaDto, MediaItemDto } from "../api/routers/media/schemas";
import type { StoredVariant } from "./variants";

export const mediaSelect = {
  id: true,
  kind: true,
  filename: true,
  contentType: true,
  sizeBytes: true,
  sha256: true,
  width: true,
  height: true,
  variants: true,
  caption: true,
  isCover: true,
  createdAt: true,
} as const satisfies Prisma.MediaSelect;

export type MediaSummary = Prisma.MediaGetPayload<{ select: typeof mediaSelect }>;

/** Where a media item is downloaded: the API's own endpoint (it checks who asks). */
export function mediaUrl(appUrl: string, mediaId: string): string {
  return `${appUrl}/api/v1/media/${mediaId}`;
}

/** The variants a row records, as stored (see variants.ts). */
export function storedVariants(media: Pick<MediaSummary, "variants">): StoredVariant[] {
  return Array.isArray(media.variants) ? (media.variants as unknown as StoredVariant[]) : [];
}

/** Where one variant is downloaded: the item's own URL with `?size=`. */
export function variantUrl(appUrl: string, mediaId: string, size: string): string {
  return `${mediaUrl(appUrl, mediaId)}?size=${size}`;
}

export function toMediaDto(media: MediaSummary, appUrl: string): MediaItemDto {
  return {
    media_id: media.id,
    kind: media.kind,
    filename: media.filename,
    content_type: media.contentType,
    size_bytes: media.sizeBytes,
    sha256: media.sha256,
    width: media.width,
    height: media.height,
    url: mediaUrl(appUrl, media.id),
    caption: media.caption,
    is_cover: media.isCover,
    variants: storedVariants(media).map((v) => ({ size: v.size, width: v.width, height: v.height, bytes: v.bytes, content_type: v.content_type, url: variantUrl(appUrl, media.id, v.size) })),
    uploaded_at: media.createdAt.toISOString(),
  };
}

/** A listing's media by kind, each in the agency's order (then upload order). */
export function groupMedia(media: readonly MediaSummary[], appUrl: string): ListingMediaDto {
  const grouped: ListingMediaDto = { photos: [], videos: [], documents: [], floor_plans: [] };
  const key = { photo: "photos", video: "videos", document: "documents", floor_plan: "floor_plans" } as const;
  for (const item of media) grouped[key[item.kind]].push(toMediaDto(item, appUrl));
  return grouped;
}

/** The agency's media item with that id, with where its bytes are, or media_not_found. */
export async function loadMedia(db: TenantDb, mediaId: string) {
  const media = await db.media.findFirst({ where: { id: mediaId, deletedAt: null }, select: { ...mediaSelect, storageKey: true } });
  if (!media) throw notFound("media", mediaId);
  return media;
}
