"use client";
// The listing's orders: line items, totals and the invoice as Square last reported it, with Send
// invoice and Refresh from Square for the roles that bill (can.send_invoices) when this server has
// Square configured; the public invoice link once there is one.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, RefreshCw, Send } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";
import { InvoiceStatusBadge } from "@/components/listings/status-badge";
import { toast } from "@/components/ui/toaster";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatMoney } from "@/lib/format";
import { formatInZone } from "@/lib/time";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

type Order = RouterOutputs["listings"]["orders"]["items"][number];

export function OrdersCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const ordersKey = ["listings.orders", me.agency?.id, listing.listing_number];
  const orders = useQuery({ queryKey: ordersKey, queryFn: () => trpc.listings.orders.query({ listing_number: listing.listing_number, limit: 200 }) });
  const billing = useQuery({ queryKey: ["orders.billing", me.agency?.id], queryFn: () => trpc.orders.billing.query(), staleTime: 5 * 60_000, enabled: me.can.send_invoices });
  const canBill = me.can.send_invoices && billing.data?.square_configured === true;
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
        {me.can.send_invoices && billing.data?.square_configured === false && (
          <p className="mt-3 text-xs text-slate-500">Square is not configured on this server, so invoices stay local drafts.</p>
        )}
      </div>
    </Card>
  );
}

function OrderItem({ order, canBill, onChanged }: { order: Order; canBill: boolean; onChanged: () => Promise<unknown> }) {
  const zone = useAgencyZone();
  const invoice = order.invoice;
  const send = useIdempotentMutation((input: { order_id: string }, context) => trpc.orders.sendInvoice.mutate(input, { context }), {
    onSuccess: async (updated) => {
      toast.success("Invoice sent", { description: `Square emails the client a payment link (${updated.invoice?.status ?? ""}).` });
      await onChanged();
    },
  });
  const sync = useIdempotentMutation((input: { order_id: string }, context) => trpc.orders.syncInvoice.mutate(input, { context }), {
    onSuccess: async (updated) => {
      toast.success("Invoice refreshed", { description: `Square says: ${updated.invoice?.status ?? "unknown"}` });
      await onChanged();
    },
  });
  const failed = send.isError ? { what: "The invoice was not sent", error: send.error, retry: () => send.mutate({ order_id: order.order_id }) } : sync.isError ? { what: "The invoice was not refreshed", error: sync.error, retry: () => sync.mutate({ order_id: order.order_id }) } : null;
  const problem = failed ? toDashboardError(failed.error) : null;
  const sendable = invoice && invoice.status === "DRAFT";
  const syncable = invoice && invoice.square_invoice_id;

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
      {canBill && (sendable || syncable) && (
        <div className="flex flex-wrap gap-2 border-t border-slate-100 px-4 py-2.5">
          {sendable && (
            <Button size="sm" loading={send.isPending} disabled={sync.isPending} onClick={() => (sync.reset(), send.mutate({ order_id: order.order_id }))}>
              {!send.isPending && <Send className="size-3.5" aria-hidden="true" />}
              Send invoice
            </Button>
          )}
          {syncable && (
            <Button size="sm" variant="secondary" loading={sync.isPending} disabled={send.isPending} onClick={() => (send.reset(), sync.mutate({ order_id: order.order_id }))}>
              {!sync.isPending && <RefreshCw className="size-3.5" aria-hidden="true" />}
              Refresh from Square
            </Button>
          )}
        </div>
      )}
      {failed && problem && (
        <div className="px-4 pb-3">
          <Alert
            tone="error"
            title={failed.what}
            actions={
              <Button size="sm" variant="secondary" onClick={failed.retry}>
                Retry
              </Button>
            }
          >
            <p>{problem.code === "payment_provider_error" ? `Square did not accept the request or did not answer. Nothing was changed; try again. (${problem.message})` : problem.message}</p>
            {problem.requestId && <p className="mt-1 text-xs">Request id: <span className="font-mono">{problem.requestId}</span></p>}
          </Alert>
        </div>
      )}
    </li>
  );
}
