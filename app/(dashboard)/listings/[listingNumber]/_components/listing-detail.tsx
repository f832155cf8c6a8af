"use client";
// One listing for agency staff: status, address, people, sections, shoots and orders, its media
// by kind, and the upload form. Read through listings.get (tRPC, the session), so that after an
// upload, or marking a shoot completed, the same query refreshes.
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { ListingStatusBadge, InvoiceStatusBadge } from "@/components/listings/status-badge";
import { useMe } from "@/components/dashboard/providers";
import { formatMoney } from "@/lib/format";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { MediaCard } from "./media-card";
import { ShootsCard } from "./shoots-card";
import { Row } from "./detail-row";

export type Listing = RouterOutputs["listings"]["get"];

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
          <MediaCard listing={listing} onChanged={() => query.refetch()} />
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

          <ShootsCard listing={listing} onChanged={() => query.refetch()} />

          <Card aria-labelledby="orders-heading">
            <CardHeader id="orders-heading" title="Orders" />
            <dl className="divide-y divide-slate-100 text-sm">
              {listing.orders.map((order) => (
                <Row key={order.order_id} label="Order">
                  <span className="flex flex-wrap items-center justify-end gap-2">
                    {formatMoney(order.total_cents, order.currency)}
                    <InvoiceStatusBadge status={order.invoice_status} />
                  </span>
                </Row>
              ))}
              {listing.orders.length === 0 && <Row label="None yet">{null}</Row>}
            </dl>
          </Card>
        </div>
      </div>
    </>
  );
}

function Person({ role, user }: { role: string; user: Listing["assigned_users"]["owner"] }) {
  return (
    <Row label={role}>
      <span className="block font-medium text-slate-900">{user.name}</span>
      <span className="block text-slate-500">{user.email}</span>
    </Row>
  );
}
