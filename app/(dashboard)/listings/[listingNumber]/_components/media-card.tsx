"use client";
// The listing's media: the upload form (for roles that may upload, while the listing takes media)
// and the gallery by kind.
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { useMe } from "@/components/dashboard/providers";
import type { Listing } from "./listing-detail";
import { MediaGallery } from "./media-gallery";
import { MediaUploadForm } from "./media-upload-form";

const countMedia = (listing: Listing) => Object.values(listing.media).reduce((sum, items) => sum + items.length, 0);

export function MediaCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const canUpload = listing.status !== "Cancelled" && (me.scopes as readonly string[]).includes("media:write");
  const count = countMedia(listing);
  return (
    <Card aria-labelledby="media-heading">
      <CardHeader id="media-heading" title="Media" description={count === 1 ? "1 file" : `${count} files`} />
      <div className="space-y-6 p-5">
        {canUpload ? (
          <MediaUploadForm listingNumber={listing.listing_number} onUploaded={() => onChanged()} />
        ) : listing.status === "Cancelled" ? (
          <Alert tone="info">This listing is cancelled; it takes no new media.</Alert>
        ) : null}
        {count === 0 ? (
          <EmptyState title="No media yet">Uploaded photos, videos, documents and floor plans appear here.</EmptyState>
        ) : (
          <MediaGallery media={listing.media} curation={canUpload ? { listingNumber: listing.listing_number, onChanged } : undefined} />
        )}
      </div>
    </Card>
  );
}
