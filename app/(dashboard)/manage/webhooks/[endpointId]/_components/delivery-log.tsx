"use client";
// The delivery log: every delivery to this endpoint, newest first, paged with the API's cursors,
// each with every attempt. It refreshes itself: every 2 seconds while a delivery on the page is
// pending, otherwise every 10 seconds on the first page (where new deliveries appear).
import { useEffect, useId, useRef, useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import { HorizontalScroll } from "@/components/ui/table";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { When, type Endpoint } from "../../_components/endpoint-status";
import { invalidateWebhooks, webhookKeys } from "../../_components/queries";

type Delivery = RouterOutputs["webhooks"]["deliveries"]["items"][number];
type Attempt = Delivery["attempts"][number];

const PAGE_SIZE = 20;
const PENDING_POLL_MS = 2_000;
const IDLE_POLL_MS = 10_000;

const STATUS: Record<Delivery["status"], { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "blue" },
  succeeded: { label: "Succeeded", tone: "green" },
  failed: { label: "Failed", tone: "red" },
};

export function DeliveryLog({ agencyId, endpoint, canWrite }: { agencyId: string; endpoint: Endpoint; canWrite: boolean }) {
  const id = useId();
  // The cursors that led to the current page; empty on the first page.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const log = useQuery({
    queryKey: [...webhookKeys.deliveries(agencyId, endpoint.endpoint_id), cursor ?? null],
    queryFn: () => trpc.webhooks.deliveries.query({ endpoint_id: endpoint.endpoint_id, limit: PAGE_SIZE, cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((d) => d.status === "pending") ? PENDING_POLL_MS : cursor ? false : IDLE_POLL_MS,
  });

  // An attempt can change the endpoint too (failing since, disabled after a 410): when the log
  // changes, load the endpoint again.
  const queryClient = useQueryClient();
  const seen = useRef(log.data);
  useEffect(() => {
    if (seen.current === log.data) return;
    const firstLoad = seen.current === undefined;
    seen.current = log.data;
    if (!firstLoad) void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoint(agencyId, endpoint.endpoint_id) });
  }, [log.data, queryClient, agencyId, endpoint.endpoint_id]);

  const page = log.data;
  const first = cursors.length * PAGE_SIZE + 1;
  const last = first + (page?.items.length ?? 0) - 1;

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title="Delivery log"
        description="Newest first, with every attempt. A 2xx answer within 15 seconds is a success; failures are retried for about three days."
        actions={
          <>
            {log.isFetching && !log.isPending && (
              <span className="flex items-center gap-1.5 text-xs text-slate-500" role="status">
                <Spinner className="size-3.5" /> Updating…
              </span>
            )}
            <Button variant="secondary" size="sm" onClick={() => log.refetch()}>
              Refresh
            </Button>
          </>
        }
      />
      {log.isPending ? (
        <div role="status" aria-label="Loading deliveries" className="space-y-3 px-5 py-6">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-10 animate-pulse rounded bg-slate-100" />
          ))}
        </div>
      ) : log.isError ? (
        <div className="p-5">
          <Alert
            tone="error"
            title="The delivery log could not be loaded"
            actions={
              cursors.length ? (
                <Button variant="secondary" size="sm" onClick={() => setCursors([])}>
                  Back to the newest
                </Button>
              ) : null
            }
          >
            {toDashboardError(log.error).message}
          </Alert>
        </div>
      ) : page && page.items.length === 0 ? (
        cursors.length ? (
          <EmptyState
            title="No older deliveries"
            action={
              <Button variant="secondary" size="sm" onClick={() => setCursors([])}>
                Back to the newest
              </Button>
            }
          />
        ) : (
          <EmptyState title="No deliveries yet">
            Deliveries appear here as soon as one of the endpoint&apos;s events happens{canWrite ? ", or when you send a test event" : ""}.
          </EmptyState>
        )
      ) : page ? (
        <>
          <ol aria-label="Deliveries" className={cn("divide-y divide-slate-200", log.isPlaceholderData && "opacity-60 transition-opacity")}>
            {page.items.map((delivery) => (
              <DeliveryItem key={delivery.delivery_id} delivery={delivery} endpoint={endpoint} canWrite={canWrite} />
            ))}
          </ol>
          <nav aria-label="Delivery log pages" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-5 py-3">
            <p className="text-sm text-slate-600" aria-live="polite">
              Showing <span className="font-medium text-slate-900">{first}</span>–<span className="font-medium text-slate-900">{last}</span> of{" "}
              <span className="font-medium text-slate-900">{page.total}</span>
            </p>
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                Newer
              </Button>
              <Button variant="secondary" size="sm" disabled={!page.next_cursor} onClick={() => setCursors([...cursors, page.next_cursor])}>
                Older
              </Button>
            </div>
          </nav>
        </>
      ) : null}
    </Card>
  );
}

