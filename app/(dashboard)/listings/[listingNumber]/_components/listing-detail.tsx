"use client";
// One listing for agency staff: status, address, people, sections, shoots and orders, its media
// by kind, and the upload form. Read through listings.get (tRPC, the session), so that after an
// upload, or marking a shoot completed, the same query refreshes.
import Link from "next/link";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ListingStatusBadge, InvoiceStatusBadge } from "@/components/listings/status-badge";
import { useMe } from "@/components/dashboard/providers";
import { formatDateTime, formatMoney } from "@/lib/format";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { MediaGallery } from "./media-gallery";
import { MediaUploadForm } from "./media-upload-form";

type Listing = RouterOutputs["listings"]["get"];

export function ListingDetail({ listingNumber }: { listingNumber: string }) {
  const me = useMe();
  const queryKey = ["listings.get", me.agency?.id, listingNumber];
  const query = useQuery({ queryKey, queryFn: () => trpc.listings.get.query({ listing_number: listingNumber }) });

  if (query.isPending) {
    return (
      <div role="status" aria-label="Loading listing" className="space-y-4">
        <div className="h-8 w-72 animate-pulse rounded bg-slate-200" />
        <div className="h-40 animate-pulse rounded-xl bg-slate-200" />
      </div>
    );
  }
  if (query.isError) {
    const problem = toDashboardError(query.error);
    return (
      <Alert
        tone="error"
        title={problem.code === "listing_not_found" ? `No listing ${listingNumber}` : "The listing could not be loaded"}
        actions={
          <ButtonLink href="/listings" variant="secondary" size="sm">
            All listings
          </ButtonLink>
        }
      >
        {problem.message}
      </Alert>
    );
  }

  const listing = query.data;
  const canUpload = listing.status !== "Cancelled" && (me.scopes as readonly string[]).includes("media:write");
  const canCompleteShoots = listing.status !== "Cancelled" && (me.scopes as readonly string[]).includes("listings:write");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/listings" className="text-slate-500 hover:text-slate-900">
          Listings
        </Link>
        <span className="px-1.5 text-slate-500" aria-hidden="true">
          /
        </span>
        <span className="font-mono text-slate-700">{listing.listing_number}</span>
      </nav>
      <PageHeader
        title={listing.address}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ListingStatusBadge status={listing.status} />
            <span className="font-mono">{listing.listing_number}</span>
            {listing.package && <span>· Package {listing.package}</span>}
          </span>
        }
        actions={
          listing.status !== "Cancelled" ? (
            <ButtonLink href={`/property/${listing.listing_number}`} target="_blank" rel="noopener" variant="secondary" size="sm">
              Public property page
              <span className="sr-only"> (opens in a new tab)</span>
            </ButtonLink>
          ) : null
        }
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card aria-labelledby="media-heading">
            <CardHeader
              id="media-heading"
              title="Media"
              description={countMedia(listing) === 1 ? "1 file" : `${countMedia(listing)} files`}
            />
            <div className="space-y-6 p-5">
              {canUpload ? (
                <MediaUploadForm listingNumber={listing.listing_number} onUploaded={() => query.refetch()} />
              ) : listing.status === "Cancelled" ? (
                <Alert tone="info">This listing is cancelled; it takes no new media.</Alert>
              ) : null}
              {countMedia(listing) === 0 ? (
                <EmptyState title="No media yet">Uploaded photos, videos, documents and floor plans appear here.</EmptyState>
              ) : (
                <MediaGallery media={listing.media} />
              )}
            </div>
          </Card>
        </div>

        <div className="space-y-6">
          <Card aria-labelledby="people-heading">
            <CardHeader id="people-heading" title="People" />
            <dl className="divide-y divide-slate-100 text-sm">
              <Person role="Owner" user={listing.assigned_users.owner} />
              <Person role="Agent" user={listing.assigned_users.agent_one} />
              {listing.assigned_users.agent_two && <Person role="Second agent" user={listing.assigned_users.agent_two} />}
            </dl>
          </Card>

          <Card aria-labelledby="sections-heading">
            <CardHeader id="sections-heading" title="Sections" />
            <dl className="divide-y divide-slate-100 text-sm">
              <Row label="3D tour">
                {listing.sections.matterport ? (
                  <a href={listing.sections.matterport.url} target="_blank" rel="noopener noreferrer" className="text-brand-600 hover:underline">
                    Matterport {listing.sections.matterport.model_id}
                  </a>
                ) : (
                  <span className="text-slate-500">None</span>
                )}
              </Row>
              <Row label="Floor plan">
                {listing.sections.floorplan ? (
                  <a href={listing.sections.floorplan.url} target="_blank" rel="noopener noreferrer" className="break-all text-brand-600 hover:underline">
                    {listing.sections.floorplan.url}
                  </a>
                ) : (
                  <span className="text-slate-500">None</span>
                )}
              </Row>
            </dl>
          </Card>

          <Card aria-labelledby="shoots-heading">
            <CardHeader id="shoots-heading" title="Shoots and orders" />
            <dl className="divide-y divide-slate-100 text-sm">
              {listing.shoots.map((shoot) => (
                <ShootRow
                  key={shoot.shoot_id}
                  listingNumber={listing.listing_number}
                  shoot={shoot}
                  canComplete={canCompleteShoots}
                  onCompleted={() => query.refetch()}
                />
              ))}
              {listing.orders.map((order) => (
                <Row key={order.order_id} label="Order">
                  <span className="flex flex-wrap items-center justify-end gap-2">
                    {formatMoney(order.total_cents, order.currency)}
                    <InvoiceStatusBadge status={order.invoice_status} />
                  </span>
                </Row>
              ))}
              {listing.shoots.length === 0 && listing.orders.length === 0 && <Row label="None yet">{null}</Row>}
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}

