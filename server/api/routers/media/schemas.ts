// Response shapes of the media endpoints, and the media a listing carries. Imports nothing
// server-only (nor the listings schemas, which import this file).
import { z } from "zod";

const Timestamp = z.string().meta({ description: "ISO 8601, UTC", example: "2026-11-26T12:00:00.000Z" });

export const MEDIA_KIND_VALUES = ["photo", "video", "document", "floor_plan"] as const;

export const MEDIA_VARIANT_SIZES = ["mls", "web", "thumb"] as const;

export const MediaVariantSchema = z
  .object({
    size: z.enum(MEDIA_VARIANT_SIZES).meta({
      description: "mls: long edge 2048 px, JPEG under 4 MB; web: 1280 px; thumb: 400 px. All sRGB, upright, without EXIF (no GPS).",
    }),
    width: z.number().int(),
    height: z.number().int(),
    bytes: z.number().int(),
    content_type: z.string().meta({ example: "image/jpeg" }),
    url: z.string().meta({ example: "https://valara.cloud/api/v1/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF?size=mls" }),
  })
  .meta({ id: "MediaVariant" });
export type MediaVariantDto = z.infer<typeof MediaVariantSchema>;

export const MediaItemSchema = z
  .object({
    media_id: z.string().meta({ example: "media_01JD3Q6W4ZKXY3T5V7B9C1D2EF" }),
    kind: z.enum(MEDIA_KIND_VALUES),
    filename: z.string().meta({ description: "The uploaded file's name, cleaned", example: "living-room.jpg" }),
    content_type: z.string().meta({ description: "Detected from the file's bytes", example: "image/jpeg" }),
    size_bytes: z.number().int(),
    sha256: z.string().meta({ description: "SHA-256 of the bytes, hex" }),
    width: z.number().int().nullable().meta({ description: "Images: width in pixels (as displayed); null otherwise" }),
    height: z.number().int().nullable().meta({ description: "Images: height in pixels (as displayed); null otherwise" }),
    url: z.string().meta({
      description: "GET it with your API key (scope listings:read) or a dashboard session to download the bytes",
      example: "https://valara.cloud/api/v1/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF",
    }),
    caption: z.string().nullable().meta({ description: "The agency's caption (RESO ShortDescription)", example: "Front of the house at dusk" }),
    is_cover: z.boolean().meta({ description: "The listing's cover photo (RESO PreferredPhotoYN); at most one per listing" }),
    variants: z.array(MediaVariantSchema).meta({
      description:
        "The sized copies, largest first: `mls`, `web`, `thumb` (RESO ImageSizeDescription: Largest/Large/Thumbnail). Empty for videos, PDFs and images Valara cannot render (HEIC); the original is always `url`.",
    }),
    uploaded_at: Timestamp,
  })
  .meta({ id: "Media" });
export type MediaItemDto = z.infer<typeof MediaItemSchema>;

export const ListingMediaSchema = z
  .object({
    photos: z.array(MediaItemSchema),
    videos: z.array(MediaItemSchema),
    documents: z.array(MediaItemSchema),
    floor_plans: z.array(MediaItemSchema),
  })
  .meta({ id: "ListingMedia", description: "The listing's media by kind, oldest first" });
export type ListingMediaDto = z.infer<typeof ListingMediaSchema>;

export const MediaUploadResultSchema = z
  .object({
    listing_number: z.string(),
    items: z.array(MediaItemSchema).meta({ description: "The created media, in the order the files were sent" }),
  })
  .meta({ id: "MediaUpload" });
export type MediaUploadResultDto = z.infer<typeof MediaUploadResultSchema>;

export const UploadTicketSchema = z
  .object({
    token: z.string().meta({ description: "Send as X-Upload-Ticket; shown once, single use", example: "ma_upl_3q2Xn0bS1c9yA4v8Kp6tWm5Rj7Ld2Hf0" }),
    upload_url: z.string().meta({ description: "Where to POST the files (multipart/form-data)", example: "https://valara.cloud/api/v1/media/upload" }),
    listing_number: z.string().meta({ description: "The one listing the ticket uploads to" }),
    expires_in: z.number().int().meta({ description: "Seconds until the ticket expires", example: 3600 }),
    expires_at: Timestamp,
  })
  .meta({ id: "UploadTicket" });
export type UploadTicketDto = z.infer<typeof UploadTicketSchema>;

export const MediaIdInput = z.object({ media_id: z.string().min(1).max(64) });

export const ReorderMediaFields = z.object({
  media_ids: z.array(z.string().min(1).max(64)).min(1).max(1000).meta({
    description: "The listing's media in the new order; items not listed follow, in their current order.",
  }),
});

export const UpdateMediaInput = MediaIdInput.extend({
  caption: z.string().trim().max(500).nullable().optional().meta({ description: "null clears it" }),
  is_cover: z.boolean().optional().meta({ description: "true makes this photo the listing's cover (and no other)" }),
});

export const DeletedMediaSchema = z
  .object({
    media_id: z.string(),
    deleted_at: Timestamp,
    restorable_until: Timestamp.meta({ description: "POST /media/{media_id}/restore undoes the delete until then; the files are removed after it" }),
  })
  .meta({ id: "DeletedMedia" });
