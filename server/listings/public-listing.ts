// The public property page (/property/<listing number>, the API's property_url): what anyone may
// see of a listing without signing in. Looked up by its globally unique listing number across
// agencies, so it takes the platform client; it selects only public fields. Cancelled listings
// and malformed or unknown numbers have no public page (null).
//
// Media on a public page is served by /property/<n>/media/<id>/<size> (server/property/
// public-media.ts), never by the API's download route: only the `web` and `thumb` renditions of
// photos and image floor plans (EXIF stripped, never the original, never the `mls` deliverable),
// a video's file and a PDF floor plan. Documents are never public.
import type { PrismaClient } from "../db/generated/client.ts";
import { STATUS_LABELS, type ListingStatus, type ListingStatusLabel } from "./lifecycle";
import { isHttpUrl, matterportShowUrl } from "./sections";
import type { StoredVariant } from "../media/variants";

const LISTING_NUMBER = /^[A-Z0-9]{6,8}$/;

/** The renditions a public page may show. */
export const PUBLIC_VARIANT_SIZES = ["web", "thumb"] as const;
export type PublicVariantSize = (typeof PUBLIC_VARIANT_SIZES)[number];

export interface PublicImageSource {
  size: PublicVariantSize;
  width: number;
  height: number;
  /** Path on this origin (prefix APP_URL for an absolute URL). */
  path: string;
}

export interface PublicImage {
  id: string;
  caption: string | null;
  isCover: boolean;
  /** Smallest first; the last is the `web` rendition. */
  sources: PublicImageSource[];
}

export interface PublicFile {
  id: string;
  caption: string | null;
  filename: string;
  contentType: string;
  path: string;
}

export interface PublicPerson {
  name: string;
  email: string;
}

export interface PublicListing {
  listingNumber: string;
  address: string;
  status: ListingStatus;
  statusLabel: ListingStatusLabel;
  agency: { name: string; kind: "media_agency" | "broker" };
  /** The listing's agents (agent one, then agent two), for the branded page only. */
  agents: PublicPerson[];
  matterport: { modelId: string; url: string } | null;
  /** An external floor plan link (the floorplan section): a link out, so branded page only. */
  floorplanUrl: string | null;
  /** The cover photo first, then the agency's order. */
  photos: PublicImage[];
  floorPlanImages: PublicImage[];
  floorPlanFiles: PublicFile[];
  videos: PublicFile[];
  updatedAt: Date;
}

/** The canonical spelling of a listing number (upper case), or null if it cannot be one. */
export function canonicalListingNumber(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  return LISTING_NUMBER.test(value) ? value : null;
}

/** Whether a listing in this state has public pages. */
export function isPublicStatus(status: string): boolean {
  return status !== "cancelled";
}

export const publicMediaPath = (listingNumber: string, mediaId: string, size: PublicVariantSize | "file") =>
  `/property/${listingNumber}/media/${mediaId}/${size}`;

function variantsOf(raw: unknown): StoredVariant[] {
  return Array.isArray(raw) ? (raw as StoredVariant[]) : [];
}

function publicImage(listingNumber: string, media: { id: string; caption: string | null; isCover: boolean; variants: unknown }): PublicImage | null {
  const sources = PUBLIC_VARIANT_SIZES.flatMap((size) => {
    const variant = variantsOf(media.variants).find((v) => v.size === size);
    return variant ? [{ size, width: variant.width, height: variant.height, path: publicMediaPath(listingNumber, media.id, size) }] : [];
  }).sort((a, b) => a.width - b.width);
  return sources.length > 0 ? { id: media.id, caption: media.caption, isCover: media.isCover, sources } : null;
}

export async function findPublicListing(prisma: PrismaClient, rawListingNumber: string): Promise<PublicListing | null> {
  const listingNumber = canonicalListingNumber(rawListingNumber);
  if (!listingNumber) return null;
  const tour = await prisma.tour.findUnique({
    where: { listingNumber },
    select: {
      listingNumber: true,
      address: true,
      status: true,
      matterportId: true,
      floorplanUrl: true,
      updatedAt: true,
      agency: { select: { name: true, kind: true } },
      agentOne: { select: { name: true, email: true } },
      agentTwo: { select: { name: true, email: true } },
      media: {
        where: { deletedAt: null, kind: { in: ["photo", "floor_plan", "video"] } },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true, kind: true, caption: true, isCover: true, variants: true, filename: true, contentType: true },
      },
    },
  });
  if (!tour || !isPublicStatus(tour.status)) return null;
  const status = tour.status as ListingStatus;
  const photos: PublicImage[] = [];
  const floorPlanImages: PublicImage[] = [];
  const floorPlanFiles: PublicFile[] = [];
  const videos: PublicFile[] = [];
  for (const media of tour.media) {
    const file = { id: media.id, caption: media.caption, filename: media.filename, contentType: media.contentType, path: publicMediaPath(listingNumber, media.id, "file") };
    if (media.kind === "video") videos.push(file);
    else {
      const image = publicImage(listingNumber, media);
      if (media.kind === "photo" && image) photos.push(image);
      else if (media.kind === "floor_plan" && image) floorPlanImages.push(image);
      else if (media.kind === "floor_plan" && media.contentType === "application/pdf") floorPlanFiles.push(file);
    }
  }
  // The cover leads (its order is otherwise kept).
  photos.sort((a, b) => Number(b.isCover) - Number(a.isCover));
  return {
    listingNumber: tour.listingNumber,
    address: tour.address,
    status,
    statusLabel: STATUS_LABELS[status],
    agency: tour.agency,
    agents: [tour.agentOne, ...(tour.agentTwo ? [tour.agentTwo] : [])],
    // Built from the validated model id rather than the stored URL: this goes into an iframe.
    matterport: tour.matterportId ? { modelId: tour.matterportId, url: matterportShowUrl(tour.matterportId) } : null,
    floorplanUrl: tour.floorplanUrl && isHttpUrl(tour.floorplanUrl) ? tour.floorplanUrl : null,
    photos,
    floorPlanImages,
    floorPlanFiles,
    videos,
    updatedAt: tour.updatedAt,
  };
}

/**
 * The one media file a public page may fetch: the listing is public, the item is not deleted,
 * and the size is one a public page shows for its kind. Null otherwise (the route answers 404).
 */
export async function findPublicMediaObject(
  prisma: PrismaClient,
  rawListingNumber: string,
  mediaId: string,
  size: string,
): Promise<{ storageKey: string; contentType: string; etag: string } | null> {
  const listingNumber = canonicalListingNumber(rawListingNumber);
  if (!listingNumber || !/^[A-Za-z0-9_]{1,64}$/.test(mediaId)) return null;
  const media = await prisma.media.findFirst({
    where: { id: mediaId, deletedAt: null, tour: { listingNumber } },
    select: { kind: true, contentType: true, storageKey: true, sha256: true, variants: true, tour: { select: { status: true } } },
  });
  if (!media || !isPublicStatus(media.tour.status)) return null;
  if (size === "file") {
    const publicFile = media.kind === "video" || (media.kind === "floor_plan" && media.contentType === "application/pdf");
    return publicFile ? { storageKey: media.storageKey, contentType: media.contentType, etag: `"${media.sha256}"` } : null;
  }
  if (media.kind !== "photo" && media.kind !== "floor_plan") return null;
  if (!(PUBLIC_VARIANT_SIZES as readonly string[]).includes(size)) return null;
  const variant = variantsOf(media.variants).find((v) => v.size === size);
  return variant ? { storageKey: variant.storage_key, contentType: variant.content_type, etag: `"${media.sha256}-${size}"` } : null;
}
