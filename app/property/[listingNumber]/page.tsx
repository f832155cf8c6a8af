// The canonical public property page: the API's property_url points here. No sign-in; it shows
// what the listing's agency publishes (photos, 3D tour, floor plans, video) with the agency's name
// and the agents' contact. /property/<n>/unbranded is the same without them (for the MLS).
import type { Metadata, Viewport } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/server/db/handle";
import { loadEnv } from "@/server/env";
import { canonicalListingNumber, findPublicListing } from "@/server/listings/public-listing";
import { propertyJsonLd, propertyMetadata } from "@/server/property/page-meta";
import { PropertyView } from "@/components/property/property-view";

export const dynamic = "force-dynamic";

// Neutral browser chrome: the agency's page, not the dashboard's blue.
export const viewport: Viewport = { themeColor: "#0f172a" };

type Props = { params: Promise<{ listingNumber: string }> };

const loadPublicListing = cache(async (listingNumber: string) => findPublicListing((await getDatabase()).prisma, listingNumber));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await loadPublicListing((await params).listingNumber);
  if (!listing) return { title: "Property not found", robots: { index: false } };
  return propertyMetadata(listing, loadEnv().APP_URL, true);
}

export default async function PropertyPage({ params }: Props) {
  const { listingNumber } = await params;
  const canonical = canonicalListingNumber(listingNumber);
  if (!canonical) notFound();
  if (canonical !== listingNumber) permanentRedirect(`/property/${canonical}`);
  const listing = await loadPublicListing(canonical);
  if (!listing) notFound();
  return <PropertyView listing={listing} branded jsonLd={propertyJsonLd(listing, loadEnv().APP_URL, true)} />;
}
