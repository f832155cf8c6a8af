import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { describeCatalog } from "../../../webhooks/catalog";
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  MAX_ENDPOINTS_PER_AGENCY,
  redeliver,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
  webhookSettings,
} from "../../../webhooks/endpoints";
import {
  CreateEndpointInput,
  DeliveryIdInput,
  DeliveryPageSchema,
  EndpointIdInput,
  EndpointPageSchema,
  EndpointSchema,
  EndpointWithSecretSchema,
  EventTypePageSchema,
  ListDeliveriesInput,
  QueuedSchema,
  SendTestInput,
  UpdateEndpointInput,
} from "./schemas";
import { PageQuerySchema } from "../shared-schemas";
import { z } from "zod";

const TAG = "Webhooks";

// Deeper paths first: REST routing is first match.
export const webhooksRouter = router({
  events: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/webhooks/events",
        scope: "webhooks:read",
        tag: TAG,
        summary: "List the event catalog",
        description: "Every event type you can subscribe to, with its api_version, the JSON Schema of its data and an example.",
      }),
    )
    .input(z.object({}))
    .output(EventTypePageSchema)
    .query(() => {
      const items = describeCatalog();
      return { items, next_cursor: "", total: items.length };
    }),

  rotateSecret: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/webhooks/endpoints/{endpoint_id}/rotate-secret",
        scope: "webhooks:write",
        tag: TAG,
        summary: "Rotate an endpoint's signing secret",
        description: "Returns the new secret once. For 24 hours deliveries carry signatures with both the new and the previous secret.",
        errors: ["webhook_endpoint_not_found"],
      }),
    )
    .input(EndpointIdInput)
    .output(EndpointWithSecretSchema)
    .mutation(({ ctx, input }) => rotateSecret(ctx.scope, input.endpoint_id, webhookSettings())),

  sendTest: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/webhooks/endpoints/{endpoint_id}/test",
        scope: "webhooks:write",
        tag: TAG,
        summary: "Send a test event",
        description:
          "Queues one event type's catalog example for this endpoint only. It is delivered like any event, with a real event_id, plus the header X-Valara-Test: true, and marked test in the delivery log.",
        successStatus: 202,
        errors: ["webhook_endpoint_not_found", "lifecycle_violation"],
      }),
    )
    .input(SendTestInput)
    .output(QueuedSchema)
    .mutation(({ ctx, input }) => sendTestEvent(ctx.scope, input.endpoint_id, input.event_type)),

  deliveries: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/webhooks/endpoints/{endpoint_id}/deliveries",
        scope: "webhooks:read",
        tag: TAG,
        summary: "An endpoint's delivery log",
        description: "Deliveries to this endpoint, newest first, each with every attempt (time, status code, latency, response excerpt).",
        errors: ["webhook_endpoint_not_found", "invalid_cursor"],
      }),
    )
    .input(ListDeliveriesInput)
    .output(DeliveryPageSchema)
    .query(({ ctx, input }) => listDeliveries(ctx.scope, input.endpoint_id, input)),

  create: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/webhooks/endpoints",
        scope: "webhooks:write",
        tag: TAG,
        summary: "Register a webhook endpoint",
        description: `Returns the signing secret (whsec_...) exactly once. An agency may have at most ${MAX_ENDPOINTS_PER_AGENCY} endpoints (enabled or not); registering one more is refused with validation_failed: delete one first.`,
        successStatus: 201,
      }),
    )
    .input(CreateEndpointInput)
    .output(EndpointWithSecretSchema)
    .mutation(({ ctx, input }) => createEndpoint(ctx.scope, input, webhookSettings())),

  list: agencyProcedure
    .meta(rest({ method: "GET", path: "/webhooks/endpoints", scope: "webhooks:read", tag: TAG, summary: "List webhook endpoints", errors: ["invalid_cursor"] }))
    .input(PageQuerySchema)
    .output(EndpointPageSchema)
    .query(({ ctx, input }) => listEndpoints(ctx.scope, input)),

  get: agencyProcedure
    .meta(
      rest({ method: "GET", path: "/webhooks/endpoints/{endpoint_id}", scope: "webhooks:read", tag: TAG, summary: "Get a webhook endpoint", errors: ["webhook_endpoint_not_found"] }),
    )
    .input(EndpointIdInput)
    .output(EndpointSchema)
    .query(({ ctx, input }) => getEndpoint(ctx.scope, input.endpoint_id)),

  update: agencyProcedure
    .meta(
      rest({
        method: "PATCH",
        path: "/webhooks/endpoints/{endpoint_id}",
        scope: "webhooks:write",
        tag: TAG,
        summary: "Change a webhook endpoint",
        description: "url, event_types, description, enabled (true re-enables an endpoint that was disabled).",
        errors: ["webhook_endpoint_not_found"],
      }),
    )
    .input(UpdateEndpointInput)
    .output(EndpointSchema)
    .mutation(({ ctx, input }) => updateEndpoint(ctx.scope, input, webhookSettings())),

  delete: agencyProcedure
    .meta(
      rest({
        method: "DELETE",
        path: "/webhooks/endpoints/{endpoint_id}",
        scope: "webhooks:write",
        tag: TAG,
        summary: "Delete a webhook endpoint",
        description: "Deletes the endpoint and its delivery log; returns what was deleted.",
        errors: ["webhook_endpoint_not_found"],
      }),
    )
    .input(EndpointIdInput)
    .output(EndpointSchema)
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.scope, input.endpoint_id)),

  redeliver: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/webhooks/deliveries/{delivery_id}/redeliver",
        scope: "webhooks:write",
        tag: TAG,
        summary: "Redeliver an event",
        description:
          "Queues the delivery again, whatever its state, due now; earlier attempts stay in the log. If it is being sent at that moment, that send stands: its outcome is recorded, and a failure is retried as usual.",
        successStatus: 202,
        errors: ["webhook_delivery_not_found", "lifecycle_violation"],
      }),
    )
    .input(DeliveryIdInput)
    .output(QueuedSchema)
    .mutation(({ ctx, input }) => redeliver(ctx.scope, input.delivery_id)),
});
