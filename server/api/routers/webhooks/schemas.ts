// Webhook endpoints and the event catalog, as the API and the dashboard see them. Imports nothing
// server-only.
import { z } from "zod";
import { EVENT_TYPES } from "../../../webhooks/catalog";
import { PageQuerySchema, pageOf } from "../shared-schemas";

const EndpointId = z.string().regex(/^we_[0-9A-Z]{26}$/, "must be a webhook endpoint id (we_<ULID>)");
const DeliveryId = z.string().regex(/^whd_[0-9A-Z]{26}$/, "must be a delivery id (whd_<ULID>)");
const EventTypes = z
  .array(z.enum(EVENT_TYPES))
  .min(1, "subscribe to at least one event type")
  .max(EVENT_TYPES.length)
  .meta({ description: "Event types to receive (GET /webhooks/events lists them)" });

export const CreateEndpointInput = z.strictObject({
  url: z.string().trim().max(2048).meta({ description: "HTTPS URL that receives POSTed events", example: "https://hooks.example.com/valara" }),
  event_types: EventTypes,
  description: z.string().trim().max(500).nullish(),
});
export type CreateEndpointInput = z.infer<typeof CreateEndpointInput>;

export const EndpointIdInput = z.object({ endpoint_id: EndpointId });

export const UpdateEndpointInput = z.strictObject({
  endpoint_id: EndpointId,
  url: z.string().trim().max(2048).optional(),
  event_types: EventTypes.optional(),
  description: z.string().trim().max(500).nullish(),
  enabled: z
    .boolean()
    .optional()
    .meta({
      description:
        "false disables the endpoint: it receives nothing while disabled. Deliveries already queued for it are given up (failed in its log), and events that happen while it is disabled are not queued for it and are not sent later. true re-enables it (also after Valara disabled it); to recover a given-up delivery, redeliver it from the log once re-enabled.",
    }),
});
export type UpdateEndpointInput = z.infer<typeof UpdateEndpointInput>;

export const ListDeliveriesInput = PageQuerySchema.extend({ endpoint_id: EndpointId });
export const DeliveryIdInput = z.object({ delivery_id: DeliveryId });
export const SendTestInput = z.strictObject({
  endpoint_id: EndpointId,
  event_type: z.enum(EVENT_TYPES).optional().meta({ description: "Which event's example to send (default: the endpoint's first)" }),
});

const Timestamp = z.string();

export const EndpointSchema = z
  .object({
    endpoint_id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    event_types: z.array(z.string()),
    enabled: z.boolean(),
    disabled_reason: z.enum(["disabled_by_user", "gone", "failing"]).nullable(),
    disabled_at: Timestamp.nullable(),
    failing_since: Timestamp.nullable(),
    secret_rotation_ends_at: Timestamp.nullable().meta({ description: "Until then the previous secret also signs deliveries" }),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: "WebhookEndpoint" });
export type EndpointDto = z.infer<typeof EndpointSchema>;

export const EndpointWithSecretSchema = EndpointSchema.extend({
  secret: z.string().meta({ description: "The signing secret (whsec_...). Shown only in this response." }),
}).meta({ id: "WebhookEndpointWithSecret" });

export const AttemptSchema = z.object({
  attempt_number: z.number().int(),
  started_at: Timestamp,
  duration_ms: z.number().int(),
  status_code: z.number().int().nullable(),
  error: z.string().nullable(),
  response_excerpt: z.string().nullable(),
});

export const DeliverySchema = z
  .object({
    delivery_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    test: z.boolean().meta({ description: "A test event (the catalog's example data), delivered with X-Valara-Test: true" }),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempt_count: z.number().int(),
    next_attempt_at: Timestamp.nullable(),
    created_at: Timestamp,
    completed_at: Timestamp.nullable(),
    attempts: z.array(AttemptSchema),
  })
  .meta({ id: "WebhookDelivery" });
export type DeliveryDto = z.infer<typeof DeliverySchema>;

export const EventTypeSchemaOut = z
  .object({
    event_type: z.string(),
    api_version: z.string(),
    description: z.string(),
    schema: z.record(z.string(), z.unknown()).meta({ description: "JSON Schema (2020-12) of the event's data" }),
    example: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "WebhookEventType" });

export const EndpointPageSchema = pageOf(EndpointSchema, "WebhookEndpointPage");
export const DeliveryPageSchema = pageOf(DeliverySchema, "WebhookDeliveryPage");
export const EventTypePageSchema = pageOf(EventTypeSchemaOut, "WebhookEventTypePage");
export const QueuedSchema = z.object({ delivery_id: z.string(), event_id: z.string(), status: z.literal("pending") });
