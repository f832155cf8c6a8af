"use client";
// The listing's shoots: when each starts (in the agency's zone, with its abbreviation) and who
// shoots it; Book a shoot from the free slots, Reschedule (the same picker) and Cancel (after a
// confirmation, explaining the 24-hour window in words), and Mark completed once a shoot has
// started. The write controls are shown to roles with listings:write, as the shoots.* procedures
// require (a write forced anyway gets the same 403 as the API).
import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CalendarPlus } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatInZone } from "@/lib/time";
import { trpc, toDashboardError, type DashboardError } from "@/lib/trpc";
import type { Listing } from "./listing-detail";
import { Row } from "./detail-row";
import { ShootPicker, type Photographer } from "./shoot-picker";

type Shoot = Listing["shoots"][number];

/** 24 hours, as server/shoots/shoots.ts guards cancelling a shoot. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

/** Sold and Cancelled are final: no shoot can be booked or moved on them (the server's rule). */
const isFinal = (status: Listing["status"]) => status === "Sold" || status === "Cancelled";

export function ShootsCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const canWrite = (me.scopes as readonly string[]).includes("listings:write");
  const canCompleteShoots = listing.status !== "Cancelled" && canWrite;
  const canBook = canWrite && !isFinal(listing.status);
  const settings = useQuery({
    queryKey: ["scheduling.settings", me.agency?.id],
    queryFn: () => trpc.scheduling.settings.query(),
    staleTime: 60_000,
  });
  const photographers = settings.data?.photographers ?? [];
  const [booking, setBooking] = useState(false);
  const shoots = [...listing.shoots].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  return (
    <Card aria-labelledby="shoots-heading">
      <CardHeader
        id="shoots-heading"
        title="Shoots"
        actions={
          canBook && (
            <Button size="sm" variant="secondary" onClick={() => setBooking(true)}>
              <CalendarPlus className="size-3.5" aria-hidden="true" />
              Book a shoot
            </Button>
          )
        }
      />
      <dl className="divide-y divide-slate-100 text-sm">
        {shoots.map((shoot) => (
          <ShootRow
            key={shoot.shoot_id}
            listing={listing}
            shoot={shoot}
            photographers={photographers}
            canComplete={canCompleteShoots}
            canMove={canBook}
            canCancel={canWrite}
            onChanged={onChanged}
          />
        ))}
        {listing.shoots.length === 0 && <Row label="None yet">{null}</Row>}
      </dl>
      {booking && <ShootPicker listing={listing} photographers={photographers} open onClose={() => setBooking(false)} onDone={onChanged} />}
    </Card>
  );
}

/**
 * A shoot: when it starts, who shoots it and, once completed, when that was recorded. A scheduled
 * shoot that has started can be marked completed; one that has not can be moved or cancelled.
 */
