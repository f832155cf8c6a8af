"use client";
// "Rotate secret": a new signing secret, shown once; the previous one keeps signing for 24 hours
// so that the receiver can switch without refusing a delivery.
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { trpc, toDashboardError } from "@/lib/trpc";
import type { Endpoint } from "../../_components/endpoint-status";
import { invalidateWebhooks } from "../../_components/queries";
import type { ShownSecret } from "../../_components/secret-dialog";

export function RotateSecret({ endpoint, onRotated }: { endpoint: Endpoint; onRotated: (shown: ShownSecret) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const rotate = useMutation({
    mutationFn: () => trpc.webhooks.rotateSecret.mutate({ endpoint_id: endpoint.endpoint_id }),
    onSuccess: (rotated) => {
      setConfirming(false);
      rotate.reset();
      onRotated({ secret: rotated.secret, url: rotated.url, rotationEndsAt: rotated.secret_rotation_ends_at });
      void invalidateWebhooks(queryClient);
    },
  });
  const close = () => {
    if (rotate.isPending) return;
    rotate.reset();
    setConfirming(false);
  };

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title="Signing secret"
        description="Every delivery carries X-Valara-Signature, an HMAC-SHA256 of its body with this endpoint's secret. The secret was shown once, when the endpoint was added."
      />
      <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-5">
        <p className="max-w-md text-sm text-slate-500">
          Lost it, or think it leaked? Rotate it: you get a new one, and the old one keeps signing for 24 hours while you switch.
        </p>
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Rotate secret
        </Button>
      </div>
      <Dialog
        open={confirming}
        onClose={close}
        role="alertdialog"
        dismissible={!rotate.isPending}
        title="Rotate the signing secret?"
        description={
          <>
            Valara generates a new secret and shows it once. For the next 24 hours every delivery is signed with both the new and the current
            secret (two signatures in <code className="font-mono text-slate-700">X-Valara-Signature</code>), so your receiver keeps accepting
            deliveries while you deploy the new one. After that, only the new secret signs.
            {endpoint.secret_rotation_ends_at && (
              <span className="mt-2 block font-medium text-amber-800">
                A rotation is already under way: the secret from before it stops signing now, and the overlap starts again from the
                current one.
              </span>
            )}
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={close} disabled={rotate.isPending}>
              Cancel
            </Button>
            <Button loading={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate secret
            </Button>
          </>
        }
      >
        {rotate.isError && <Alert tone="error">{toDashboardError(rotate.error).message}</Alert>}
      </Dialog>
    </Card>
  );
}
