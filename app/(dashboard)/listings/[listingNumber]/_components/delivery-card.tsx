"use client";
// "Deliver to client": marks the media delivered (listings.deliverMedia, the same procedure as
// POST /api/v1/listings/{n}/media/deliver) and shows the client's gallery link to copy; no mail
// transport is configured, so the agency sends it. Only the link's hash is stored: it is shown
// here once, and can be revoked (the link is then a 404).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { toast } from "@/components/ui/toaster";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError, type DashboardError } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

export function DeliveryCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const [confirming, setConfirming] = useState(false);
  const [made, setMade] = useState<{ id: string; url: string; revoked: boolean } | null>(null);
  const [problem, setProblem] = useState<DashboardError | null>(null);
  const deliver = useIdempotentMutation((input: { listing_number: string }, context) => trpc.listings.deliverMedia.mutate(input, { context }), {
    onSuccess: async (result) => {
      setConfirming(false);
      setProblem(null);
      setMade({ id: result.delivery_id, url: result.gallery_url, revoked: false });
      toast.success("Delivered", { description: "Copy the gallery link below and send it to the client." });
      await onChanged();
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  const revoke = useIdempotentMutation((input: { delivery_id: string }, context) => trpc.listings.revokeDelivery.mutate(input, { context }), {
    onSuccess: () => {
      setMade((m) => (m ? { ...m, revoked: true } : m));
      toast.success("Gallery link revoked");
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });

  if (!me.scopes.includes("media:write") || listing.status === "Cancelled") return null;
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
      <div className="space-y-3 px-5 py-4">
        {made ? (
          <div className="space-y-2">
            <label htmlFor="gallery-link" className="block text-sm font-medium text-slate-700">
              Gallery link {made.revoked && "(revoked)"}
            </label>
            <div className="flex flex-wrap gap-2">
              <input id="gallery-link" readOnly value={made.url} className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
              <Button size="sm" variant="secondary" disabled={made.revoked} onClick={() => void navigator.clipboard?.writeText(made.url).then(() => toast.success("Link copied"))}>
                Copy link
              </Button>
              <Button size="sm" variant="secondary" disabled={made.revoked} loading={revoke.isPending} onClick={() => revoke.mutate({ delivery_id: made.id })}>
                Revoke
              </Button>
            </div>
          </div>
        ) : (
          <p className="text-sm text-slate-600">
            {listing.media_delivered_at ? "Delivered before. Deliver again for a new gallery link (earlier links keep working until revoked)." : "Not delivered yet."}
          </p>
        )}
        {problem && !confirming && <Alert tone="error">{problem.message}</Alert>}
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
        {problem && <Alert tone="error">{problem.message}</Alert>}
      </ConfirmDialog>
    </Card>
  );
}
