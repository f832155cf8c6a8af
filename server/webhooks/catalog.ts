// The webhook event catalog, defined once: each event type's `data` schema (zod, rendered to JSON
// Schema for GET /api/v1/webhooks/events, the dashboard catalog and the OpenAPI document), its
// api_version and an example. emitEvent() validates every payload against it, and a contract test
// (catalog.test.ts) locks each (event_type, api_version) shape: removing or renaming a field fails
// it; a breaking change must bump the event's api_version.
// This file imports nothing server-only.
import { z } from "zod";
import { INVOICE_STATUSES } from "../orders/invoice-statuses";

/** The api_version of every event's first shape (seed 001's example). */
export const INITIAL_API_VERSION = "2026-05-29";

const Timestamp = z.string().meta({ description: "ISO 8601, UTC", example: "2026-11-26T17:00:00.000Z" });
const ListingNumber = z.string().meta({ description: "The listing's number", example: "K7Q4MX" });
const ListingStatus = z.enum(["Coming Soon", "Active", "Sold", "Off Market", "Cancelled"]);
const InvoiceStatus = z.enum(INVOICE_STATUSES);

const ListingSummary = z.object({
  listing_number: ListingNumber,
  status: ListingStatus,
  address: z.string(),
  property_url: z.string(),
  owner_user_id: z.string(),
  agent_one_id: z.string(),
  agent_two_id: z.string().nullable(),
  package: z.string().nullable(),
  created_at: Timestamp,
});

const MediaItem = z.object({
  media_id: z.string(),
  kind: z.enum(["photo", "video", "document", "floor_plan"]),
  filename: z.string(),
  content_type: z.string(),
  size_bytes: z.number().int(),
  sha256: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  url: z.string(),
});

const Shoot = z.object({
  shoot_id: z.string(),
  listing_number: ListingNumber,
  status: z.enum(["scheduled", "completed", "cancelled"]),
  starts_at: Timestamp,
  ends_at: Timestamp,
  photographer_id: z.string().nullable(),
  package: z.string().nullable(),
});

const LineItem = z.object({
  description: z.string(),
  package: z.string().nullable(),
  quantity: z.number().int(),
  unit_price_cents: z.number().int(),
  total_cents: z.number().int(),
});

interface EventDefinition<T extends z.ZodType = z.ZodType> {
  apiVersion: string;
  description: string;
  data: T;
  example: z.infer<T>;
}

const define = <T extends z.ZodType>(definition: EventDefinition<T>) => definition;

const exampleListing = {
  listing_number: "K7Q4MX",
  status: "Coming Soon" as const,
  address: "123 Main St, Portland, OR 97201",
  property_url: "https://valara.cloud/property/K7Q4MX",
  owner_user_id: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EF",
  agent_one_id: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EG",
  agent_two_id: null,
  package: "essentials",
  created_at: "2026-11-26T17:00:00.000Z",
};
const exampleShoot = {
  shoot_id: "shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EH",
  listing_number: "K7Q4MX",
  status: "scheduled" as const,
  starts_at: "2026-12-01T17:00:00.000Z",
  ends_at: "2026-12-01T18:30:00.000Z",
  photographer_id: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EJ",
  package: "essentials",
};

