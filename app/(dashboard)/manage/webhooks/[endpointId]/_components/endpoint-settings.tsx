"use client";
// An endpoint's settings (URL, event types, description) and changing them; disabling and
// re-enabling it; deleting it.
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { trpc, toDashboardError } from "@/lib/trpc";
import { EndpointForm, type EndpointFormValues } from "../../_components/endpoint-form";
import type { Endpoint } from "../../_components/endpoint-status";
import { eventDescription } from "../../_components/event-groups";
import { invalidateWebhooks, useSetEnabled } from "../../_components/queries";

/** Read-only for those who may not change the endpoint. */
export function EndpointSettings({ endpoint, canWrite }: { endpoint: Endpoint; canWrite: boolean }) {
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [confirm, setConfirm] = useState<"disable" | "delete" | null>(null);

  const update = useMutation({
    mutationFn: (values: EndpointFormValues) => trpc.webhooks.update.mutate({ endpoint_id: endpoint.endpoint_id, ...values }),
    onSuccess: () => invalidateWebhooks(queryClient),
  });
  const setEnabled = useSetEnabled();
  const remove = useMutation({
    mutationFn: () => trpc.webhooks.delete.mutate({ endpoint_id: endpoint.endpoint_id }),
    onSuccess: (deleted) => {
      void invalidateWebhooks(queryClient);
      router.push(`/manage/webhooks?deleted=${encodeURIComponent(deleted.url)}`);
    },
  });
  const busy = setEnabled.isPending || remove.isPending;
  const failure = remove.error ?? setEnabled.error;
  const closeConfirm = () => {
    if (busy) return;
    setEnabled.reset();
    remove.reset();
    setConfirm(null);
  };

  const settings = (
    <Card aria-labelledby={`${id}-settings`}>
      <CardHeader
        id={`${id}-settings`}
        title="Settings"
        description={editing ? "Changes apply to events from now on; deliveries already queued keep their event." : undefined}
        actions={
          canWrite &&
          !editing && (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              Edit settings
            </Button>
          )
        }
      />
      {saved && (
        <div className="px-5 pt-5">
          <Alert tone="success" actions={<Button variant="ghost" size="sm" onClick={() => setSaved(false)}>Dismiss</Button>}>
            Settings saved.
          </Alert>
        </div>
      )}
      {editing ? (
        <EndpointForm
          label="Endpoint settings"
          submitLabel="Save changes"
          initial={{ url: endpoint.url, event_types: endpoint.event_types as EndpointFormValues["event_types"], description: endpoint.description }}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await update.mutateAsync(values);
            setEditing(false);
            setSaved(true);
          }}
        />
      ) : (
        <dl className="divide-y divide-slate-100 text-sm">
          <div className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="font-medium text-slate-500">URL</dt>
            <dd className="break-all font-mono text-slate-900">{endpoint.url}</dd>
          </div>
          <div className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="font-medium text-slate-500">Description</dt>
            <dd className="text-slate-900">{endpoint.description || <span className="text-slate-500">None</span>}</dd>
          </div>
          <div className="grid gap-1 px-5 py-3 sm:grid-cols-[12rem_1fr]">
            <dt className="font-medium text-slate-500">Event types</dt>
            <dd>
              <ul aria-label="Subscribed event types" className="space-y-1.5">
                {endpoint.event_types.map((type) => (
                  <li key={type}>
                    <code className="font-mono text-slate-900">{type}</code>
                    <span className="text-slate-500"> · {eventDescription(type) ?? "no longer in the catalog"}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      )}
    </Card>
  );
  if (!canWrite) return settings;

  return (
    <>
      {settings}

      <Card aria-labelledby={`${id}-status`}>
        <CardHeader id={`${id}-status`} title="Disable or delete" />
        <div className="divide-y divide-slate-100">
          <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
            <div className="max-w-xl text-sm">
              <p className="font-medium text-slate-900">{endpoint.enabled ? "Disable this endpoint" : "Enable this endpoint"}</p>
              <p className="text-slate-500">
                {endpoint.enabled
                  ? "Stops sending events to it, without deleting it or its log. Events that happen while it is disabled are not sent to it later."
                  : "Starts sending it new events again. Redeliver from the log anything it missed that you need."}
              </p>
            </div>
            {endpoint.enabled ? (
              <Button variant="secondary" onClick={() => setConfirm("disable")}>
                Disable endpoint
              </Button>
            ) : (
              <Button variant="secondary" loading={setEnabled.isPending} onClick={() => setEnabled.mutate({ endpointId: endpoint.endpoint_id, enabled: true })}>
                Re-enable
              </Button>
            )}
          </div>
          <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
            <div className="max-w-xl text-sm">
              <p className="font-medium text-slate-900">Delete this endpoint</p>
              <p className="text-slate-500">Removes the endpoint, its secret and its delivery log for good.</p>
            </div>
            <Button variant="secondary" className="text-red-700" onClick={() => setConfirm("delete")}>
              Delete endpoint
            </Button>
          </div>
        </div>
        {setEnabled.isError && confirm === null && (
          <div className="px-5 pb-4">
            <Alert tone="error">{toDashboardError(setEnabled.error).message}</Alert>
          </div>
        )}
      </Card>

      <Dialog
        open={confirm !== null}
        onClose={closeConfirm}
        role="alertdialog"
        dismissible={!busy}
        title={confirm === "delete" ? "Delete this endpoint?" : "Disable this endpoint?"}
        description={
          confirm === "delete" ? (
            <>
              Valara stops sending events to <code className="break-all font-mono text-slate-700">{endpoint.url}</code> at once and deletes
              its secret and delivery log. This cannot be undone.
            </>
          ) : (
            <>
              Valara stops sending events to <code className="break-all font-mono text-slate-700">{endpoint.url}</code>. Events that happen
              while it is disabled are not sent to it, even after you enable it again.
            </>
          )
        }
        footer={
          <>
            <Button variant="secondary" onClick={closeConfirm} disabled={busy}>
              Cancel
            </Button>
            {confirm === "delete" ? (
              <Button variant="danger" loading={remove.isPending} onClick={() => remove.mutate()}>
                Delete endpoint
              </Button>
            ) : (
              <Button
                variant="danger"
                loading={setEnabled.isPending}
                onClick={() =>
                  setEnabled.mutate({ endpointId: endpoint.endpoint_id, enabled: false }, { onSuccess: () => setConfirm(null) })
                }
              >
                Disable endpoint
              </Button>
            )}
          </>
        }
      >
        {failure ? <Alert tone="error">{toDashboardError(failure).message}</Alert> : null}
      </Dialog>
    </>
  );
}