function ShootRow({
  listing,
  shoot,
  photographers,
  canComplete,
  canMove,
  canCancel,
  onChanged,
}: {
  listing: Listing;
  shoot: Shoot;
  photographers: Photographer[];
  canComplete: boolean;
  canMove: boolean;
  canCancel: boolean;
  /** Refreshes the listing; the button stays busy until the new state is shown. */
  onChanged: () => Promise<unknown>;
}) {
  const listingNumber = listing.listing_number;
  const complete = useMutation({
    mutationFn: () => trpc.shoots.complete.mutate({ listing_number: listingNumber, shoot_id: shoot.shoot_id }),
    onSuccess: () => onChanged(),
  });
  const [moving, setMoving] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [cancelProblem, setCancelProblem] = useState<DashboardError | null>(null);
  // In the agency's zone, with its abbreviation, whatever zone the browser is in.
  const zone = useAgencyZone();
  const formatDateTime = (iso: string) => formatInZone(iso, zone, "dateTime");
  const cancel = useIdempotentMutation(
    (input: { listing_number: string; shoot_id: string }, context) => trpc.shoots.cancel.mutate(input, { context }),
    {
      onSuccess: async () => {
        setConfirmCancel(false);
        setCancelProblem(null);
        toast.success("Shoot cancelled", { description: formatDateTime(shoot.starts_at) });
        await onChanged();
      },
      onError: (error) => setCancelProblem(toDashboardError(error)),
    },
  );
  const now = Date.now();
  const started = Date.parse(shoot.starts_at) <= now;
  const scheduled = shoot.status === "scheduled";
  const withinWindow = scheduled && Date.parse(shoot.starts_at) < now + WINDOW_MS && Date.parse(shoot.ends_at) > now;
  const windowText = `The shoot on ${formatDateTime(shoot.starts_at)} ${started ? "is under way" : "starts within 24 hours"}, so it can no longer be cancelled here.${started ? "" : " You can still reschedule it."}`;
  const photographer = shoot.photographer_id ? photographers.find((p) => p.user_id === shoot.photographer_id)?.name : null;
  const when = formatDateTime(shoot.starts_at);
  return (
    <Row label={`Shoot (${shoot.status})`}>
      <time dateTime={shoot.starts_at} className="block">
        {when}
      </time>
      <span className="block text-slate-600">
        {formatInZone(shoot.starts_at, zone, "time")} – {formatInZone(shoot.ends_at, zone, "timeZone")}
        {photographer && <> · {photographer}</>}
      </span>
      {shoot.completed_at && (
        <span className="block text-slate-500">
          Completed{" "}
          <time dateTime={shoot.completed_at} className="whitespace-nowrap">
            {formatDateTime(shoot.completed_at)}
          </time>
        </span>
      )}
      {scheduled && (
        <div className="mt-2 flex flex-wrap justify-end gap-2">
          {canComplete && started && (
            <Button variant="secondary" size="sm" loading={complete.isPending} onClick={() => complete.mutate()}>
              Mark completed
              <span className="sr-only"> (the shoot of {when})</span>
            </Button>
          )}
          {canMove && !started && (
            <Button variant="secondary" size="sm" onClick={() => setMoving(true)}>
              Reschedule
              <span className="sr-only"> (the shoot of {when})</span>
            </Button>
          )}
          {canCancel && !started && (
            <Button variant="secondary" size="sm" onClick={() => (setCancelProblem(null), setConfirmCancel(true))}>
              Cancel shoot
              <span className="sr-only"> (the shoot of {when})</span>
            </Button>
          )}
        </div>
      )}
      {complete.isError && (
        <Alert tone="error" className="mt-2 text-left">
          {toDashboardError(complete.error).message}
        </Alert>
      )}
      {moving && <ShootPicker listing={listing} shoot={shoot} photographers={photographers} open onClose={() => setMoving(false)} onDone={onChanged} />}
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title="Cancel this shoot?"
        description={`The shoot on ${when}${photographer ? ` with ${photographer}` : ""} is cancelled and its time offered again.`}
        confirmLabel="Cancel shoot"
        cancelLabel="Keep shoot"
        tone="danger"
        pending={cancel.isPending}
        onConfirm={() => cancel.mutate({ listing_number: listingNumber, shoot_id: shoot.shoot_id })}
      >
        {withinWindow && !cancelProblem && (
          <Alert tone="warning" title="Too close to cancel">
            {windowText}
          </Alert>
        )}
        {cancelProblem && (
          <Alert tone="error" title={cancelProblem.code === "cancellation_window_active" ? "Too close to cancel" : "The shoot was not cancelled"}>
            <p>{cancelProblem.code === "cancellation_window_active" ? windowText : cancelProblem.message}</p>
            {cancelProblem.requestId && <p className="mt-1 text-xs">Request id: <span className="font-mono">{cancelProblem.requestId}</span></p>}
          </Alert>
        )}
      </ConfirmDialog>
    </Row>
  );
}
