"use client";
// "Send test event": one event type's catalog example, to this endpoint only, through the normal
// pipeline (signed, retried, in the delivery log).
import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { EVENT_TYPES, type EventType } from "@/server/webhooks/catalog";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { trpc, toDashboardError } from "@/lib/trpc";
import type { Endpoint } from "../../_components/endpoint-status";
import { invalidateWebhooks } from "../../_components/queries";

export function SendTest({ endpoint }: { endpoint: Endpoint }) {
  const id = useId();
  const queryClient = useQueryClient();
  const subscribed = EVENT_TYPES.filter((type) => endpoint.event_types.includes(type));
  const others = EVENT_TYPES.filter((type) => !endpoint.event_types.includes(type));
  const [type, setType] = useState<EventType>(subscribed[0] ?? EVENT_TYPES[0]);
  const send = useMutation({
    mutationFn: (eventType: EventType) => trpc.webhooks.sendTest.mutate({ endpoint_id: endpoint.endpoint_id, event_type: eventType }),
    onSuccess: () => invalidateWebhooks(queryClient),
  });

  return (
    <Card aria-labelledby={`${id}-title`}>
      <CardHeader
        id={`${id}-title`}
        title="Send a test event"
        description="Sends the catalog's example of an event type to this endpoint only, signed like any delivery, with the header X-Valara-Test: true. It appears in the delivery log below, marked Test."
      />
      <div className="space-y-4 px-5 py-5">
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-0 flex-1">
            <Label htmlFor={`${id}-type`}>Event type</Label>
            <Select
              id={`${id}-type`}
              className="mt-1.5 font-mono"
              value={type}
              onChange={(event) => {
                send.reset();
                setType(event.target.value as EventType);
              }}
            >
              <optgroup label="Subscribed">
                {subscribed.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </optgroup>
              {others.length > 0 && (
                <optgroup label="Not subscribed (sent only as a test)">
                  {others.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </optgroup>
              )}
            </Select>
          </div>
          <Button loading={send.isPending} disabled={!endpoint.enabled} onClick={() => send.mutate(type)}>
            Send test event
          </Button>
        </div>
        {!endpoint.enabled && <p className="text-sm text-slate-500">Enable the endpoint to send it a test event.</p>}
        {send.isSuccess && (
          <Alert tone="success">
            Test <code className="font-mono">{type}</code> queued as <code className="font-mono">{send.data.event_id}</code>.
          </Alert>
        )}
        {send.isError && <Alert tone="error">{toDashboardError(send.error).message}</Alert>}
      </div>
    </Card>
  );
}
