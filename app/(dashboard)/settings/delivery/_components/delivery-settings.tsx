"use client";
// Pay to download, agency-wide: delivery.settings / delivery.updateSettings. Changing it is
// confirmed, since it locks or unlocks every listing's gallery that follows the agency's setting.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryState } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError, type DashboardError, type RouterOutputs } from "@/lib/trpc";

type Settings = RouterOutputs["delivery"]["settings"];
const settingsKey = (agencyId: string | undefined) => ["delivery.settings", agencyId];

export function DeliverySettings() {
  const me = useMe();
  const query = useQuery({ queryKey: settingsKey(me.agency?.id), queryFn: () => trpc.delivery.settings.query() });
  const canManage = me.can.manage_delivery;
  return (
    <div className="max-w-2xl space-y-6">
      {!canManage && (
        <Alert tone="info" title="Only the agency's owner changes this">
          You can see whether downloads wait for payment; ask {me.agency ? `${me.agency.name}'s owner` : "the owner"} to change it.
        </Alert>
      )}
      <QueryState query={query} label="Loading delivery settings" errorTitle="The delivery settings could not be loaded">
        {(settings) => <PayToDownloadForm key={String(settings.downloads_require_payment)} settings={settings} canManage={canManage} />}
      </QueryState>
    </div>
  );
}

function PayToDownloadForm({ settings, canManage }: { settings: Settings; canManage: boolean }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [wanted, setWanted] = useState(settings.downloads_require_payment);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<DashboardError | null>(null);
  const save = useIdempotentMutation((input: { downloads_require_payment: boolean }, context) => trpc.delivery.updateSettings.mutate(input, { context }), {
    onSuccess: (saved) => {
      setConfirming(false);
      setProblem(null);
      queryClient.setQueryData(settingsKey(me.agency?.id), saved);
      void queryClient.invalidateQueries({ queryKey: ["delivery.listingDeliveries"] });
      toast.success(saved.downloads_require_payment ? "Downloads now require payment" : "Downloads no longer require payment");
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  const changed = wanted !== settings.downloads_require_payment;
  return (
    <Card aria-labelledby="pay-heading">
      <CardHeader id="pay-heading" title="Pay to download" description="Applies to every listing that follows the agency's setting; a listing can override it on its page." />
      <form
        aria-label="Pay to download"
        className="space-y-4 px-5 py-4"
        onSubmit={(event) => {
          event.preventDefault();
          setProblem(null);
          setConfirming(true);
        }}
      >
        <div className="flex items-start gap-3">
          <input
            id="downloads-require-payment"
            type="checkbox"
            checked={wanted}
            disabled={!canManage}
            onChange={(event) => setWanted(event.target.checked)}
            aria-describedby="downloads-require-payment-hint"
            className="mt-1 size-4 rounded border-slate-300"
          />
          <div>
            <label htmlFor="downloads-require-payment" className="text-sm font-medium text-slate-900">
              Downloads require payment
            </label>
            <p id="downloads-require-payment-hint" className="text-sm text-slate-600">
              Until the listing&apos;s invoice is paid, the client&apos;s gallery shows watermarked previews only, with a link to pay the Square invoice. Downloads
              unlock by themselves the moment Square reports it paid.
            </p>
          </div>
        </div>
        {problem && !confirming && <Alert tone="error">{problem.message}{problem.requestId && ` (request id ${problem.requestId})`}</Alert>}
        {canManage && (
          <div className="flex justify-end">
            <Button type="submit" variant="primary" disabled={!changed}>
              Save
            </Button>
          </div>
        )}
      </form>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={wanted ? "Require payment before downloads?" : "Stop requiring payment?"}
        description={
          wanted
            ? "Galleries of listings whose invoices are not paid will show watermarked previews only, starting now."
            : "Galleries of unpaid listings will offer every download again, starting now (listings set to always lock keep locking)."
        }
        confirmLabel={wanted ? "Require payment" : "Stop requiring payment"}
        pending={save.isPending}
        onConfirm={() => save.mutate({ downloads_require_payment: wanted })}
      >
        {problem && <Alert tone="error">{problem.message}{problem.requestId && ` (request id ${problem.requestId})`}</Alert>}
      </ConfirmDialog>
    </Card>
  );
}
