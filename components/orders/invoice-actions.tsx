"use client";
// Send invoice and Refresh from Square for one order, for the roles that bill (can.send_invoices)
// when this server has Square configured: on a listing's Orders card and on /orders. A failure
// says what Square (or Valara) answered, with Retry and the request id.
import { useQuery } from "@tanstack/react-query";
import { RefreshCw, Send } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { toast } from "@/components/ui/toaster";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";

type Order = Pick<RouterOutputs["listings"]["orders"]["items"][number], "order_id" | "invoice">;

/** Whether this user may bill here, and whether Square is configured (null while unknown). */
export function useBilling(): { canBill: boolean; squareConfigured: boolean | null } {
  const me = useMe();
  const billing = useQuery({ queryKey: ["orders.billing", me.agency?.id], queryFn: () => trpc.orders.billing.query(), staleTime: 5 * 60_000, enabled: me.can.send_invoices });
  const squareConfigured = billing.data?.square_configured ?? null;
  return { canBill: me.can.send_invoices && squareConfigured === true, squareConfigured };
}

export function InvoiceActions({ order, onChanged, className }: { order: Order; onChanged: () => Promise<unknown>; className?: string }) {
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
  const failed = send.isError
    ? { what: "The invoice was not sent", error: send.error, retry: () => send.mutate({ order_id: order.order_id }) }
    : sync.isError
      ? { what: "The invoice was not refreshed", error: sync.error, retry: () => sync.mutate({ order_id: order.order_id }) }
      : null;
  const problem = failed ? toDashboardError(failed.error) : null;
  const sendable = invoice && invoice.status === "DRAFT";
  const syncable = invoice && invoice.square_invoice_id;
  if (!sendable && !syncable && !failed) return null;

  return (
    <div className={cn("space-y-2", className)}>
      {(sendable || syncable) && (
        <div className="flex flex-wrap gap-2">
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
          {problem.requestId && (
            <p className="mt-1 text-xs">
              Request id: <span className="font-mono">{problem.requestId}</span>
            </p>
          )}
        </Alert>
      )}
    </div>
  );
}
