// One public property page, branded (/property/<n>: the agency's name, the agents and how to
// reach them, links out) or unbranded (/property/<n>/unbranded, for the MLS virtual-tour field:
// no agency, no agent, no contact, no link that leaves the page). A server component; only the
// gallery and its lightbox run in the browser.
import { ListingStatusBadge } from "@/components/listings/status-badge";
import { buttonClasses } from "@/components/ui/button";
import type { PublicImage, PublicListing } from "@/server/listings/public-listing";
import { jsonLdScript } from "@/server/property/page-meta";
import { CoverButton, PhotoGallery, type GalleryImage } from "./photo-gallery";
import { largestOf, srcSetOf } from "./image-sources";

function initials(name: string): string {
  const words = name.split(/\s+/).filter((word) => /^[\p{L}\p{N}]/u.test(word));
  return (words.length > 1 ? `${words[0]![0]}${words[1]![0]}` : (words[0] ?? "?").slice(0, 2)).toUpperCase();
}

const withAlt = (images: PublicImage[], what: string, address: string): GalleryImage[] =>
  images.map((image, index) => ({ ...image, alt: image.caption ?? `${what} ${index + 1} of ${address}` }));

/** The Matterport player; in MLS mode (`mls=1`) it hides the tour's branding and its links out. */
const matterportSrc = (url: string, branded: boolean) => (branded ? url : `${url}&mls=1`);