const countMedia = (listing: Listing) => Object.values(listing.media).reduce((sum, items) => sum + items.length, 0);

function Person({ role, user }: { role: string; user: Listing["assigned_users"]["owner"] }) {
  return (
    <Row label={role}>
      <span className="block font-medium text-slate-900">{user.name}</span>
      <span className="block text-slate-500">{user.email}</span>
    </Row>
  );
}

/**
 * A shoot: when it starts and, once completed, when that was recorded. A scheduled shoot that has
 * started can be marked completed by someone who may change listings (the procedure refuses
 * anyone else, and a shoot not yet started, whatever the page shows).
 */
function ShootRow({
  listingNumber,
  shoot,
  canComplete,
  onCompleted,
}: {
  listingNumber: string;
  shoot: Listing["shoots"][number];
  canComplete: boolean;
  /** Refreshes the listing; the button stays busy until the new state is shown. */
  onCompleted: () => Promise<unknown>;
}) {
  const complete = useMutation({
    mutationFn: () => trpc.shoots.complete.mutate({ listing_number: listingNumber, shoot_id: shoot.shoot_id }),
    onSuccess: () => onCompleted(),
  });
  const started = Date.parse(shoot.starts_at) <= Date.now();
  return (
    <Row label={`Shoot (${shoot.status})`}>
      <time dateTime={shoot.starts_at} className="block">
        {formatDateTime(shoot.starts_at)}
      </time>
      {shoot.completed_at && (
        <span className="block text-slate-500">
          Completed{" "}
          <time dateTime={shoot.completed_at} className="whitespace-nowrap">
            {formatDateTime(shoot.completed_at)}
          </time>
        </span>
      )}
      {canComplete && shoot.status === "scheduled" && started && (
        <Button variant="secondary" size="sm" className="mt-2" loading={complete.isPending} onClick={() => complete.mutate()}>
          Mark completed
          <span className="sr-only"> (the shoot of {formatDateTime(shoot.starts_at)})</span>
        </Button>
      )}
      {complete.isError && (
        <Alert tone="error" className="mt-2 text-left">
          {toDashboardError(complete.error).message}
        </Alert>
      )}
    </Row>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-start justify-between gap-4 px-5 py-3">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right text-slate-900">{children}</dd>
    </div>
  );
}
