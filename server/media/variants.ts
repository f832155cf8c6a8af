// The sized copies of an uploaded image, rendered with sharp (libvips): `mls` (long edge 2048 px,
// JPEG quality stepped down until the file is under 4 MB, the common MLS ceiling), `web` (1280 px)
// and `thumb` (400 px). Every variant is turned upright from the EXIF orientation, converted to
// sRGB, and written WITHOUT metadata: sharp drops EXIF (GPS, camera serials, owner names) unless
// asked to keep it. The original is kept untouched and stays agency-only.
//
// Rendered inline at upload, before the rows are written: a photo takes well under a second
// (see `npm run bench`), and decoding it is also how a damaged or truncated image is refused
// before anything is kept.
import type { Readable } from "node:stream";
import sharp from "sharp";
import { AppError } from "../errors";

export const VARIANT_SIZES = ["mls", "web", "thumb"] as const;
export type VariantSize = (typeof VARIANT_SIZES)[number];

const LONG_EDGE: Record<VariantSize, number> = { mls: 2048, web: 1280, thumb: 400 };
const MLS_MAX_BYTES = 4 * 1024 * 1024;
const MLS_QUALITIES = [90, 85, 80, 75, 70, 65, 60, 50, 40];
const QUALITY: Record<Exclude<VariantSize, "mls">, number> = { web: 82, thumb: 78 };

/** Types sharp's prebuilt libvips decodes; HEIC (HEVC) is not among them, so it keeps no variants. */
const RENDERABLE = new Set(["image/jpeg", "image/png", "image/webp"]);

export interface RenderedVariant {
  size: VariantSize;
  width: number;
  height: number;
  bytes: number;
  contentType: "image/jpeg";
  data: Buffer;
}

/** What the media row keeps of each variant (JSON column `variants`). */
export interface StoredVariant {
  size: VariantSize;
  width: number;
  height: number;
  bytes: number;
  content_type: string;
  storage_key: string;
}

export function rendersVariants(contentType: string): boolean {
  return RENDERABLE.has(contentType);
}

/** The key of a variant, beside its original's (`<agency>/<listing>/<media>.<size>.jpg`). */
export function variantKey(originalKey: string, size: VariantSize): string {
  return `${originalKey.replace(/\.[^./]+$/, "")}.${size}.jpg`;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The image upright, flattened on white (JPEG has no alpha), sRGB, at most 2048 px: raw pixels. */
async function decodeOnce(input: Buffer) {
  return sharp(input, { failOn: "warning" })
    .rotate()
    .flatten({ background: "#ffffff" })
    .resize({ width: LONG_EDGE.mls, height: LONG_EDGE.mls, fit: "inside", withoutEnlargement: true })
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
}

/**
 * The three variants of an image, largest first. A file sharp cannot decode whole (damaged,
 * truncated, not really an image) is refused with 415, naming the file.
 */
export async function renderVariants(input: Buffer, filename: string): Promise<RenderedVariant[]> {
  try {
    // The original is decoded once, whole (which is what catches truncation: the header alone
    // reads fine), to at most the mls size; the smaller sizes are made from those pixels.
    const base = await decodeOnce(input);
    const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };
    const render = (longEdge: number, quality: number) =>
      sharp(base.data, { raw })
        .resize({ width: longEdge, height: longEdge, fit: "inside", withoutEnlargement: true })
        .jpeg({ quality, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
    const variants: RenderedVariant[] = [];
    for (const size of VARIANT_SIZES) {
      let out = await render(LONG_EDGE[size], size === "mls" ? MLS_QUALITIES[0]! : QUALITY[size]);
      if (size === "mls") {
        for (const quality of MLS_QUALITIES.slice(1)) {
          if (out.data.length < MLS_MAX_BYTES) break;
          out = await render(LONG_EDGE.mls, quality);
        }
      }
      variants.push({ size, width: out.info.width, height: out.info.height, bytes: out.data.length, contentType: "image/jpeg", data: out.data });
    }
    return variants;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("unsupported_media_type", `${filename} is a damaged or truncated image and cannot be read; upload the file again.`);
  }
}
