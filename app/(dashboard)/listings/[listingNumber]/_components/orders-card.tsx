"use client";
// The listing's orders: line items, totals and the invoice as Square last reported it, with Send
// invoice and Refresh from Square for the roles that bill (can.send_invoices) when this server has
// Square configured; the public invoice link once there is one.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { InvoiceStatusBadge } from "@/components/listings/status-badge";
import { InvoiceActions, useBilling } from "@/components/orders/invoice-actions";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { formatMoney } from "@/lib/format";
import { formatInZone } from "@/lib/time";
import { trpc, type RouterOutputs } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

type Order = RouterOutputs["listings"]["orders"]["items"][number];

export function OrdersCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const ordersKey = ["listings.orders", me.agency?.id, listing.listing_number];
  const orders = useQuery({ queryKey: ordersKey, queryFn: () => trpc.listings.orders.query({ listing_number: listing.listing_number, limit: 200 }) });
  const { canBill, squareConfigured } = useBilling();
  const queryClient = useQueryClient();
  const refresh = async () => {
    await Promise.all([orders.refetch(), onChanged(), queryClient.invalidateQueries({ queryKey: ["orders.list"] })]);
  };

  return (
    <Card aria-labelledby="orders-heading">
      <CardHeader id="orders-heading" title="Orders" />
      <div className="px-5 py-4">
        <QueryState query={orders} label="Loading orders" errorTitle="Orders could not be loaded" isEmpty={(page) => page.items.length === 0} empty={<p className="text-sm text-slate-500">No orders yet.</p>}>
          {(page) => (
            <ul className="space-y-4">
              {page.items.map((order) => (
                <OrderItem key={order.order_id} order={order} canBill={canBill} onChanged={refresh} />
              ))}
            </ul>
          )}
        </QueryState>
        {me.can.send_invoices && squareConfigured === false && (
          <p className="mt-3 text-xs text-slate-500">Square is not configured on this server, so invoices stay local drafts.</p>
        )}
      </div>
    </Card>
  );
}

function OrderItem({ order, canBill, onChanged }: { order: Order; canBill: boolean; onChanged: () => Promise<unknown> }) {
  const zone = useAgencyZone();
  const invoice = order.invoice;
  return (
    <li className="rounded-lg border border-slate-200 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
        <span className="font-mono text-xs text-slate-500">{order.order_id}</span>
        <InvoiceStatusBadge status={invoice?.status ?? null} />
      </div>
      <table className="w-full">
        <caption className="sr-only">Line items of order {order.order_id}</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {order.line_items.map((item, i) => (
            <tr key={i}>
              <td className="px-4 py-1.5 text-slate-700">
                {item.description}
                {item.kind === "add_on" && <span className="text-slate-500"> (add-on)</span>}
                {item.quantity > 1 && <span className="text-slate-500"> × {item.quantity}</span>}
              </td>
              <td className="px-4 py-1.5 text-right text-slate-900">{formatMoney(item.total_cents, order.currency)}</td>
            </tr>
          ))}
          <tr className="border-t border-slate-100 font-medium">
            <td className="px-4 py-2 text-slate-900">Total</td>
            <td className="px-4 py-2 text-right text-slate-900">{formatMoney(order.total_cents, order.currency)}</td>
          </tr>
        </tbody>
      </table>
      {(invoice?.public_url || invoice?.square_synced_at) && (
        <div className="space-y-1 border-t border-slate-100 px-4 py-2.5 text-xs text-slate-600">
          {invoice.public_url && (
            <a href={invoice.public_url} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline">
              Public invoice (where the client pays)
              <ExternalLink className="size-3.5" aria-hidden="true" />
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          )}
          {invoice.square_synced_at && <p>Square last reported: {formatInZone(invoice.square_synced_at, zone, "dateTime")}</p>}
        </div>
      )}
      {canBill && <InvoiceActions order={order} onChanged={onChanged} className="border-t border-slate-100 px-4 py-2.5" />}
    </li>
  );
}
