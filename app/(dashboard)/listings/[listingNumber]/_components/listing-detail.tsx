"use client";
// One listing for agency staff: status and its actions, address, people, sections, shoots and
// orders, its media by kind, the upload form and the history. Read through listings.get (tRPC, the
// session), so that after any change on the page the same query (and the history) refreshes.
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { LoadError } from "@/components/ui/query-state";
import { ListingStatusBadge } from "@/components/listings/status-badge";
import { useMe } from "@/components/dashboard/providers";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { MediaCard } from "./media-card";
import { ShootsCard } from "./shoots-card";
import { Row } from "./detail-row";
import { StatusActions } from "./status-actions";
import { SectionsCard } from "./sections-card";
import { OrdersCard } from "./orders-card";
import { HistoryCard, historyQueryKey } from "./history-card";
import { ViewsCard } from "./views-card";
import { DeliveryCard } from "./delivery-card";

export type Listing = RouterOutputs["listings"]["get"];

export function ListingDetail({ listingNumber }: { listingNumber: string }) {
  const me = useMe();
  const queryKey = ["listings.get", me.agency?.id, listingNumber];
  const query = useQuery({ queryKey, queryFn: () => trpc.listings.get.query({ listing_number: listingNumber }) });
  const queryClient = useQueryClient();
  // Every change on the page: the listing, its history, and the lists it appears in.
  const changed = () =>
    Promise.all([
      query.refetch(),
      queryClient.invalidateQueries({ queryKey: historyQueryKey(me.agency?.id, listingNumber) }),
      queryClient.invalidateQueries({ queryKey: ["listings.list"] }),
    ]);

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
      <div className="space-y-3">
        <LoadError
          title={problem.code === "listing_not_found" ? `No listing ${listingNumber}` : "The listing could not be loaded"}
          error={query.error}
          onRetry={problem.code === "listing_not_found" ? undefined : () => query.refetch()}
          retrying={query.isFetching}
        />
        <ButtonLink href="/listings" variant="secondary" size="sm">
          All listings
        </ButtonLink>
      </div>
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

      <div className="mb-6">
        <StatusActions listing={listing} onChanged={changed} />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <MediaCard listing={listing} onChanged={changed} />
          <DeliveryCard listing={listing} onChanged={changed} />
          <SectionsCard listing={listing} onChanged={changed} />
        </div>

        <div className="min-w-0 space-y-6">
          <Card aria-labelledby="people-heading">
            <CardHeader id="people-heading" title="People" />
            <dl className="divide-y divide-slate-100 text-sm">
              <Person role="Owner" user={listing.assigned_users.owner} />
              <Person role="Agent" user={listing.assigned_users.agent_one} />
              {listing.assigned_users.agent_two && <Person role="Second agent" user={listing.assigned_users.agent_two} />}
            </dl>
          </Card>

          <ViewsCard listingNumber={listing.listing_number} />

          <ShootsCard listing={listing} onChanged={changed} />

          <OrdersCard listing={listing} onChanged={changed} />
        </div>

        {/* Last on a phone; under the media and sections on a wide screen. */}
        <div className="min-w-0 lg:col-span-2">
          <HistoryCard listingNumber={listing.listing_number} />
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
