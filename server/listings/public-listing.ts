// The public property page (/property/<listing number>, the API's property_url): what anyone may
// see of a listing without signing in. Looked up by its globally unique listing number across
// agencies, so it takes the platform client; it selects only public fields. Cancelled listings
// and malformed or unknown numbers have no public page (null).
import type { PrismaClient } from "../db/generated/client.ts";
import { STATUS_LABELS, type ListingStatus, type ListingStatusLabel } from "./lifecycle";
import { isHttpUrl, matterportShowUrl } from "./sections";

const LISTING_NUMBER = /^[A-Z0-9]{6,8}$/;

export interface PublicListing {
  listingNumber: string;
  address: string;
  status: ListingStatus;
  statusLabel: ListingStatusLabel;
  agency: { name: string; kind: "media_agency" | "broker" };
  matterport: { modelId: string; url: string } | null;
  floorplanUrl: string | null;
}

/** The canonical spelling of a listing number (upper case), or null if it cannot be one. */
export function canonicalListingNumber(raw: string): string | null {
  const value = raw.trim().toUpperCase();
  return LISTING_NUMBER.test(value) ? value : null;
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
      agency: { select: { name: true, kind: true } },
    },
  });
  if (!tour || tour.status === "cancelled") return null;
  const status = tour.status as ListingStatus;
  return {
    listingNumber: tour.listingNumber,
    address: tour.address,
    status,
    statusLabel: STATUS_LABELS[status],
    agency: tour.agency,
    // Built from the validated model id rather than the stored URL: this goes into an iframe.
    matterport: tour.matterportId ? { modelId: tour.matterportId, url: matterportShowUrl(tour.matterportId) } : null,
    floorplanUrl: tour.floorplanUrl && isHttpUrl(tour.floorplanUrl) ? tour.floorplanUrl : null,
  };
}
