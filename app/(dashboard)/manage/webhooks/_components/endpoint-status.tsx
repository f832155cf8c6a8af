"use client";
// An endpoint's state, everywhere it is shown: active, failing (still enabled, retrying),
// disabled by a user, or disabled by Valara (it answered 410 Gone, or failed for 5 days).
import type { ReactNode } from "react";
import { DISABLE_AFTER_FAILING_MS } from "@/server/webhooks/retry";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc";

export type Endpoint = RouterOutputs["webhooks"]["get"];

export type EndpointState = "active" | "failing" | "disabled_by_user" | "gone" | "failed_too_long";

export function endpointState(endpoint: Pick<Endpoint, "enabled" | "disabled_reason" | "failing_since">): EndpointState {
  if (endpoint.enabled) return endpoint.failing_since ? "failing" : "active";
  if (endpoint.disabled_reason === "gone") return "gone";
  if (endpoint.disabled_reason === "failing") return "failed_too_long";
  return "disabled_by_user";
}

const BADGES: Record<EndpointState, { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  failing: { label: "Failing", tone: "amber" },
  disabled_by_user: { label: "Disabled", tone: "gray" },
  gone: { label: "Disabled: 410 Gone", tone: "red" },
  failed_too_long: { label: "Disabled: failing 5 days", tone: "red" },
};

export function EndpointStatusBadge({ endpoint }: { endpoint: Endpoint }) {
  const { label, tone } = BADGES[endpointState(endpoint)];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

const PRECISE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

/** A point in time in the viewer's time zone; `seconds` where they matter (the delivery log). */
export function When({ iso, seconds }: { iso: string; seconds?: boolean }) {
  return (
    <time dateTime={iso} className="whitespace-nowrap">
      {seconds ? PRECISE.format(new Date(iso)) : formatDateTime(iso)}
    </time>
  );
}

/** One line under the status badge: since when, and why. */
export function StatusDetail({ endpoint }: { endpoint: Endpoint }) {
  const state = endpointState(endpoint);
  const line = (children: ReactNode) => <p className="mt-1 text-xs text-slate-500">{children}</p>;
  if (state === "failing" && endpoint.failing_since) return line(<>failing since <When iso={endpoint.failing_since} /></>);
  if (state === "active" || !endpoint.disabled_at) return null;
  if (state === "disabled_by_user") return line(<>by a user on <When iso={endpoint.disabled_at} /></>);
  return line(<>on <When iso={endpoint.disabled_at} /></>);
}

/**
 * The banner for an endpoint that is not receiving events normally: disabled (red when Valara did
 * it, so nobody misses it) or failing. Nothing for a healthy endpoint.
 */
export function EndpointNotice({
  endpoint,
  onReenable,
  reenabling,
  showUrl,
}: {
  endpoint: Endpoint;
  /** Offered only to those who may change the endpoint. */
  onReenable?: () => void;
  reenabling?: boolean;
  /** On the list, say which endpoint it is. */
  showUrl?: boolean;
}) {
  const state = endpointState(endpoint);
  if (state === "active") return null;
  const which = showUrl ? <code className="break-all font-mono">{endpoint.url}</code> : "This endpoint";
  const reenable = onReenable && (
    <Button variant={state === "disabled_by_user" ? "secondary" : "danger"} size="sm" loading={reenabling} onClick={onReenable}>
      Re-enable
    </Button>
  );
  const notSent = "Events that happen while it is disabled are not sent to it and do not appear in its log.";

  if (state === "failing") {
    const deadline = new Date(new Date(endpoint.failing_since!).getTime() + DISABLE_AFTER_FAILING_MS).toISOString();
    return (
      <Alert tone="warning" title={<>{which} has been failing since <When iso={endpoint.failing_since!} /></>}>
        Its recent deliveries did not get a 2xx answer; Valara keeps retrying them for about three days. If no delivery succeeds by{" "}
        <When iso={deadline} />, the endpoint will be disabled. See the delivery log for the status codes and errors it returned.
      </Alert>
    );
  }
  if (state === "disabled_by_user") {
    return (
      <Alert tone="info" title={<>{which} was disabled by a user on <When iso={endpoint.disabled_at!} /></>} actions={reenable}>
        Nothing is sent to it until it is enabled again. {notSent}
      </Alert>
    );
  }
  return (
    <Alert
      tone="error"
      title={
        state === "gone" ? (
          <>{which} was disabled on <When iso={endpoint.disabled_at!} />: it answered 410 Gone</>
        ) : (
          <>{which} was disabled on <When iso={endpoint.disabled_at!} />: every delivery failed for 5 days</>
        )
      }
      actions={reenable}
    >
      {state === "gone" ? (
        <>A 410 answer says the endpoint no longer exists, so Valara stopped sending to it at once</>
      ) : (
        <>
          Its deliveries had failed since {endpoint.failing_since ? <When iso={endpoint.failing_since} /> : "then"} without one success, so
          Valara stopped sending to it
        </>
      )}{" "}
      and gave up its pending deliveries. {notSent} Fix the receiver, re-enable the endpoint, then redeliver from its log what it needs.
    </Alert>
  );
}
