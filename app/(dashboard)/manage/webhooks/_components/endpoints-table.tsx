"use client";
import Link from "next/link";
import { EVENT_TYPES } from "@/server/webhooks/catalog";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format";
import { EndpointStatusBadge, StatusDetail, endpointState, type Endpoint } from "./endpoint-status";

const SHOWN_TYPES = 4;

export function EndpointsTable({
  endpoints,
  onReenable,
  reenablingId,
}: {
  endpoints: Endpoint[];
  onReenable?: (endpoint: Endpoint) => void;
  reenablingId?: string;
}) {
  return (
    <Table>
      <THead>
        <tr>
          <TH>Endpoint</TH>
          <TH>Event types</TH>
          <TH>Status</TH>
          <TH>Created</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {endpoints.map((endpoint) => {
          const state = endpointState(endpoint);
          const tint = state === "gone" || state === "failed_too_long" ? "bg-red-50/60" : state === "failing" ? "bg-amber-50/50" : undefined;
          return (
            <TR key={endpoint.endpoint_id} className={tint}>
              <TD className="max-w-md">
                <Link
                  href={`/manage/webhooks/${endpoint.endpoint_id}`}
                  className="break-all font-mono text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {endpoint.url}
                </Link>
                {endpoint.description && <p className="mt-0.5 text-sm text-slate-500">{endpoint.description}</p>}
              </TD>
              <TD>
                <EventTypes types={endpoint.event_types} />
              </TD>
              <TD>
                <EndpointStatusBadge endpoint={endpoint} />
                <StatusDetail endpoint={endpoint} />
              </TD>
              <TD className="whitespace-nowrap">
                <time dateTime={endpoint.created_at} title={formatDateTime(endpoint.created_at)}>
                  {formatDate(endpoint.created_at)}
                </time>
              </TD>
              <TD className="text-right">
                <div className="flex justify-end gap-2">
                  {!endpoint.enabled && onReenable && (
                    <Button
                      variant="secondary"
                      size="sm"
                      loading={reenablingId === endpoint.endpoint_id}
                      onClick={() => onReenable(endpoint)}
                      aria-label={`Re-enable ${endpoint.url}`}
                    >
                      Re-enable
                    </Button>
                  )}
                  <ButtonLink href={`/manage/webhooks/${endpoint.endpoint_id}`} variant="secondary" size="sm" aria-label={`Details of ${endpoint.url}`}>
                    Details
                  </ButtonLink>
                </div>
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}

export function EventTypes({ types }: { types: readonly string[] }) {
  if (EVENT_TYPES.every((type) => types.includes(type))) return <Badge tone="brand">All event types</Badge>;
  const shown = types.slice(0, SHOWN_TYPES);
  return (
    <ul className="flex max-w-sm flex-wrap gap-1" aria-label="Event types">
      {shown.map((type) => (
        <li key={type}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{type}</code>
        </li>
      ))}
      {types.length > shown.length && (
        <li className="text-xs text-slate-500" title={types.slice(SHOWN_TYPES).join(", ")}>
          +{types.length - shown.length} more
        </li>
      )}
    </ul>
  );
}
