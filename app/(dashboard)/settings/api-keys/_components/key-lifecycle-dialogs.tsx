"use client";
// Disable / enable and rotate, each behind a confirmation. Disabling is reversible (401
// api_key_disabled meanwhile); rotating mints a replacement shown once and keeps the old key
// working for the grace period chosen here (0–30 days).
import { useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { Field, Select, fieldAria } from "@/components/ui/input";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { MAX_ROTATION_GRACE_DAYS } from "@/server/api/routers/api-keys/schemas";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];
type Rotated = RouterOutputs["apiKeys"]["rotate"];

export function ToggleKeyDialog({ apiKey, onClose, onDone }: { apiKey: ApiKey | null; onClose: () => void; onDone: (key: ApiKey) => void }) {
  const enabling = apiKey?.status === "disabled";
  const toggle = useIdempotentMutation(
    (input: { id: string; enable: boolean }, context) =>
      input.enable ? trpc.apiKeys.enable.mutate({ id: input.id }, { context }) : trpc.apiKeys.disable.mutate({ id: input.id }, { context }),
    {
      onSuccess: (key) => {
        toggle.reset();
        onDone(key);
      },
    },
  );
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onOpenChange={(open) => {
        if (!open) {
          toggle.reset();
          onClose();
        }
      }}
      title={apiKey ? `${enabling ? "Enable" : "Disable"} “${apiKey.name}”?` : "Disable key"}
      description={
        apiKey &&
        (enabling ? (
          <>Requests with <code className="font-mono text-slate-700">{apiKey.display_prefix}</code> work again at once.</>
        ) : (
          <>
            Requests with <code className="font-mono text-slate-700">{apiKey.display_prefix}</code> get 401 api_key_disabled until you
            enable it again. Nothing else about the key changes.
          </>
        ))
      }
      confirmLabel={enabling ? "Enable key" : "Disable key"}
      tone={enabling ? "primary" : "danger"}
      pending={toggle.isPending}
      onConfirm={() => apiKey && toggle.mutate({ id: apiKey.id, enable: enabling })}
    >
      {toggle.isError && <Alert tone="error">{toDashboardError(toggle.error).message}</Alert>}
    </ConfirmDialog>
  );
}

const GRACE_CHOICES = [0, 1, 3, 7, 14, MAX_ROTATION_GRACE_DAYS];

export function RotateKeyDialog({ apiKey, onClose, onRotated }: { apiKey: ApiKey | null; onClose: () => void; onRotated: (result: Rotated) => void }) {
  const [grace, setGrace] = useState(7);
  const rotate = useIdempotentMutation((input: { id: string; grace_period_days: number }, context) => trpc.apiKeys.rotate.mutate(input, { context }), {
    onSuccess: (result) => {
      rotate.reset();
      onRotated(result);
    },
  });
  return (
    <ConfirmDialog
      open={apiKey !== null}
      onOpenChange={(open) => {
        if (!open) {
          rotate.reset();
          onClose();
        }
      }}
      title={apiKey ? `Rotate “${apiKey.name}”?` : "Rotate key"}
      description={
        apiKey && (
          <>
            A new key with the same name and scopes is generated and shown once. The current key (
            <code className="font-mono text-slate-700">{apiKey.display_prefix}</code>) keeps working for the grace period, then stops.
          </>
        )
      }
      confirmLabel="Rotate key"
      pending={rotate.isPending}
      onConfirm={() => apiKey && rotate.mutate({ id: apiKey.id, grace_period_days: grace })}
    >
      <Field id="rotate-grace" label="Grace period for the current key" hint="0 stops it at once.">
        <Select {...fieldAria("rotate-grace", undefined, true)} value={grace} onChange={(event) => setGrace(Number(event.target.value))}>
          {GRACE_CHOICES.map((days) => (
            <option key={days} value={days}>
              {days === 0 ? "None: stop it now" : days === 1 ? "1 day" : `${days} days`}
            </option>
          ))}
        </Select>
      </Field>
      {rotate.isError && (
        <div className="mt-3">
          <Alert tone="error">{toDashboardError(rotate.error).message}</Alert>
        </div>
      )}
    </ConfirmDialog>
  );
}
