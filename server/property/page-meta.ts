// What a property page says about itself to browsers, search engines and link previews: its
// <title> and description, Open Graph and Twitter card tags (the cover photo as the share image,
// absolute URLs from APP_URL), and schema.org JSON-LD. The unbranded page (for the MLS) names no
// agency and is kept out of search engines.
import type { Metadata } from "next";
import type { PublicListing } from "../listings/public-listing";

export const DEFAULT_SHARE_IMAGE = { path: "/og-default.png", width: 1200, height: 630 };

export const propertyPath = (listingNumber: string, branded: boolean) => `/property/${listingNumber}${branded ? "" : "/unbranded"}`;

/** "1600 Main St, Portland, OR 97205" as schema.org parts; the whole string as the street otherwise. */
export function postalAddress(address: string) {
  const parts = address.split(",").map((part) => part.trim()).filter(Boolean);
  const tail = /^([A-Za-z]{2})\s+(\d{5}(?:-\d{4})?)$/.exec(parts.at(-1) ?? "");
  if (parts.length >= 3 && tail) {
    return {
      "@type": "PostalAddress",
      streetAddress: parts.slice(0, -2).join(", "),
      addressLocality: parts.at(-2),
      addressRegion: tail[1]!.toUpperCase(),
      postalCode: tail[2],
      addressCountry: "US",
    };
  }
  return { "@type": "PostalAddress", streetAddress: address };
}

function mediaSummary(listing: PublicListing): string {
  const parts = [
    listing.photos.length > 0 ? `${listing.photos.length} photo${listing.photos.length === 1 ? "" : "s"}` : null,
    listing.matterport ? "a 3D tour" : null,
    listing.floorPlanImages.length + listing.floorPlanFiles.length > 0 || listing.floorplanUrl ? "floor plans" : null,
    listing.videos.length > 0 ? "video" : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return "";
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `${list[0]!.toUpperCase()}${list.slice(1)}. `;
}

export function propertyDescription(listing: PublicListing, branded: boolean): string {
  const base = `${listing.address}: ${listing.statusLabel}. ${mediaSummary(listing)}`;
  return branded ? `${base}Presented by ${listing.agency.name}.` : base.trim();
}

/** The share image: the cover photo's `web` rendition, or the default image. */
export function shareImage(listing: PublicListing, appUrl: string) {
  const cover = listing.photos[0];
  const web = cover?.sources.find((source) => source.size === "web") ?? cover?.sources.at(-1);
  if (cover && web) return { url: `${appUrl}${web.path}`, width: web.width, height: web.height, alt: cover.caption ?? `Photo of ${listing.address}` };
  return { url: `${appUrl}${DEFAULT_SHARE_IMAGE.path}`, width: DEFAULT_SHARE_IMAGE.width, height: DEFAULT_SHARE_IMAGE.height, alt: listing.address };
}

export function propertyMetadata(listing: PublicListing, appUrl: string, branded: boolean): Metadata {
  const url = `${appUrl}${propertyPath(listing.listingNumber, branded)}`;
  const title = branded ? `${listing.address} · ${listing.agency.name}` : listing.address;
  const description = propertyDescription(listing, branded);
  const image = shareImage(listing, appUrl);
  return {
    // Absolute: the dashboard's "· Valara" suffix is not this agency's brand.
    title: { absolute: title },
    description,
    alternates: { canonical: url },
    robots: branded ? { index: true, follow: true } : { index: false, follow: false },
    // The unbranded page names no one, Valara included (the layout's app name, icons, manifest).
    ...(branded ? {} : { applicationName: null, icons: null, manifest: null }),
    openGraph: {
      type: "website",
      url,
      title,
      description,
      ...(branded ? { siteName: listing.agency.name } : {}),
      images: [image],
    },
    twitter: { card: "summary_large_image", title, description, images: [{ url: image.url, alt: image.alt }] },
  };
}

/** schema.org: a RealEstateListing page about the residence at the address. */
export function propertyJsonLd(listing: PublicListing, appUrl: string, branded: boolean) {
  const url = `${appUrl}${propertyPath(listing.listingNumber, branded)}`;
  const images = listing.photos.map((photo) => `${appUrl}${photo.sources.at(-1)!.path}`);
  return {
    "@context": "https://schema.org",
    "@type": "RealEstateListing",
    "@id": url,
    url,
    name: listing.address,
    description: propertyDescription(listing, branded),
    dateModified: listing.updatedAt.toISOString(),
    ...(images.length > 0 ? { image: images, primaryImageOfPage: { "@type": "ImageObject", contentUrl: images[0] } } : {}),
    identifier: listing.listingNumber,
    mainEntity: {
      "@type": "Residence",
      name: listing.address,
      address: postalAddress(listing.address),
    },
    ...(branded
      ? {
          provider: { "@type": "Organization", name: listing.agency.name },
          ...(listing.agents.length > 0
            ? { author: listing.agents.map((agent) => ({ "@type": "Person", name: agent.name, email: agent.email })) }
            : {}),
        }
      : {}),
  };
}

/** JSON for a <script type="application/ld+json">: nothing in it can close the script element. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
