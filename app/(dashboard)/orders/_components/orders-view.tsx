"use client";
// The agency's orders: listing, total, invoice state, newest first, filtered by invoice status.
// The filter and the page are in the URL (?status=PAID&cursors=…), like the listings table.
// A table from md up, a card list on phones. The roles that bill send each draft invoice and read
// its state back from Square here (when the server has Square configured), as on a listing's page.
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { INVOICE_STATUSES } from "@/server/orders/invoice-statuses";
import { Card } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label, Select } from "@/components/ui/input";
import { LoadError, LoadingBlock } from "@/components/ui/query-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { InvoiceStatusBadge, ListingStatusBadge } from "@/components/listings/status-badge";
import { InvoiceActions, useBilling } from "@/components/orders/invoice-actions";
import { cn } from "@/components/ui/cn";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { formatMoney } from "@/lib/format";
import { formatInZone } from "@/lib/time";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type Order = RouterOutputs["orders"]["list"]["items"][number];
const PAGE_SIZE = 25;
type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

interface OrdersUrl {
  status: InvoiceStatus | null;
  cursors: string[];
}

export function readOrdersUrl(params: URLSearchParams): OrdersUrl {
  const raw = params.get("status");
  const status = raw && (INVOICE_STATUSES as readonly string[]).includes(raw) ? (raw as InvoiceStatus) : null;
  const cursors = (params.get("cursors") ?? "").split(".").filter((c) => /^[A-Za-z0-9_-]{1,512}$/.test(c)).slice(0, 200);
  return { status, cursors };
}

export function ordersHref(state: OrdersUrl): string {
  const params = new URLSearchParams();
  if (state.status) params.set("status", state.status);
  if (state.cursors.length) params.set("cursors", state.cursors.join("."));
  const query = params.toString();
  return query ? `/orders?${query}` : "/orders";
}