function DeliveryItem({ delivery, endpoint, canWrite }: { delivery: Delivery; endpoint: Endpoint; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: () => trpc.webhooks.redeliver.mutate({ delivery_id: delivery.delivery_id }),
    onSuccess: () => invalidateWebhooks(queryClient),
  });
  const status = STATUS[delivery.status];
  const lastAttempt = delivery.attempts.at(-1);

  return (
    <li aria-label={`${delivery.event_type} ${delivery.event_id}`} className="px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone={status.tone} dot>
              {status.label}
            </Badge>
            {lastAttempt?.status_code != null && (
              <span className={cn("font-mono text-sm font-medium", statusCodeColour(lastAttempt.status_code))}>{lastAttempt.status_code}</span>
            )}
            <code className="font-mono text-sm font-medium text-slate-900">{delivery.event_type}</code>
            {delivery.test && (
              <Badge tone="violet">Test</Badge>
            )}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            Event <code className="font-mono text-slate-700">{delivery.event_id}</code> · created <When iso={delivery.created_at} seconds />
            {delivery.completed_at && delivery.status !== "pending" && (
              <>
                {" "}
                · {delivery.status === "succeeded" ? "delivered" : "gave up"} <When iso={delivery.completed_at} seconds />
              </>
            )}
            {delivery.status === "pending" && delivery.next_attempt_at && (
              <>
                {" "}
                · {delivery.attempts.length ? "next attempt" : "sending"} <When iso={delivery.next_attempt_at} />
              </>
            )}
          </p>
        </div>
        {canWrite && (
          <div className="flex flex-col items-end gap-1">
            <Button
              variant="secondary"
              size="sm"
              loading={redeliver.isPending}
              disabled={!endpoint.enabled}
              title={endpoint.enabled ? undefined : "Enable the endpoint to redeliver"}
              onClick={() => redeliver.mutate()}
            >
              Redeliver
            </Button>
            {redeliver.isSuccess && <span className="text-xs text-emerald-700">Queued again</span>}
          </div>
        )}
      </div>
      {redeliver.isError && (
        <Alert tone="error" className="mt-3">
          {toDashboardError(redeliver.error).message}
        </Alert>
      )}
      {delivery.attempts.length > 0 ? (
        <Attempts attempts={delivery.attempts} />
      ) : (
        <p className="mt-2 text-sm text-slate-500">Not attempted yet.</p>
      )}
    </li>
  );
}

function statusCodeColour(code: number) {
  if (code >= 200 && code < 300) return "text-emerald-700";
  if (code >= 300 && code < 500) return "text-amber-700";
  return "text-red-700";
}

function Attempts({ attempts }: { attempts: Attempt[] }) {
  return (
    <HorizontalScroll label="Attempts" className="mt-3 rounded-lg border border-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Attempts">
        <thead className="bg-slate-50">
          <tr className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <th scope="col" className="px-3 py-2">#</th>
            <th scope="col" className="px-3 py-2">Sent</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2 text-right">Latency</th>
            <th scope="col" className="w-full px-3 py-2">Response</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {/* Not keyed by attempt_number alone: a worker that stalled past its lease and the one
              that took over both log an attempt with the same number. */}
          {attempts.map((attempt, index) => (
            <tr key={`${attempt.started_at}-${index}`} className="align-top">
              <td className="px-3 py-2 text-slate-500">{attempt.attempt_number}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                <When iso={attempt.started_at} seconds />
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                {attempt.status_code != null ? (
                  <span className={cn("font-mono font-medium", statusCodeColour(attempt.status_code))}>{attempt.status_code}</span>
                ) : (
                  <span className="text-red-700">No answer</span>
                )}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums text-slate-700">{attempt.duration_ms} ms</td>
              <td className="px-3 py-2">
                {attempt.error && <p className="text-red-700">{attempt.error}</p>}
                {attempt.response_excerpt ? (
                  <pre tabIndex={0} className="max-h-24 max-w-2xl overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 px-2 py-1 font-mono text-xs text-slate-700">
                    {attempt.response_excerpt}
                  </pre>
                ) : (
                  !attempt.error && <span className="text-slate-500">Empty body</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </HorizontalScroll>
  );
}