export function PropertyView({ listing, branded, jsonLd }: { listing: PublicListing; branded: boolean; jsonLd: unknown }) {
  const photos = withAlt(listing.photos, "Photo", listing.address);
  const floorPlans = withAlt(listing.floorPlanImages, "Floor plan", listing.address);
  const cover = photos[0];
  const hasFloorPlans = floorPlans.length > 0 || listing.floorPlanFiles.length > 0 || (branded && listing.floorplanUrl !== null);
  const nothingYet = photos.length === 0 && !listing.matterport && !hasFloorPlans && listing.videos.length === 0;

  return (
    <div className="min-h-screen bg-white">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdScript(jsonLd) }} />
      {branded && (
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
            <p className="flex min-w-0 items-center gap-3">
              <span aria-hidden="true" className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-slate-900 text-sm font-semibold text-white">
                {initials(listing.agency.name)}
              </span>
              <span className="truncate text-base font-semibold tracking-tight text-slate-900">{listing.agency.name}</span>
            </p>
            {listing.agents[0] && (
              <a href={`mailto:${listing.agents[0].email}`} className={buttonClasses({ variant: "primary", size: "sm", className: "shrink-0" })}>
                Contact agent
              </a>
            )}
          </div>
        </header>
      )}

      <main>
        {/* The cover photo, full width, with the address over it. */}
        <section aria-labelledby="property-address" className="relative isolate overflow-hidden bg-slate-900">
          {cover ? (
            // eslint-disable-next-line @next/next/no-img-element -- sized renditions are already made at upload
            <img
              src={largestOf(cover).path}
              srcSet={srcSetOf(cover)}
              sizes="100vw"
              width={largestOf(cover).width}
              height={largestOf(cover).height}
              alt={cover.alt}
              fetchPriority="high"
              decoding="async"
              className="absolute inset-0 -z-10 size-full object-cover"
            />
          ) : (
            <div aria-hidden="true" className="absolute inset-0 -z-10 bg-gradient-to-br from-slate-800 via-slate-900 to-brand-700" />
          )}
          <div aria-hidden="true" className="absolute inset-0 -z-10 bg-gradient-to-t from-slate-950/85 via-slate-950/25 to-transparent" />
          <div className={`mx-auto flex max-w-6xl flex-col justify-end px-4 pt-24 pb-6 sm:px-6 sm:pb-10 ${cover ? "min-h-[22rem] sm:min-h-[30rem] lg:min-h-[36rem]" : "min-h-[16rem]"}`}>
            <div className="flex flex-wrap items-center gap-2">
              <ListingStatusBadge status={listing.status} />
              {branded && <span className="text-sm text-white/85">Presented by {listing.agency.name}</span>}
            </div>
            <h1 id="property-address" className="mt-3 max-w-3xl text-2xl font-semibold tracking-tight text-balance text-white sm:text-4xl">
              {listing.address}
            </h1>
            {photos.length > 1 && (
              <div className="mt-5">
                <CoverButton images={photos}>View all {photos.length} photos</CoverButton>
              </div>
            )}
          </div>
        </section>

        <div className={`mx-auto max-w-6xl px-4 py-8 sm:px-6 sm:py-12 ${branded ? "lg:grid lg:grid-cols-[minmax(0,1fr)_18rem] lg:gap-10" : ""}`}>
          <div className="min-w-0 space-y-10">
            {photos.length > 0 && (
              <section aria-labelledby="photos-title">
                <h2 id="photos-title" className="mb-4 text-lg font-semibold text-slate-900">
                  Photos <span className="font-normal text-slate-500">({photos.length})</span>
                </h2>
                <PhotoGallery images={photos} label="Photo" sizes={branded ? "(min-width: 1024px) 17vw, (min-width: 640px) 33vw, 50vw" : undefined} />
              </section>
            )}

            {listing.matterport && (
              <section aria-labelledby="tour-title">
                <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
                  <h2 id="tour-title" className="text-lg font-semibold text-slate-900">
                    3D tour
                  </h2>
                  {branded && (
                    <a href={listing.matterport.url} target="_blank" rel="noopener noreferrer" className={buttonClasses({ variant: "secondary", size: "sm" })}>
                      Open 3D tour in a new tab
                    </a>
                  )}
                </div>
                <div className="aspect-video overflow-hidden rounded-xl bg-slate-100 ring-1 ring-slate-200">
                  <iframe
                    title={`3D tour of ${listing.address}`}
                    src={matterportSrc(listing.matterport.url, branded)}
                    className="size-full"
                    loading="lazy"
                    allow="xr-spatial-tracking; fullscreen"
                    allowFullScreen
                    referrerPolicy="strict-origin-when-cross-origin"
                  />
                </div>
              </section>
            )}

            {listing.videos.length > 0 && (
              <section aria-labelledby="video-title">
                <h2 id="video-title" className="mb-4 text-lg font-semibold text-slate-900">
                  Video
                </h2>
                <div className="space-y-4">
                  {listing.videos.map((video, index) => (
                    <figure key={video.id}>
                      <video
                        controls
                        preload="metadata"
                        playsInline
                        className="aspect-video w-full rounded-xl bg-slate-900"
                        aria-label={video.caption ?? `Video ${index + 1} of ${listing.address}`}
                      >
                        <source src={video.path} type={video.contentType} />
                      </video>
                      {video.caption && <figcaption className="mt-2 text-sm text-slate-600">{video.caption}</figcaption>}
                    </figure>
                  ))}
                </div>
              </section>
            )}

            {hasFloorPlans && (
              <section aria-labelledby="floorplan-title">
                <h2 id="floorplan-title" className="mb-4 text-lg font-semibold text-slate-900">
                  Floor plan
                </h2>
                {floorPlans.length > 0 && <PhotoGallery images={floorPlans} label="Floor plan" layout="wide" sizes="(min-width: 640px) 50vw, 100vw" />}
                {(listing.floorPlanFiles.length > 0 || (branded && listing.floorplanUrl)) && (
                  <div className="mt-4 flex flex-wrap gap-3 rounded-xl border border-slate-200 px-5 py-4">
                    <p className="mr-auto self-center text-sm text-slate-600">The property&apos;s layout with room dimensions.</p>
                    {listing.floorPlanFiles.map((file, index) => (
                      <a key={file.id} href={file.path} target="_blank" rel="noopener" className={buttonClasses({ variant: "secondary", size: "sm" })}>
                        {file.caption ?? (listing.floorPlanFiles.length > 1 ? `Floor plan ${index + 1} (PDF)` : "Floor plan (PDF)")}
                      </a>
                    ))}
                    {branded && listing.floorplanUrl && (
                      <a href={listing.floorplanUrl} target="_blank" rel="noopener noreferrer nofollow" className={buttonClasses({ variant: "secondary", size: "sm" })}>
                        View floor plan
                      </a>
                    )}
                  </div>
                )}
              </section>
            )}

            {nothingYet && (
              <p className="rounded-xl border border-dashed border-slate-300 px-6 py-10 text-center text-sm text-slate-600">
                Photos, the 3D tour and floor plans for this property are on their way.
              </p>
            )}
          </div>

          {branded && (
            <aside aria-labelledby="contact-title" className="mt-10 lg:mt-0">
              <div className="rounded-xl border border-slate-200 bg-slate-50 p-5 lg:sticky lg:top-6">
                <h2 id="contact-title" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
                  {listing.agents.length > 1 ? "Listing agents" : "Listing agent"}
                </h2>
                <ul role="list" className="mt-4 space-y-4">
                  {listing.agents.map((agent) => (
                    <li key={agent.email} className="flex items-center gap-3">
                      <span aria-hidden="true" className="flex size-11 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
                        {initials(agent.name)}
                      </span>
                      <span className="min-w-0">
                        <span className="block font-medium text-slate-900">{agent.name}</span>
                        <a href={`mailto:${agent.email}`} className="block truncate text-sm text-brand-700 underline-offset-2 hover:underline">
                          {agent.email}
                        </a>
                      </span>
                    </li>
                  ))}
                </ul>
                <p className="mt-5 border-t border-slate-200 pt-4 text-sm text-slate-600">
                  Presented by <span className="font-medium text-slate-900">{listing.agency.name}</span>
                </p>
              </div>
            </aside>
          )}
        </div>
      </main>

      {branded && (
        <footer className="border-t border-slate-200">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-xs text-slate-500 sm:px-6">
            <span>
              © {listing.agency.name} · <span className="font-mono">{listing.listingNumber}</span>
            </span>
            <span>Property page powered by Valara</span>
          </div>
        </footer>
      )}
    </div>
  );
}
