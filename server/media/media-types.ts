// Which files Valara keeps, decided from their bytes (never the name or the Content-Type the
// client sent), what kind of media each is by default, and which kinds a type may be filed as.
// Pure: no I/O, so that the rules are tested on their own.

export const MEDIA_KINDS = ["photo", "video", "document", "floor_plan"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export interface AllowedType {
  contentType: string;
  extension: string;
  family: "image" | "video" | "pdf";
}

// Keyed by the MIME type file-type reports. HEIC/HEIF: file-type names the brand it finds
// (heic/heix → image/heic, mif1 → image/heif, and the -sequence variants for bursts).
const ALLOWED: Record<string, AllowedType> = {
  "image/jpeg": { contentType: "image/jpeg", extension: "jpg", family: "image" },
  "image/png": { contentType: "image/png", extension: "png", family: "image" },
  "image/webp": { contentType: "image/webp", extension: "webp", family: "image" },
  "image/heic": { contentType: "image/heic", extension: "heic", family: "image" },
  "image/heif": { contentType: "image/heif", extension: "heif", family: "image" },
  "image/heic-sequence": { contentType: "image/heic-sequence", extension: "heic", family: "image" },
  "image/heif-sequence": { contentType: "image/heif-sequence", extension: "heif", family: "image" },
  "video/mp4": { contentType: "video/mp4", extension: "mp4", family: "video" },
  "application/pdf": { contentType: "application/pdf", extension: "pdf", family: "pdf" },
};

export const ALLOWED_TYPES_TEXT = "JPEG, PNG, WebP, HEIC/HEIF, MP4 or PDF";

/** The allowed type a detected MIME type is, or null (unknown bytes, or a type we do not keep). */
export function allowedType(detectedMime: string | undefined): AllowedType | null {
  return (detectedMime && ALLOWED[detectedMime]) || null;
}

const DEFAULT_KIND: Record<AllowedType["family"], MediaKind> = { image: "photo", video: "video", pdf: "document" };

// A floor plan or a document may be a PDF or an image (a scan, an exported plan); a photo must be
// an image and a video a video.
const KINDS_BY_FAMILY: Record<AllowedType["family"], readonly MediaKind[]> = {
  image: ["photo", "floor_plan", "document"],
  video: ["video"],
  pdf: ["document", "floor_plan"],
};

/** The kind a file is filed as: the one asked for, if the type allows it, else its default. */
export function kindFor(type: AllowedType, requested: MediaKind | undefined): { kind: MediaKind } | { error: string } {
  if (!requested) return { kind: DEFAULT_KIND[type.family] };
  const allowed = KINDS_BY_FAMILY[type.family];
  if (allowed.includes(requested)) return { kind: requested };
  return { error: `a ${type.contentType} file cannot be a ${requested}; it can be: ${allowed.join(", ")}` };
}

export const MAX_FILENAME_LENGTH = 200;

/**
 * The uploaded file's name, made safe to store, show and send back in Content-Disposition: the
 * last path segment only (browsers on Windows send C:\fakepath\...), Unicode normalized (NFC),
 * control and bidirectional-override characters removed, whitespace collapsed, at most 200
 * characters (keeping the extension), and never empty.
 */
export function cleanFilename(raw: string | undefined, fallbackExtension: string): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/\s+/g, " ")
    // C0/C1 controls, bidi overrides and isolates, zero-width and BOM, lone surrogates.
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udfff]/gu, "")
    .trim()
    .replace(/^\.+/, "");
  if (!cleaned) return `upload.${fallbackExtension}`;
  // Counted in code points, so that shortening never splits a surrogate pair.
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_FILENAME_LENGTH) return cleaned;
  const dot = chars.lastIndexOf(".");
  const extension = dot > 0 && chars.length - dot <= 16 ? chars.slice(dot).join("") : "";
  return `${chars.slice(0, MAX_FILENAME_LENGTH - Array.from(extension).length).join("").trimEnd()}${extension}`;
}

/** Content-Disposition for a stored file: an ASCII fallback plus the exact name (RFC 6266/5987). */
export function contentDisposition(filename: string, disposition: "inline" | "attachment" = "inline"): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
