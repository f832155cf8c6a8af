"use client";
// "Deliver to client": marks the media delivered (listings.deliverMedia, the same procedure as
// POST /api/v1/listings/{n}/media/deliver) and shows the client's gallery link to copy; no mail
// transport is configured, so the agency sends it. Only the link's hash is stored: it is shown
// here once. Below it, every delivery of the listing (delivery.listingDeliveries): when, by whom,
// its expiry and state, each active one revocable after a confirmation (the link is then a 404);
// and pay to download for this listing: whether its downloads are locked now, and (for the owner)
// its override of the agency's setting.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { QueryState } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatInZone } from "@/lib/time";
import { trpc, toDashboardError, type DashboardError, type RouterOutputs } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

type Deliveries = RouterOutputs["delivery"]["listingDeliveries"];
type Gate = Deliveries["download_lock"]["download_gate"];

const GATE_LABELS: Record<Gate, string> = {
  inherit: "Agency's setting",
  until_paid: "Always locked until paid",
  never: "Never locked",
};

function ErrorWithId({ problem }: { problem: DashboardError }) {
  return (
    <Alert tone="error">
      {problem.message}
      {problem.requestId && <span className="mt-1 block text-xs">Request id: <span className="select-all font-mono">{problem.requestId}</span></span>}
    </Alert>
  );
}

