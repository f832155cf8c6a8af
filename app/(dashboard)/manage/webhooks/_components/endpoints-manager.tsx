"use client";
// /manage/webhooks: the agency's endpoints (disabled and failing ones called out at the top),
// and registering a new one, whose signing secret is shown once.
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { trpc, toDashboardError } from "@/lib/trpc";
import { EndpointForm, type EndpointFormValues } from "./endpoint-form";
import { EndpointNotice, endpointState, type Endpoint } from "./endpoint-status";
import { EndpointsTable } from "./endpoints-table";
import { SecretDialog, type ShownSecret } from "./secret-dialog";
import { invalidateWebhooks, useSetEnabled, webhookKeys } from "./queries";

// An agency may have at most 20 endpoints (server/webhooks/endpoints.ts), so one page holds them all.
const PAGE_SIZE = 50;

export function EndpointsManager({ agency, canWrite, deletedUrl }: { agency: { id: string; name: string }; canWrite: boolean; deletedUrl: string | null }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey: webhookKeys.list(agency.id), queryFn: () => trpc.webhooks.list.query({ limit: PAGE_SIZE }) });

  const [formOpen, setFormOpen] = useState(false);
  const [shown, setShown] = useState<ShownSecret | null>(null);
  const [notice, setNotice] = useState<string | null>(deletedUrl ? `The endpoint ${deletedUrl} was deleted, with its delivery log.` : null);

  const create = useMutation({ mutationFn: (values: EndpointFormValues) => trpc.webhooks.create.mutate(values) });
  const setEnabled = useSetEnabled();
  const reenable = (endpoint: Endpoint) =>
    setEnabled.mutate(
      { endpointId: endpoint.endpoint_id, enabled: true },
      { onSuccess: () => setNotice(`${endpoint.url} is enabled again. New events are sent to it from now on.`) },
    );

  const items = endpoints.data?.items ?? [];
  const needsAttention = items.filter((e) => ["gone", "failed_too_long", "failing"].includes(endpointState(e)));

  const dismissNotice = () => {
    setNotice(null);
    if (deletedUrl) router.replace("/manage/webhooks", { scroll: false });
  };

  return (
    <div className="space-y-6">
      {!canWrite && (
        <Alert tone="info" title="You can view webhooks">
          Only {agency.name}&apos;s owner can register, change or delete endpoints.
        </Alert>
      )}
      {notice && (
        <Alert tone="success" actions={<Button variant="ghost" size="sm" onClick={dismissNotice}>Dismiss</Button>}>
          {notice}
        </Alert>
      )}
      {setEnabled.isError && <Alert tone="error" title="The endpoint could not be re-enabled">{toDashboardError(setEnabled.error).message}</Alert>}
      {needsAttention.map((endpoint) => (
        <EndpointNotice
          key={endpoint.endpoint_id}
          endpoint={endpoint}
          showUrl
          onReenable={canWrite ? () => reenable(endpoint) : undefined}
          reenabling={setEnabled.isPending && setEnabled.variables?.endpointId === endpoint.endpoint_id}
        />
      ))}

      {formOpen && (
        <Card aria-labelledby="new-endpoint-title">
          <CardHeader
            id="new-endpoint-title"
            title="Add an endpoint"
            description="Valara will POST the events you choose to this URL, each signed with the endpoint's secret. You will see the secret once, right after it is added."
          />
          <EndpointForm
            label="Add an endpoint"
            submitLabel="Add endpoint"
            onCancel={() => setFormOpen(false)}
            footerNote={<>The endpoint will belong to <span className="font-medium text-slate-900">{agency.name}</span>.</>}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(values);
              setFormOpen(false);
              setNotice(null);
              setShown({ secret: created.secret, url: created.url, rotationEndsAt: null });
              void invalidateWebhooks(queryClient);
            }}
          />
        </Card>
      )}

      <Card aria-labelledby="endpoints-title">
        <CardHeader
          id="endpoints-title"
          title="Endpoints"
          description={`Where ${agency.name}'s events are sent. Open an endpoint for its delivery log, test events and secret.`}
          actions={
            canWrite &&
            !formOpen && (
              <Button onClick={() => setFormOpen(true)}>
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                  <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
                </svg>
                Add endpoint
              </Button>
            )
          }
        />
        {endpoints.isPending ? (
          <div role="status" aria-label="Loading endpoints" className="space-y-3 px-5 py-6">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-5 animate-pulse rounded bg-slate-100" />
            ))}
          </div>
        ) : endpoints.isError ? (
          <div className="p-5">
            <Alert
              tone="error"
              title="Endpoints could not be loaded"
              actions={<Button variant="secondary" size="sm" onClick={() => endpoints.refetch()}>Try again</Button>}
            >
              {toDashboardError(endpoints.error).message}
            </Alert>
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            title="No webhook endpoints yet"
            action={
              canWrite && !formOpen ? (
                <Button variant="secondary" size="sm" onClick={() => setFormOpen(true)}>
                  Add endpoint
                </Button>
              ) : null
            }
          >
            Add an endpoint to have Valara tell your CRM, website or a partner the moment a listing, shoot, order or invoice changes.
          </EmptyState>
        ) : (
          <EndpointsTable
            endpoints={items}
            onReenable={canWrite ? reenable : undefined}
            reenablingId={setEnabled.isPending ? setEnabled.variables?.endpointId : undefined}
          />
        )}
      </Card>

      <SecretDialog shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}
