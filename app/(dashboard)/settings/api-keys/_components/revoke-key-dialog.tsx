"use client";
import { useMutation } from "@tanstack/react-query";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

export function RevokeKeyDialog({ apiKey, onClose, onRevoked }: { apiKey: ApiKey | null; onClose: () => void; onRevoked: (key: ApiKey) => void }) {
  const revoke = useMutation({
    mutationFn: (id: string) => trpc.apiKeys.revoke.mutate({ id }),
    onSuccess: (key) => {
      revoke.reset();
      onRevoked(key);
    },
  });
  const close = () => {
    if (revoke.isPending) return;
    revoke.reset();
    onClose();
  };
  return (
    <Dialog
      open={apiKey !== null}
      onClose={close}
      role="alertdialog"
      dismissible={!revoke.isPending}
      title={apiKey ? `Revoke “${apiKey.name}”?` : "Revoke key"}
      description={
        apiKey ? (
          <>
            Anything using <code className="font-mono text-slate-700">{apiKey.display_prefix}</code> stops working at once and gets
            401 api_key_revoked. This cannot be undone.
          </>
        ) : null
      }
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={revoke.isPending}>
            Cancel
          </Button>
          <Button variant="danger" loading={revoke.isPending} onClick={() => apiKey && revoke.mutate(apiKey.id)}>
            Revoke key
          </Button>
        </>
      }
    >
      {revoke.isError && <Alert tone="error">{toDashboardError(revoke.error).message}</Alert>}
    </Dialog>
  );
}
