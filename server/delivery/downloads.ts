// What a delivery gallery hands out: each item in each size (mls, web, thumb, original) under a
// readable name `<listing>-01-<caption slug or kind>.<ext>`, and "Download all" as a ZIP that is
// streamed as it is built (archiver in store mode: JPEGs do not compress, and storing keeps the
// CPU free), reading one stored file at a time so memory stays flat whatever the delivery weighs.
import type { Writable } from "node:stream";
import archiver from "archiver";
import type { MediaStorage } from "../storage/storage";
import { storedVariants } from "../media/media";
import { VARIANT_SIZES } from "../media/variants";
import type { loadGallery } from "./deliveries";

export const DOWNLOAD_SIZES = [...VARIANT_SIZES, "original"] as const;
export type DownloadSize = (typeof DOWNLOAD_SIZES)[number];
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

/** What "Download all" puts in the ZIP: every item in `size`, falling back to its original when it has no such variant. */
export function zipEntries(gallery: Gallery, size: ZipSize): GalleryFile[] {
  return gallery.items.map((_, index) => galleryFile(gallery, index, size) ?? galleryFile(gallery, index, "original")!);
}

export const zipName = (gallery: Gallery, size: ZipSize) => `${gallery.listingNumber}-${size === "mls" ? "mls" : "original"}.zip`;

/**
 * Streams the ZIP of `entries` into `out`. Each stored file is opened only when the archive is
 * ready for it (archiver's queue takes one entry at a time, and we wait for each entry to be
 * written before opening the next), so at most one storage stream is open at once.
 */
export async function streamZip(storage: MediaStorage, entries: GalleryFile[], out: Writable): Promise<void> {
  const archive = archiver("zip", { store: true });
  const failed = new Promise<never>((_, reject) => archive.on("error", reject));
  failed.catch(() => {});
  archive.pipe(out);
  try {
    for (const entry of entries) {
      const stored = await storage.read(entry.storageKey);
      const written = new Promise<void>((resolve) => archive.once("entry", () => resolve()));
      archive.append(stored.body, { name: entry.name, store: true });
      await Promise.race([written, failed]);
    }
    await Promise.race([archive.finalize(), failed]);
  } catch (error) {
    archive.abort();
    throw error;
  }
}
