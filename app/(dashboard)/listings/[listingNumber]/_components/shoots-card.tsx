"use client";
// The listing's shoots: when each starts (in the agency's zone) and, for a started one, Mark completed.
import { useMutation } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { formatInZone } from "@/lib/time";
import { trpc, toDashboardError } from "@/lib/trpc";
import type { Listing } from "./listing-detail";
import { Row } from "./detail-row";

export function ShootsCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const canCompleteShoots = listing.status !== "Cancelled" && (me.scopes as readonly string[]).includes("listings:write");
  return (
    <Card aria-labelledby="shoots-heading">
      <CardHeader id="shoots-heading" title="Shoots" />
      <dl className="divide-y divide-slate-100 text-sm">
        {listing.shoots.map((shoot) => (
          <ShootRow key={shoot.shoot_id} listingNumber={listing.listing_number} shoot={shoot} canComplete={canCompleteShoots} onCompleted={onChanged} />
        ))}
        {listing.shoots.length === 0 && <Row label="None yet">{null}</Row>}
      </dl>
    </Card>
  );
}

/**
 * A shoot: when it starts and, once completed, when that was recorded. A scheduled shoot that has
 * started can be marked completed by someone who may change listings (the procedure refuses
 * anyone else, and a shoot not yet started, whatever the page shows).
 */
function ShootRow({
  listingNumber,
  shoot,
  canComplete,
  onCompleted,
}: {
  listingNumber: string;
  shoot: Listing["shoots"][number];
  canComplete: boolean;
  /** Refreshes the listing; the button stays busy until the new state is shown. */
  onCompleted: () => Promise<unknown>;
}) {
  const complete = useMutation({
    mutationFn: () => trpc.shoots.complete.mutate({ listing_number: listingNumber, shoot_id: shoot.shoot_id }),
    onSuccess: () => onCompleted(),
  });
  // In the agency's zone, with its abbreviation, whatever zone the browser is in.
  const zone = useAgencyZone();
  const formatDateTime = (iso: string) => formatInZone(iso, zone, "dateTime");
  const started = Date.parse(shoot.starts_at) <= Date.now();
  return (
    <Row label={`Shoot (${shoot.status})`}>
      <time dateTime={shoot.starts_at} className="block">
        {formatDateTime(shoot.starts_at)}
      </time>
      {shoot.completed_at && (
        <span className="block text-slate-500">
          Completed{" "}
          <time dateTime={shoot.completed_at} className="whitespace-nowrap">
            {formatDateTime(shoot.completed_at)}
          </time>
        </span>
      )}
      {canComplete && shoot.status === "scheduled" && started && (
        <Button variant="secondary" size="sm" className="mt-2" loading={complete.isPending} onClick={() => complete.mutate()}>
          Mark completed
          <span className="sr-only"> (the shoot of {formatDateTime(shoot.starts_at)})</span>
        </Button>
      )}
      {complete.isError && (
        <Alert tone="error" className="mt-2 text-left">
          {toDashboardError(complete.error).message}
        </Alert>
      )}
    </Row>
  );
}
