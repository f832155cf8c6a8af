import Link from "next/link";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { InvoiceStatusBadge, ListingStatusBadge } from "@/components/listings/status-badge";
import { formatDate, formatDateTime, formatMoney } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc";

type Listing = RouterOutputs["listings"]["list"]["items"][number];

const COLUMNS = ["Listing", "Address", "Status", "Agents", "Package", "Orders", "Created"];

export function ListingsTable({ listings }: { listings: Listing[] }) {
  return (
    <Table>
      <THead>
        <tr>
          {COLUMNS.map((c) => (
            <TH key={c}>{c}</TH>
          ))}
        </tr>
      </THead>
      <TBody>
        {listings.map((listing) => (
          <TR key={listing.listing_number}>
            <TD className="whitespace-nowrap">
              <div>
                <Link
                  href={`/listings/${listing.listing_number}`}
                  className="font-mono text-sm font-medium text-brand-600 hover:text-brand-700 hover:underline"
                  title="Open the listing: details and media"
                >
                  {listing.listing_number}
                </Link>
              </div>
              {listing.status !== "Cancelled" && (
                <div>
                  <a
                    href={`/property/${listing.listing_number}`}
                    target="_blank"
                    rel="noopener"
                    className="text-xs text-slate-500 hover:text-slate-900 hover:underline"
                    title="Open the public property page"
                  >
                    Public page<span aria-hidden="true"> ↗</span>
                    <span className="sr-only"> of {listing.listing_number} (opens in a new tab)</span>
                  </a>
                </div>
              )}
            </TD>
            <TD className="min-w-56 font-medium text-slate-900">
              <Link href={`/listings/${listing.listing_number}`} className="hover:text-brand-700 hover:underline">
                {listing.address}
              </Link>
            </TD>
            <TD>
              <ListingStatusBadge status={listing.status} />
            </TD>
            <TD className="whitespace-nowrap">
              <div>{listing.assigned_users.agent_one.name}</div>
              {listing.assigned_users.agent_two && <div className="text-slate-500">{listing.assigned_users.agent_two.name}</div>}
            </TD>
            <TD className="whitespace-nowrap">
              {listing.package ? (
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{listing.package}</code>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </TD>
            <TD className="whitespace-nowrap">
              <Orders orders={listing.orders} />
            </TD>
            <TD className="whitespace-nowrap text-slate-500">
              <time dateTime={listing.created_at} title={formatDateTime(listing.created_at)}>
                {formatDate(listing.created_at)}
              </time>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

/** The phone layout: one card per listing, nothing wider than the screen. */
export function ListingCards({ listings }: { listings: Listing[] }) {
  return (
    <ul className="divide-y divide-slate-100" aria-label="Listings">
      {listings.map((listing) => (
        <li key={listing.listing_number} className="space-y-2 px-4 py-3 text-sm">
          <div className="flex items-start justify-between gap-3">
            <Link href={`/listings/${listing.listing_number}`} className="min-w-0 break-words font-medium text-slate-900 hover:text-brand-700 hover:underline">
              {listing.address}
            </Link>
            <ListingStatusBadge status={listing.status} />
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-600">
            <Link href={`/listings/${listing.listing_number}`} className="font-mono font-medium text-brand-600 hover:underline" aria-label={`Listing ${listing.listing_number}`}>
              {listing.listing_number}
            </Link>
            <span>{listing.assigned_users.agent_one.name}</span>
            <time dateTime={listing.created_at}>{formatDate(listing.created_at)}</time>
          </div>
          <Orders orders={listing.orders} />
        </li>
      ))}
    </ul>
  );
}

function Orders({ orders }: { orders: Listing["orders"] }) {
  if (orders.length === 0) return <span className="text-slate-500">No orders</span>;
  const latest = orders[orders.length - 1]!;
  return (
    <div className="flex flex-col items-start gap-1">
      <span className="text-slate-900">
        {formatMoney(latest.total_cents, latest.currency)}
        {orders.length > 1 && <span className="text-slate-500"> · {orders.length} orders</span>}
      </span>
      <InvoiceStatusBadge status={latest.invoice_status} />
    </div>
  );
}

export function ListingsTableSkeleton() {
  return (
    <div role="status" aria-label="Loading listings" className="divide-y divide-slate-100">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="flex animate-pulse items-center gap-6 px-4 py-4">
          <div className="h-4 w-16 rounded bg-slate-200" />
          <div className="h-4 w-64 rounded bg-slate-200" />
          <div className="h-4 w-20 rounded-full bg-slate-200" />
          <div className="h-4 w-28 rounded bg-slate-200" />
          <div className="h-4 w-16 rounded bg-slate-200" />
        </div>
      ))}
    </div>
  );
}
