// What a delivery gallery hands out: each item in each size (mls, web, thumb, original) under a
// readable name `<listing>-01-<caption slug or kind>.<ext>`, and the entries of "Download all"
// (streamed by zip.ts). Plain functions, shared by the page and the download routes.
import { storedVariants } from "../media/media";
import { VARIANT_SIZES } from "../media/variants";
import type { loadGallery } from "./deliveries";

export const DOWNLOAD_SIZES = [...VARIANT_SIZES, "original"] as const;
export type DownloadSize = (typeof DOWNLOAD_SIZES)[number];
/**
 * The `web` rendition with the agency's watermark (watermark.ts): the only image a gallery whose
 * downloads are locked shows, in the grid and the lightbox alike. Not a download: always inline.
 */
export const PREVIEW_SIZE = "preview";
/** The sizes "Download all" offers: MLS-ready, or print (the originals). */
export const ZIP_SIZES = ["mls", "original"] as const;
export type ZipSize = (typeof ZIP_SIZES)[number];

export type Gallery = NonNullable<Awaited<ReturnType<typeof loadGallery>>>;
export type GalleryItem = Gallery["items"][number];

export interface GalleryFile {
  name: string;
  storageKey: string;
  contentType: string;
  bytes: number;
  etag: string;
}

const KIND_SLUG = { photo: "photo", video: "video", floor_plan: "floor-plan", document: "document" } as const;

/** Lower-case ASCII words joined by dashes ("Front, at dusk!" → "front-at-dusk"), at most 40 chars. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

function extensionOf(filename: string, contentType: string): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
  if (fromName) return fromName === "jpeg" ? "jpg" : fromName;
  return { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf", "video/mp4": "mp4" }[contentType] ?? "bin";
}

/** `<listing>-<nn>-<slug>.<ext>`: nn is the 1-based place in the gallery, padded to sort right. */
export function deliveryFileName(listingNumber: string, index: number, total: number, item: Pick<GalleryItem, "caption" | "kind">, extension: string): string {
  const place = String(index + 1).padStart(Math.max(2, String(total).length), "0");
  const slug = (item.caption && slugify(item.caption)) || KIND_SLUG[item.kind];
  return `${listingNumber}-${place}-${slug}.${extension}`;
}

/**
 * The file one item offers in `size`, or null if it has no such size (a video has no `mls`).
 * Items without variants (videos, PDFs, HEIC) offer only the original.
 */
export function galleryFile(gallery: Gallery, index: number, size: DownloadSize): GalleryFile | null {
  const item = gallery.items[index];
  if (!item) return null;
  const total = gallery.items.length;
  if (size === "original") {
    return {
      name: deliveryFileName(gallery.listingNumber, index, total, item, extensionOf(item.filename, item.contentType)),
      storageKey: item.storageKey,
      contentType: item.contentType,
      bytes: item.sizeBytes,
      etag: `"${item.sha256}"`,
    };
  }
  const variant = storedVariants(item).find((v) => v.size === size);
  if (!variant) return null;
  return {
    name: deliveryFileName(gallery.listingNumber, index, total, item, "jpg"),
    storageKey: variant.storage_key,
    contentType: variant.content_type,
    bytes: variant.bytes,
    etag: `"${item.sha256}-${size}"`,
  };
}

/** The URL of one item's file in a gallery (relative to the site). */
export const galleryFilePath = (token: string, mediaId: string, size: DownloadSize, download = false) =>
  `/d/${token}/files/${mediaId}/${size}${download ? "?download=1" : ""}`;
export const galleryZipPath = (token: string, size: ZipSize) => `/d/${token}/download.zip?size=${size}`;

const KIND_LABEL = { photo: "Photo", video: "Video", floor_plan: "Floor plan", document: "Document" } as const;
const SIZE_LABEL: Record<DownloadSize, string> = { mls: "MLS", web: "Web", thumb: "Thumbnail", original: "Original" };

/**
 * What the gallery page shows of each item: no storage keys, only the paths under the token.
 * While downloads are locked it names no unwatermarked file at all: every image (grid, srcset and
 * lightbox) is the watermarked preview, and there are no download links.
 */
export function galleryView(gallery: Gallery, token: string) {
  const locked = gallery.lock.locked;
  const counters = new Map<string, number>();
  return gallery.items.map((item, index) => {
    const count = (counters.get(item.kind) ?? 0) + 1;
    counters.set(item.kind, count);
    const source = (size: "thumb" | "web") => {
      const variant = storedVariants(item).find((v) => v.size === size);
      return variant && { path: galleryFilePath(token, item.id, size), width: variant.width, height: variant.height };
    };
    const web = source("web");
    const preview = web && { ...web, path: `/d/${token}/files/${item.id}/${PREVIEW_SIZE}` };
    const thumb = locked ? preview : source("thumb");
    const downloads = locked ? [] : (["mls", "web", "original"] as const).flatMap((size) => {
      const file = galleryFile(gallery, index, size);
      return file ? [{ size, label: SIZE_LABEL[size], path: galleryFilePath(token, item.id, size, true), bytes: file.bytes }] : [];
    });
    return {
      id: item.id,
      label: `${KIND_LABEL[item.kind]} ${count}`,
      caption: item.caption,
      isCover: item.isCover,
      image: thumb && web && preview ? (locked ? { thumb: preview, web: preview } : { thumb, web }) : null,
      downloads,
    };
  });
}

/** What "Download all" puts in the ZIP: every item in `size`, falling back to its original when it has no such variant. */
export function zipEntries(gallery: Gallery, size: ZipSize): GalleryFile[] {
  return gallery.items.map((_, index) => galleryFile(gallery, index, size) ?? galleryFile(gallery, index, "original")!);
}

export const zipName = (gallery: Gallery, size: ZipSize) => `${gallery.listingNumber}-${size === "mls" ? "mls" : "original"}.zip`;
