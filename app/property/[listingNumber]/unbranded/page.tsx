// The unbranded property page, for the MLS's virtual-tour field: the same photos, tour, floor
// plans and video as /property/<n>, without the agency, the agents, contact details or any link
// that leaves the page (MLS rules). Kept out of search engines (robots meta and robots.txt).
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
  if (!listing) return { title: { absolute: "Property not found" }, robots: { index: false } };
  return propertyMetadata(listing, loadEnv().APP_URL, false);
}

export default async function UnbrandedPropertyPage({ params }: Props) {
  const { listingNumber } = await params;
  const canonical = canonicalListingNumber(listingNumber);
  if (!canonical) notFound();
  if (canonical !== listingNumber) permanentRedirect(`/property/${canonical}/unbranded`);
  const listing = await loadPublicListing(canonical);
  if (!listing) notFound();
  return <PropertyView listing={listing} branded={false} jsonLd={propertyJsonLd(listing, loadEnv().APP_URL, false)} />;
}