export function DeliveryCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const zone = useAgencyZone();
  const queryClient = useQueryClient();
  const deliveriesKey = ["delivery.listingDeliveries", me.agency?.id, listing.listing_number];
  const deliveries = useQuery({
    queryKey: deliveriesKey,
    queryFn: () => trpc.delivery.listingDeliveries.query({ listing_number: listing.listing_number }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: deliveriesKey });
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState<Deliveries["items"][number] | null>(null);
  const [made, setMade] = useState<{ id: string; url: string } | null>(null);
  const [problem, setProblem] = useState<DashboardError | null>(null);
  const deliver = useIdempotentMutation((input: { listing_number: string }, context) => trpc.listings.deliverMedia.mutate(input, { context }), {
    onSuccess: async (result) => {
      setConfirming(false);
      setProblem(null);
      setMade({ id: result.delivery_id, url: result.gallery_url });
      toast.success("Delivered", { description: "Copy the gallery link below and send it to the client." });
      await Promise.all([onChanged(), refresh()]);
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  const revoke = useIdempotentMutation((input: { delivery_id: string }, context) => trpc.listings.revokeDelivery.mutate(input, { context }), {
    onSuccess: async () => {
      setRevoking(null);
      setProblem(null);
      toast.success("Gallery link revoked");
      await refresh();
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });

  if (!me.scopes.includes("media:write") || listing.status === "Cancelled") return null;
  const madeRevoked = made && deliveries.data?.items.find((d) => d.delivery_id === made.id)?.state === "revoked";
  return (
    <Card aria-labelledby="delivery-heading">
      <CardHeader
        id="delivery-heading"
        title="Client delivery"
        description="A gallery link for the client to view and download the delivered media"
        actions={
          <Button size="sm" variant="primary" onClick={() => (setProblem(null), setConfirming(true))}>
            Deliver to client
          </Button>
        }
      />
      <div className="space-y-4 px-5 py-4">
        {made ? (
          <div className="space-y-2">
            <label htmlFor="gallery-link" className="block text-sm font-medium text-slate-700">
              Gallery link {madeRevoked && "(revoked)"}
            </label>
            <div className="flex flex-wrap gap-2">
              <input id="gallery-link" readOnly value={made.url} className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
              <Button size="sm" variant="secondary" disabled={Boolean(madeRevoked)} onClick={() => void navigator.clipboard?.writeText(made.url).then(() => toast.success("Link copied"))}>
                Copy link
              </Button>
            </div>
            <p className="text-xs text-slate-600">Shown once: only the link&apos;s fingerprint is kept. Deliver again for a new link.</p>
          </div>
        ) : (
          !listing.media_delivered_at && <p className="text-sm text-slate-600">Not delivered yet.</p>
        )}
        {problem && !confirming && !revoking && <ErrorWithId problem={problem} />}
        <QueryState query={deliveries} label="Loading deliveries" errorTitle="The deliveries could not be loaded">
          {(data) => (
            <>
              <PayToDownload listingNumber={listing.listing_number} data={data} onSaved={(lock) => queryClient.setQueryData(deliveriesKey, { ...data, download_lock: lock })} />
              {data.items.length > 0 && (
                <div>
                  <h3 className="text-sm font-semibold text-slate-900">Deliveries</h3>
                  <ul aria-label="Deliveries" className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
                    {data.items.map((delivery) => (
                      <li key={delivery.delivery_id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                        <div className="min-w-0">
                          <p className="text-slate-900">
                            <time dateTime={delivery.created_at}>{formatInZone(delivery.created_at, zone, "dateTime")}</time>
                            <span className="text-slate-600"> by {delivery.created_by}</span>
                          </p>
                          <p className="text-xs text-slate-600">
                            {delivery.revoked_at ? (
                              <>Revoked <time dateTime={delivery.revoked_at}>{formatInZone(delivery.revoked_at, zone, "dateTime")}</time></>
                            ) : delivery.expires_at ? (
                              <>{delivery.state === "expired" ? "Expired" : "Expires"} <time dateTime={delivery.expires_at}>{formatInZone(delivery.expires_at, zone, "dateTime")}</time></>
                            ) : (
                              "No expiry"
                            )}
                          </p>
                        </div>
                        <div className="flex items-center gap-2">
                          <Badge tone={delivery.state === "active" ? "green" : "gray"}>{delivery.state === "active" ? "Active" : delivery.state === "revoked" ? "Revoked" : "Expired"}</Badge>
                          {delivery.state === "active" && (
                            <Button
                              size="sm"
                              variant="secondary"
                              aria-label={`Revoke the delivery of ${formatInZone(delivery.created_at, zone, "dateTime")}`}
                              onClick={() => (setProblem(null), setRevoking(delivery))}
                            >
                              Revoke
                            </Button>
                          )}
                        </div>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
        </QueryState>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Deliver to the client?"
        description="This marks the media delivered, tells your webhooks, and makes a new gallery link for the client."
        confirmLabel="Deliver"
        pending={deliver.isPending}
        onConfirm={() => deliver.mutate({ listing_number: listing.listing_number })}
      >
        {problem && <ErrorWithId problem={problem} />}
      </ConfirmDialog>
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title="Revoke this gallery link?"
        description={revoking ? `The link delivered ${formatInZone(revoking.created_at, zone, "dateTime")} stops working at once, for good. Other deliveries keep working.` : undefined}
        confirmLabel="Revoke link"
        tone="danger"
        pending={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ delivery_id: revoking.delivery_id })}
      >
        {problem && <ErrorWithId problem={problem} />}
      </ConfirmDialog>
    </Card>
  );
}

/** Whether this listing's downloads wait for payment, and its override (the owner changes it, confirmed). */
function PayToDownload({ listingNumber, data, onSaved }: { listingNumber: string; data: Deliveries; onSaved: (lock: Deliveries["download_lock"]) => void }) {
  const me = useMe();
  const lock = data.download_lock;
  const [pending, setPending] = useState<Gate | null>(null);
  const [problem, setProblem] = useState<DashboardError | null>(null);
  const setGate = useIdempotentMutation((input: { listing_number: string; download_gate: Gate }, context) => trpc.delivery.setDownloadGate.mutate(input, { context }), {
    onSuccess: (saved) => {
      setPending(null);
      setProblem(null);
      onSaved(saved);
      toast.success("Download setting saved", { description: saved.locked ? "Downloads are locked until the invoice is paid." : "Downloads are open." });
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  const inherited = `: ${lock.agency_requires_payment ? "locked until paid" : "never locked"}`;
  const state = !lock.requires_payment
    ? "Downloads are open: payment is not required."
    : lock.locked
      ? "Downloads are locked until the invoice is paid: the gallery shows watermarked previews."
      : "Downloads are open: the invoice is paid.";
  return (
    <div className="space-y-2 rounded-md bg-slate-50 p-3">
      <p className="flex flex-wrap items-center gap-2 text-sm text-slate-900">
        <Badge tone={lock.locked ? "amber" : "green"}>{lock.locked ? "Locked" : "Unlocked"}</Badge>
        <span>{state}</span>
      </p>
      {me.can.manage_delivery ? (
        <div className="flex flex-col text-sm">
          <label htmlFor="download-gate" className="font-medium text-slate-700">
            Pay to download for this listing
          </label>
          <select
            id="download-gate"
            value={lock.download_gate}
            disabled={setGate.isPending}
            onChange={(event) => (setProblem(null), setPending(event.target.value as Gate))}
            className="mt-1 max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
          >
            {(Object.keys(GATE_LABELS) as Gate[]).map((gate) => (
              <option key={gate} value={gate}>
                {GATE_LABELS[gate]}
                {gate === "inherit" ? inherited : ""}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="text-xs text-slate-600">
          {GATE_LABELS[lock.download_gate]}
          {lock.download_gate === "inherit" && inherited}
        </p>
      )}
      {problem && !pending && <ErrorWithId problem={problem} />}
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title="Change pay to download for this listing?"
        description={
          pending === "never"
            ? "The client's gallery will offer every download now, paid or not."
            : pending === "until_paid"
              ? "Downloads will be locked until every invoice of this listing is paid, whatever the agency's setting."
              : `The listing will follow the agency's setting (${lock.agency_requires_payment ? "locked until paid" : "never locked"}).`
        }
        confirmLabel="Change"
        pending={setGate.isPending}
        onConfirm={() => pending && setGate.mutate({ listing_number: listingNumber, download_gate: pending })}
      >
        {problem && <ErrorWithId problem={problem} />}
      </ConfirmDialog>
    </div>
  );
}