export function OrdersView() {
  const me = useMe();
  const router = useRouter();
  const state = readOrdersUrl(new URLSearchParams(useSearchParams().toString()));
  const cursor = state.cursors.at(-1);
  const query = useQuery({
    queryKey: ["orders.list", me.agency?.id, state.status, cursor ?? null],
    queryFn: () => trpc.orders.list.query({ invoice_status: state.status ?? undefined, cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const page = query.data;
  const { canBill, squareConfigured } = useBilling();
  const queryClient = useQueryClient();
  const onChanged = () =>
    Promise.all([query.refetch(), queryClient.invalidateQueries({ queryKey: ["listings.orders"] }), queryClient.invalidateQueries({ queryKey: ["listings.get"] })]);
  const first = state.cursors.length * PAGE_SIZE + 1;
  const last = first + (page?.items.length ?? 0) - 1;

  return (
    <Card aria-label="Orders">
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3">
        <div className="w-full sm:w-60">
          <Label htmlFor="orders-status">Invoice status</Label>
          <Select
            id="orders-status"
            className="mt-1.5"
            value={state.status ?? ""}
            onChange={(event) => router.push(ordersHref({ status: (event.target.value || null) as InvoiceStatus | null, cursors: [] }), { scroll: false })}
          >
            <option value="">All invoices</option>
            {INVOICE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replaceAll("_", " ").toLowerCase().replace(/^./, (c) => c.toUpperCase())}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {query.isPending ? (
        <LoadingBlock label="Loading orders" className="p-5" lines={5} />
      ) : query.isError && !page ? (
        <div className="p-5">
          <LoadError title="Orders could not be loaded" error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
        </div>
      ) : page && page.items.length === 0 ? (
        <EmptyState
          title={state.status ? "No orders with this invoice status" : "No orders yet"}
          action={
            state.status ? (
              <ButtonLink href="/orders" variant="secondary" size="sm">
                Show all orders
              </ButtonLink>
            ) : null
          }
        >
          {state.status ? null : "A listing created with a package gets its first order."}
        </EmptyState>
      ) : page ? (
        <>
          <div className={cn(query.isPlaceholderData && "opacity-60")}>
            <div className="hidden md:block">
              <OrdersTable orders={page.items} canBill={canBill} onChanged={onChanged} />
            </div>
            <ul className="divide-y divide-slate-100 md:hidden" aria-label="Orders">
              {page.items.map((order) => (
                <OrderCard key={order.order_id} order={order} canBill={canBill} onChanged={onChanged} />
              ))}
            </ul>
          </div>
          {me.can.send_invoices && squareConfigured === false && (
            <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500">Square is not configured on this server, so invoices stay local drafts.</p>
          )}
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3">
            <p className="text-sm text-slate-600">
              Showing {first}–{last} of {page.total}
            </p>
            <div className="flex gap-2">
              {state.cursors.length > 0 && (
                <ButtonLink href={ordersHref({ ...state, cursors: state.cursors.slice(0, -1) })} variant="secondary" size="sm" scroll={false}>
                  Previous
                </ButtonLink>
              )}
              {page.next_cursor && (
                <ButtonLink href={ordersHref({ ...state, cursors: [...state.cursors, page.next_cursor] })} variant="secondary" size="sm" scroll={false}>
                  Next
                </ButtonLink>
              )}
            </div>
          </nav>
        </>
      ) : null}
    </Card>
  );
}

interface Billing {
  canBill: boolean;
  onChanged: () => Promise<unknown>;
}

function LineItems({ order }: { order: Order }) {
  return (
    <ul className="space-y-0.5">
      {order.line_items.map((item, i) => (
        <li key={i} className="flex justify-between gap-3">
          <span>
            {item.description}
            {item.kind === "add_on" && <span className="text-slate-500"> (add-on)</span>}
          </span>
          <span className="whitespace-nowrap text-slate-500">{formatMoney(item.total_cents, order.currency)}</span>
        </li>
      ))}
    </ul>
  );
}

function OrdersTable({ orders, canBill, onChanged }: { orders: Order[] } & Billing) {
  const zone = useAgencyZone();
  return (
    <Table>
      <THead>
        <tr>
          {["Listing", "Items", "Total", "Invoice", "Created"].map((c) => (
            <TH key={c}>{c}</TH>
          ))}
        </tr>
      </THead>
      <TBody>
        {orders.map((order) => (
          <TR key={order.order_id}>
            <TD className="min-w-56">
              <Link href={`/listings/${order.listing.listing_number}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {order.listing.address}
              </Link>
              <div className="mt-0.5 flex items-center gap-2 text-xs text-slate-500">
                <span className="font-mono">{order.listing.listing_number}</span>
                <ListingStatusBadge status={order.listing.status} />
              </div>
            </TD>
            <TD className="min-w-64 text-slate-600">
              <LineItems order={order} />
            </TD>
            <TD className="whitespace-nowrap font-medium text-slate-900">{formatMoney(order.total_cents, order.currency)}</TD>
            <TD className="space-y-2">
              <InvoiceStatusBadge status={order.invoice?.status ?? null} />
              {canBill && <InvoiceActions order={order} onChanged={onChanged} />}
            </TD>
            <TD className="whitespace-nowrap text-slate-500">{formatInZone(order.created_at, zone, "date")}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

function OrderCard({ order, canBill, onChanged }: { order: Order } & Billing) {
  const zone = useAgencyZone();
  return (
    <li className="space-y-1.5 px-4 py-3 text-sm">
      <div className="flex items-start justify-between gap-3">
        <Link href={`/listings/${order.listing.listing_number}`} className="min-w-0 break-words font-medium text-slate-900 hover:underline">
          {order.listing.address}
        </Link>
        <span className="font-medium text-slate-900">{formatMoney(order.total_cents, order.currency)}</span>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-slate-600">
        <span className="font-mono text-xs">{order.listing.listing_number}</span>
        <InvoiceStatusBadge status={order.invoice?.status ?? null} />
        <span>{formatInZone(order.created_at, zone, "date")}</span>
      </div>
      <div className="text-slate-600">
        <LineItems order={order} />
      </div>
      {canBill && <InvoiceActions order={order} onChanged={onChanged} />}
    </li>
  );
}