export const EVENT_CATALOG = {
  "listing.created": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A listing was created (status Coming Soon).",
    data: ListingSummary,
    example: exampleListing,
  }),
  "listing.status_changed": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A listing moved along its lifecycle (PATCH /listings/{n}/status).",
    data: z.object({ listing_number: ListingNumber, previous_status: ListingStatus, status: ListingStatus, changed_at: Timestamp }),
    example: { listing_number: "K7Q4MX", previous_status: "Coming Soon", status: "Active", changed_at: "2026-11-27T09:00:00.000Z" },
  }),
  "listing.cancelled": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A listing was cancelled, with its scheduled shoots and unpaid invoices.",
    data: z.object({
      listing_number: ListingNumber,
      previous_status: ListingStatus,
      cancelled_at: Timestamp,
      cancelled_shoot_ids: z.array(z.string()),
      cancelled_invoice_ids: z.array(z.string()),
    }),
    example: {
      listing_number: "K7Q4MX",
      previous_status: "Active",
      cancelled_at: "2026-11-28T10:00:00.000Z",
      cancelled_shoot_ids: ["shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EH"],
      cancelled_invoice_ids: ["inv_01JD3Q6W4ZKXY3T5V7B9C1D2EK"],
    },
  }),
  "listing.section_updated": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A listing's Matterport tour or floor plan was set or cleared.",
    data: z.object({
      listing_number: ListingNumber,
      section: z.enum(["matterport", "floorplan"]),
      url: z.string().nullable().meta({ description: "The section's URL; null when cleared" }),
      model_id: z.string().nullable().meta({ description: "The Matterport model id (matterport only)" }),
      updated_at: Timestamp,
    }),
    example: {
      listing_number: "K7Q4MX",
      section: "matterport",
      url: "https://my.matterport.com/show/?m=SxQL3iGyoDo",
      model_id: "SxQL3iGyoDo",
      updated_at: "2026-11-27T12:00:00.000Z",
    },
  }),
  "media.uploaded": define({
    apiVersion: INITIAL_API_VERSION,
    description: "Files were uploaded to a listing (one event per upload request).",
    data: z.object({ listing_number: ListingNumber, media: z.array(MediaItem), uploaded_via: z.enum(["api_key", "session", "upload_ticket"]) }),
    example: {
      listing_number: "K7Q4MX",
      uploaded_via: "upload_ticket",
      media: [
        {
          media_id: "media_01JD3Q6W4ZKXY3T5V7B9C1D2EM",
          kind: "photo",
          filename: "living-room.jpg",
          content_type: "image/jpeg",
          size_bytes: 2_483_911,
          sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          width: 6000,
          height: 4000,
          url: "https://valara.cloud/api/v1/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EM",
        },
      ],
    },
  }),
  "media.delivery.completed": define({
    apiVersion: INITIAL_API_VERSION,
    description: "The agency marked a listing's media as delivered to the client.",
    data: z.object({
      listing_number: ListingNumber,
      delivered_at: Timestamp,
      property_url: z.string(),
      media_counts: z.object({ photos: z.number().int(), videos: z.number().int(), documents: z.number().int(), floor_plans: z.number().int() }),
      // Added: the client's gallery link made by this delivery (the only place it is sent).
      gallery_url: z.string(),
      // Added: the delivery's id, which media.downloads_unlocked names (it cannot repeat the link:
      // only the link's hash is stored).
      delivery_id: z.string().meta({ description: "The delivery this gallery link belongs to (media.downloads_unlocked names it)" }),
    }),
    example: {
      listing_number: "K7Q4MX",
      delivered_at: "2026-12-02T16:00:00.000Z",
      property_url: "https://valara.cloud/property/K7Q4MX",
      media_counts: { photos: 38, videos: 1, documents: 0, floor_plans: 1 },
      gallery_url: "https://valara.cloud/d/3q2-7wZ0bQm8yTn1vXc4sLk9pRa6dFh2jEu5oGi0NwY",
      delivery_id: "dlv_01JD3Q6W4ZKXY3T5V7B9C1D2EV",
    },
  }),
  "media.downloads_unlocked": define({
    apiVersion: INITIAL_API_VERSION,
    description:
      "A listing's gallery downloads were unlocked: its agency requires payment before downloads (pay to download), and Square reported the invoice that settled the listing paid. Sent once, on the change from locked to unlocked, in the same transaction as the invoice's new state.",
    data: z.object({
      listing_number: ListingNumber,
      invoice_id: z.string().meta({ description: "The invoice whose payment unlocked the downloads" }),
      delivery_ids: z.array(z.string()).meta({ description: "The listing's live deliveries (not revoked or expired), oldest first: match them to gallery_url with media.delivery.completed's delivery_id" }),
      unlocked_at: Timestamp,
    }),
    example: {
      listing_number: "K7Q4MX",
      invoice_id: "inv_01JD3Q6W4ZKXY3T5V7B9C1D2EK",
      delivery_ids: ["dlv_01JD3Q6W4ZKXY3T5V7B9C1D2EV"],
      unlocked_at: "2026-12-03T08:00:05.000Z",
    },
  }),
  "shoot.scheduled": define({ apiVersion: INITIAL_API_VERSION, description: "A shoot was booked for a listing.", data: Shoot, example: exampleShoot }),
  "shoot.rescheduled": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A shoot moved to another time (or photographer).",
    data: Shoot.extend({ previous_starts_at: Timestamp, previous_ends_at: Timestamp, previous_photographer_id: z.string().nullable() }),
    example: {
      ...exampleShoot,
      previous_starts_at: "2026-11-30T17:00:00.000Z",
      previous_ends_at: "2026-11-30T18:30:00.000Z",
      previous_photographer_id: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EJ",
    },
  }),
  "shoot.cancelled": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A shoot was cancelled (on its own, or with its listing).",
    data: Shoot.extend({ cancelled_at: Timestamp }),
    example: { ...exampleShoot, status: "cancelled", cancelled_at: "2026-11-28T10:00:00.000Z" },
  }),
  "shoot.completed": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A shoot took place and was marked complete.",
    data: Shoot.extend({ completed_at: Timestamp }),
    example: { ...exampleShoot, status: "completed", completed_at: "2026-12-01T18:40:00.000Z" },
  }),
  "order.created": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An order was created for a listing (a listing created with a package starts with one).",
    data: z.object({
      order_id: z.string(),
      listing_number: ListingNumber,
      currency: z.string(),
      subtotal_cents: z.number().int(),
      total_cents: z.number().int(),
      line_items: z.array(LineItem),
      invoice_status: InvoiceStatus.nullable(),
    }),
    example: {
      order_id: "order_01JD3Q6W4ZKXY3T5V7B9C1D2EN",
      listing_number: "K7Q4MX",
      currency: "USD",
      subtotal_cents: 24_900,
      total_cents: 24_900,
      line_items: [{ description: "Essentials Photo", package: "essentials", quantity: 1, unit_price_cents: 24_900, total_cents: 24_900 }],
      invoice_status: "DRAFT",
    },
  }),
  "invoice.status_changed": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An invoice's state changed (from Square, or by cancelling its listing).",
    data: z.object({
      invoice_id: z.string(),
      order_id: z.string(),
      listing_number: ListingNumber,
      previous_status: InvoiceStatus,
      status: InvoiceStatus,
      amount_cents: z.number().int(),
      currency: z.string(),
      square_invoice_id: z.string().nullable(),
      public_url: z.string().nullable(),
    }),
    example: {
      invoice_id: "inv_01JD3Q6W4ZKXY3T5V7B9C1D2EK",
      order_id: "order_01JD3Q6W4ZKXY3T5V7B9C1D2EN",
      listing_number: "K7Q4MX",
      previous_status: "DRAFT",
      status: "UNPAID",
      amount_cents: 24_900,
      currency: "USD",
      square_invoice_id: "inv:0-ChCHu2mZEabLeeHahQnXDjZQECY",
      public_url: "https://squareup.com/pay-invoice/inv:0-ChCHu2mZEabLeeHahQnXDjZQECY",
    },
  }),
  "invoice.paid": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An invoice was paid in full (it is also an invoice.status_changed to PAID).",
    data: z.object({
      invoice_id: z.string(),
      order_id: z.string(),
      listing_number: ListingNumber,
      amount_cents: z.number().int(),
      currency: z.string(),
      square_invoice_id: z.string().nullable(),
      paid_at: Timestamp,
    }),
    example: {
      invoice_id: "inv_01JD3Q6W4ZKXY3T5V7B9C1D2EK",
      order_id: "order_01JD3Q6W4ZKXY3T5V7B9C1D2EN",
      listing_number: "K7Q4MX",
      amount_cents: 24_900,
      currency: "USD",
      square_invoice_id: "inv:0-ChCHu2mZEabLeeHahQnXDjZQECY",
      paid_at: "2026-12-03T08:00:00.000Z",
    },
  }),
  "user.created": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A user joined the agency.",
    data: z.object({
      user_id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(["owner", "team_member", "agent", "assistant", "viewer"]),
      team: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
    example: { user_id: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EP", name: "Avery Agent", email: "avery@northlight.example", role: "agent", team: null },
  }),
  "user.deactivated": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A user was deactivated: they can no longer sign in, and their sessions stop working.",
    data: z.object({
      user_id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(["owner", "team_member", "agent", "assistant", "viewer"]),
      deactivated_at: Timestamp,
    }),
    example: { user_id: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EP", name: "Avery Agent", email: "avery@northlight.example", role: "agent", deactivated_at: "2026-12-03T08:00:00.000Z" },
  }),
  "api_key.created": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An API key was minted for the agency (never carries the key itself).",
    data: z.object({
      api_key_id: z.string(),
      name: z.string(),
      display_prefix: z.string(),
      scopes: z.array(z.string()),
      created_via: z.enum(["dashboard", "cli"]),
      minted_on_behalf: z.boolean(),
      expires_at: Timestamp.nullable(),
    }),
    example: {
      api_key_id: "key_01JD3Q6W4ZKXY3T5V7B9C1D2EQ",
      name: "CRM sync",
      display_prefix: "ma_live_ak_01JD3Q6W…",
      scopes: ["listings:read", "users:read"],
      created_via: "dashboard",
      minted_on_behalf: false,
      expires_at: null,
    },
  }),
  "api_key.revoked": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An API key was revoked; requests with it now get 401.",
    data: z.object({ api_key_id: z.string(), name: z.string(), display_prefix: z.string(), revoked_at: Timestamp }),
    example: { api_key_id: "key_01JD3Q6W4ZKXY3T5V7B9C1D2EQ", name: "CRM sync", display_prefix: "ma_live_ak_01JD3Q6W…", revoked_at: "2026-12-10T11:00:00.000Z" },
  }),
  "api_key.disabled": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An API key was switched off; requests with it get 401 api_key_disabled until it is enabled again.",
    data: z.object({ api_key_id: z.string(), name: z.string(), display_prefix: z.string(), disabled_at: Timestamp }),
    example: { api_key_id: "key_01JD3Q6W4ZKXY3T5V7B9C1D2EQ", name: "CRM sync", display_prefix: "ma_live_ak_01JD3Q6W…", disabled_at: "2026-12-10T11:00:00.000Z" },
  }),
  "api_key.enabled": define({
    apiVersion: INITIAL_API_VERSION,
    description: "A disabled API key was switched on again; it works as before.",
    data: z.object({ api_key_id: z.string(), name: z.string(), display_prefix: z.string(), enabled_at: Timestamp }),
    example: { api_key_id: "key_01JD3Q6W4ZKXY3T5V7B9C1D2EQ", name: "CRM sync", display_prefix: "ma_live_ak_01JD3Q6W…", enabled_at: "2026-12-10T12:00:00.000Z" },
  }),
  "api_key.rotated": define({
    apiVersion: INITIAL_API_VERSION,
    description: "An API key was rotated: a new key replaces it, and the previous one keeps working until previous_stops_at.",
    data: z.object({
      api_key_id: z.string(),
      name: z.string(),
      display_prefix: z.string(),
      scopes: z.array(z.string()),
      previous_api_key_id: z.string(),
      previous_display_prefix: z.string(),
      previous_stops_at: Timestamp,
    }),
    example: {
      api_key_id: "key_01JD3Q6W4ZKXY3T5V7B9C1D2ES",
      name: "CRM sync",
      display_prefix: "ma_live_ak_01JD3Q7A…",
      scopes: ["listings:read"],
      previous_api_key_id: "key_01JD3Q6W4ZKXY3T5V7B9C1D2EQ",
      previous_display_prefix: "ma_live_ak_01JD3Q6W…",
      previous_stops_at: "2026-12-17T11:00:00.000Z",
    },
  }),
  "webhook_endpoint.disabled": define({
    apiVersion: INITIAL_API_VERSION,
    description:
      "One of the agency's webhook endpoints was disabled: it answered 410 Gone, or failed every delivery for 5 days. Sent to the agency's other endpoints that subscribe to it.",
    data: z.object({
      endpoint_id: z.string(),
      url: z.string(),
      reason: z.enum(["gone", "failing"]),
      disabled_at: Timestamp,
      failing_since: Timestamp.nullable(),
    }),
    example: {
      endpoint_id: "we_01JD3Q6W4ZKXY3T5V7B9C1D2ER",
      url: "https://hooks.example.com/valara",
      reason: "failing",
      disabled_at: "2026-12-09T00:00:00.000Z",
      failing_since: "2026-12-04T00:00:00.000Z",
    },
  }),
} satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]["data"]>;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as [EventType, ...EventType[]];
export const EventTypeSchema = z.enum(EVENT_TYPES);

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_CATALOG, value);

/** The catalog as the API and the dashboard show it: JSON Schema of each event's data. */
export function describeCatalog() {
  return EVENT_TYPES.map((type) => {
    const definition = EVENT_CATALOG[type];
    return {
      event_type: type,
      api_version: definition.apiVersion,
      description: definition.description,
      schema: z.toJSONSchema(definition.data, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>,
      example: definition.example as Record<string, unknown>,
    };
  });
}
