// The canonical public property page: the API's property_url points here. No sign-in; it shows
// only what the listing's agency publishes (address, status, 3D tour, floor plan).
import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "@/server/db/handle";
import { canonicalListingNumber, findPublicListing } from "@/server/listings/public-listing";
import { ListingStatusBadge } from "@/components/listings/status-badge";
import { buttonClasses } from "@/components/ui/button";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ listingNumber: string }> };

const loadListing = cache(async (listingNumber: string) => findPublicListing((await getDatabase()).prisma, listingNumber));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const listing = await loadListing((await params).listingNumber);
  if (!listing) return { title: "Property not found", robots: { index: false } };
  return {
    title: listing.address,
    description: `${listing.address}: ${listing.statusLabel}. Presented by ${listing.agency.name}.`,
  };
}

export default async function PropertyPage({ params }: Props) {
  const { listingNumber } = await params;
  const canonical = canonicalListingNumber(listingNumber);
  if (!canonical) notFound();
  if (canonical !== listingNumber) permanentRedirect(`/property/${canonical}`);
  const listing = await loadListing(canonical);
  if (!listing) notFound();

  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between px-4 sm:px-6">
          <p className="text-sm font-semibold text-slate-900">{listing.agency.name}</p>
          <p className="font-mono text-xs text-slate-500">
            <span className="sr-only">Listing number </span>
            {listing.listingNumber}
          </p>
        </div>
      </header>

      <main className="mx-auto max-w-5xl space-y-6 px-4 py-10 sm:px-6">
        <section aria-labelledby="property-address" className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <div className="flex flex-wrap items-center gap-3">
            <ListingStatusBadge status={listing.status} />
            <span className="text-sm text-slate-500">Presented by {listing.agency.name}</span>
          </div>
          <h1 id="property-address" className="mt-3 text-3xl font-semibold tracking-tight text-slate-900">
            {listing.address}
          </h1>
        </section>

        {listing.matterport && (
          <section aria-labelledby="tour-title" className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
            <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-6 py-4">
              <h2 id="tour-title" className="text-base font-semibold text-slate-900">
                3D tour
              </h2>
              <a href={listing.matterport.url} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Open 3D tour in a new tab
              </a>
            </div>
            <div className="aspect-video bg-slate-100">
              <iframe
                title={`3D tour of ${listing.address}`}
                src={listing.matterport.url}
                className="size-full"
                loading="lazy"
                allow="xr-spatial-tracking; fullscreen"
                allowFullScreen
                referrerPolicy="strict-origin-when-cross-origin"
              />
            </div>
          </section>
        )}

        {listing.floorplanUrl && (
          <section aria-labelledby="floorplan-title" className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-slate-200 bg-white px-6 py-4 shadow-sm">
            <div>
              <h2 id="floorplan-title" className="text-base font-semibold text-slate-900">
                Floor plan
              </h2>
              <p className="text-sm text-slate-500">The property&apos;s layout with room dimensions.</p>
            </div>
            <a href={listing.floorplanUrl} target="_blank" rel="noopener noreferrer nofollow" className={buttonClasses({ variant: "secondary", size: "sm" })}>
              View floor plan
            </a>
          </section>
        )}

        {!listing.matterport && !listing.floorplanUrl && (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-8 text-center text-sm text-slate-500">
            The 3D tour and floor plan for this property are on their way.
          </p>
        )}
      </main>

      <footer className="mx-auto max-w-5xl px-4 pb-10 text-xs text-slate-500 sm:px-6">Property page powered by Valara</footer>
    </div>
  );
}
