"use client";
import { useState } from "react";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { trpc, toDashboardError } from "@/lib/trpc";
import { EndpointNotice, EndpointStatusBadge, When } from "../../_components/endpoint-status";
import { SecretDialog, type ShownSecret } from "../../_components/secret-dialog";
import { useSetEnabled, webhookKeys } from "../../_components/queries";
import { DeliveryLog } from "./delivery-log";
import { EndpointSettings } from "./endpoint-settings";
import { RotateSecret } from "./rotate-secret";
import { SendTest } from "./send-test";

export function EndpointDetail({ agency, endpointId, canWrite }: { agency: { id: string; name: string }; endpointId: string; canWrite: boolean }) {
  const endpoint = useQuery({
    queryKey: webhookKeys.endpoint(agency.id, endpointId),
    queryFn: () => trpc.webhooks.get.query({ endpoint_id: endpointId }),
    // Valara may disable the endpoint (410, 5 days of failures) while the page is open.
    refetchInterval: 30_000,
  });
  const setEnabled = useSetEnabled();
  const [shown, setShown] = useState<ShownSecret | null>(null);

  const back = (
    <Link href="/manage/webhooks" className="inline-flex items-center gap-1 text-sm font-medium text-slate-500 hover:text-slate-800">
      <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
        <path fillRule="evenodd" d="M12.8 4.2a.75.75 0 0 1 0 1.06L8.06 10l4.74 4.74a.75.75 0 1 1-1.06 1.06l-5.27-5.27a.75.75 0 0 1 0-1.06l5.27-5.27a.75.75 0 0 1 1.06 0Z" clipRule="evenodd" />
      </svg>
      All endpoints
    </Link>
  );

  if (endpoint.isPending) {
    return (
      <>
        <div className="mb-4">{back}</div>
        <div role="status" aria-label="Loading endpoint" className="space-y-3">
          <div className="h-8 w-2/3 animate-pulse rounded bg-slate-200" />
          <div className="h-40 animate-pulse rounded-xl bg-slate-100" />
        </div>
      </>
    );
  }
  if (endpoint.isError) {
    const problem = toDashboardError(endpoint.error);
    const missing = problem.code === "webhook_endpoint_not_found" || problem.code === "validation_failed";
    return (
      <>
        <div className="mb-4">{back}</div>
        <Card>
          {missing ? (
            <EmptyState
              title="No such webhook endpoint"
              action={
                <ButtonLink href="/manage/webhooks" variant="secondary" size="sm">
                  See all endpoints
                </ButtonLink>
              }
            >
              {agency.name} has no endpoint with this address. It may have been deleted.
            </EmptyState>
          ) : (
            <div className="p-5">
              <Alert tone="error" title="The endpoint could not be loaded">
                {problem.message}
              </Alert>
            </div>
          )}
        </Card>
      </>
    );
  }

  const data = endpoint.data;
  return (
    <>
      <div className="mb-4">{back}</div>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="break-all font-mono text-xl">{data.url}</span>
            <EndpointStatusBadge endpoint={data} />
          </span>
        }
        description={
          <>
            {data.description ? <>{data.description} · </> : null}
            {data.event_types.length} event {data.event_types.length === 1 ? "type" : "types"} · added <When iso={data.created_at} /> ·{" "}
            <code className="font-mono text-xs">{data.endpoint_id}</code>
          </>
        }
      />

      <div className="space-y-6">
        <EndpointNotice
          endpoint={data}
          onReenable={canWrite ? () => setEnabled.mutate({ endpointId: data.endpoint_id, enabled: true }) : undefined}
          reenabling={setEnabled.isPending}
        />
        {setEnabled.isError && <Alert tone="error">{toDashboardError(setEnabled.error).message}</Alert>}
        {data.secret_rotation_ends_at && (
          <Alert tone="info" title="Secret rotation in progress">
            Deliveries are signed with both the new and the previous secret until <When iso={data.secret_rotation_ends_at} />; after that,
            only with the new one.
          </Alert>
        )}

        {canWrite && (
          <div className="grid gap-6 lg:grid-cols-2">
            <SendTest endpoint={data} />
            <RotateSecret endpoint={data} onRotated={setShown} />
          </div>
        )}

        <DeliveryLog agencyId={agency.id} endpoint={data} canWrite={canWrite} />

        <EndpointSettings endpoint={data} canWrite={canWrite} />
      </div>

      <SecretDialog shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
