"use client";
// The listing's lifecycle as actions: one button per allowed next status (the server's one table,
// listing.allowed_next_statuses), a confirmation before Sold (final) and Off Market (taken off the
// market), and Cancel listing, which explains in words when the 24-hour guard blocks it.
import { useState } from "react";
import { Ban } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatInZone } from "@/lib/time";
import { trpc, toDashboardError, type DashboardError } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

type Settable = Exclude<Listing["status"], "Cancelled">;

const CONFIRM: Partial<Record<Settable, { title: string; body: string; label: string }>> = {
  Sold: {
    title: "Mark as Sold?",
    body: "Sold is final: the listing cannot change status or be cancelled afterwards.",
    label: "Mark as Sold",
  },
  "Off Market": {
    title: "Take off the market?",
    body: "The listing shows as Off Market until you make it Active again.",
    label: "Take off market",
  },
};

const ACTION_LABEL: Record<Settable, string> = {
  "Coming Soon": "Back to Coming Soon",
  Active: "Make Active",
  Sold: "Mark as Sold",
  "Off Market": "Take off market",
};

/** 24 hours, as server/listings/cancel-listing.ts guards. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

/** The scheduled shoot that keeps the listing from being cancelled now, if any. */
export function blockingShoot(listing: Pick<Listing, "shoots">, now = Date.now()) {
  return (
    listing.shoots
      .filter((s) => s.status === "scheduled" && new Date(s.starts_at).getTime() < now + WINDOW_MS && new Date(s.ends_at).getTime() > now)
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0] ?? null
  );
}

export function StatusActions({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const zone = useAgencyZone();
  const [confirming, setConfirming] = useState<Settable | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<DashboardError | null>(null);

  const change = useIdempotentMutation(
    (input: { listing_number: string; status: Settable }, context) => trpc.listings.updateStatus.mutate(input, { context }),
    {
      onSuccess: async (updated) => {
        setConfirming(null);
        setProblem(null);
        toast.success(`Listing is ${updated.status}`);
        await onChanged();
      },
      onError: (error) => setProblem(toDashboardError(error)),
    },
  );
  const cancel = useIdempotentMutation((input: { listing_number: string }, context) => trpc.listings.cancel.mutate(input, { context }), {
    onSuccess: async () => {
      setCancelling(false);
      setProblem(null);
      toast.success("Listing cancelled", { description: "Its scheduled shoots and unpaid invoices were cancelled too." });
      await onChanged();
    },
    onError: async (error) => {
      setProblem(toDashboardError(error));
      // The guard's reason is a shoot the page may not show yet: reload it.
      if (toDashboardError(error).code === "cancellation_window_active") await onChanged();
    },
  });

  if (!me.scopes.includes("listings:write")) return null;
  const next = listing.allowed_next_statuses.filter((s): s is Settable => s !== "Cancelled");
  const cancellable = listing.status !== "Sold" && listing.status !== "Cancelled";
  const blocker = cancellable ? blockingShoot(listing) : null;
  const blockerText = blocker
    ? `The shoot on ${formatInZone(blocker.starts_at, zone, "dateTime")} ${new Date(blocker.starts_at).getTime() <= Date.now() ? "is under way" : "starts within 24 hours"}. Cancel or reschedule that shoot first (in Shoots below), or wait until it has ended.`
    : null;

  const run = (status: Settable) => {
    setProblem(null);
    if (CONFIRM[status]) setConfirming(status);
    else change.mutate({ listing_number: listing.listing_number, status });
  };

  return (
    <div className="space-y-3">
      {(next.length > 0 || cancellable) && (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Listing status actions">
          {next.map((status) => (
            <Button key={status} size="sm" variant={status === "Active" ? "primary" : "secondary"} loading={change.isPending && change.variables?.status === status} onClick={() => run(status)}>
              {ACTION_LABEL[status]}
            </Button>
          ))}
          {cancellable && (
            <Button size="sm" variant="secondary" onClick={() => (setProblem(null), setCancelling(true))} aria-describedby={blockerText ? "cancel-blocked" : undefined}>
              <Ban className="size-3.5" aria-hidden="true" />
              Cancel listing
            </Button>
          )}
        </div>
      )}
      {problem && !confirming && !cancelling && (
        <Alert tone="error" title={problem.code === "cancellation_window_active" ? "The listing cannot be cancelled yet" : "That did not work"}>
          <p>{problem.code === "cancellation_window_active" && blockerText ? blockerText : problem.message}</p>
          {problem.requestId && <p className="mt-1 text-xs">Request id: <span className="font-mono">{problem.requestId}</span></p>}
        </Alert>
      )}

      {confirming && CONFIRM[confirming] && (
        <ConfirmDialog
          open
          onOpenChange={(open) => !open && setConfirming(null)}
          title={CONFIRM[confirming]!.title}
          description={CONFIRM[confirming]!.body}
          confirmLabel={CONFIRM[confirming]!.label}
          tone={confirming === "Sold" ? "primary" : "danger"}
          pending={change.isPending}
          onConfirm={() => change.mutate({ listing_number: listing.listing_number, status: confirming })}
        >
          {problem && <Alert tone="error">{problem.message}</Alert>}
        </ConfirmDialog>
      )}

      <ConfirmDialog
        open={cancelling}
        onOpenChange={setCancelling}
        title="Cancel this listing?"
        description="Cancelling is final. Its scheduled shoots are cancelled, and its unpaid invoices too (at Square as well)."
        confirmLabel="Cancel listing"
        cancelLabel="Keep listing"
        tone="danger"
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate({ listing_number: listing.listing_number })}
      >
        {blockerText && (
          <Alert tone="warning" title="A shoot is too close">
            <span id="cancel-blocked">{blockerText}</span>
          </Alert>
        )}
        {problem && (
          <Alert tone="error">
            {problem.code === "cancellation_window_active" && blockerText ? blockerText : problem.message}
            {problem.requestId && <span className="mt-1 block text-xs">Request id: {problem.requestId}</span>}
          </Alert>
        )}
      </ConfirmDialog>
    </div>
  );
}
