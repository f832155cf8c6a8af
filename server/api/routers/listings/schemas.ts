// Request and response shapes of the listings endpoints, written once for the procedures, the
// OpenAPI document and the dashboard's forms. Imports nothing server-only.
import { z } from "zod";
import { SETTABLE_STATUS_LABELS, STATUS_LABEL_VALUES, statusFromLabel, type ListingStatus } from "../../../listings/lifecycle";
import { PageQuerySchema, pageOf } from "../shared-schemas";
import { INVOICE_STATUSES } from "../../../orders/invoice-statuses";
import { ListingMediaSchema } from "../media/schemas";
import { ACTOR_KINDS } from "../../../webhooks/actor";

export const ListingNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{6,8}$/, "must be a listing number (6-8 letters and digits)")
  .toUpperCase()
  .meta({ description: "The listing's 6-8 character number (case-insensitive)", example: "K7Q4MX" });

const UserIdSchema = z.string().trim().regex(/^user_[0-9A-Za-z]{26}$/, "must be a user id (user_<ULID>)");

export const CreateListingInput = z.strictObject({
  address: z.string().trim().min(1).max(500).meta({ example: "123 Main St, Portland, OR 97201" }),
  owner_user_id: UserIdSchema.meta({ description: "The user who owns the listing; must belong to your agency" }),
  agent_one_id: UserIdSchema.meta({ description: "The listing's first agent (an owner, team member or agent of your agency)" }),
  agent_two_id: UserIdSchema.nullish().meta({ description: "An optional second agent" }),
  // Codes are lower-case (packages are created so); booking and availability lower-case them too.
  package: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(64)
    .nullish()
    .meta({ description: "Code of one of your agency's packages; creates the listing's first order with a draft invoice" }),
  add_ons: z
    .array(z.string().trim().toLowerCase().min(1).max(64))
    .max(20)
    .nullish()
    .meta({
      description: "Codes of your agency's add-ons (e.g. twilight, drone): one line each on the first order, after the package. Needs `package`.",
      example: ["twilight", "drone"],
    }),
  notes: z.string().max(5000).nullish(),
}).superRefine((input, ctx) => {
  const addOns = input.add_ons ?? [];
  // An add-on is extra work on top of a package's shoot; alone it books nothing.
  if (addOns.length > 0 && !input.package) ctx.addIssue({ code: "custom", path: ["add_ons"], message: "add-ons come on top of a package: send `package` too" });
  const repeated = addOns.find((code, index) => addOns.indexOf(code) !== index);
  if (repeated) ctx.addIssue({ code: "custom", path: ["add_ons"], message: `lists ${repeated} twice; each add-on is ordered once` });
});
export type CreateListingInput = z.infer<typeof CreateListingInput>;

/** Statuses as the contract spells them ("Coming Soon"); snake_case ("coming_soon") is accepted too. */
const StatusFilterSchema = z
  .string()
  .transform((value, ctx): ListingStatus => {
    const status = statusFromLabel(value);
    if (!status) {
      ctx.addIssue({ code: "custom", message: `must be one of: ${STATUS_LABEL_VALUES.join(", ")}` });
      return z.NEVER;
    }
    return status;
  })
  .meta({ description: `One of: ${STATUS_LABEL_VALUES.join(", ")}`, example: "Active" });

export const LISTING_SORTS = ["created", "updated", "address"] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];
export const SORT_ORDERS = ["asc", "desc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const ListListingsInput = PageQuerySchema.extend({
  status: StatusFilterSchema.optional(),
  agent_id: UserIdSchema.optional().meta({ description: "Listings where this user is agent one or agent two" }),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .meta({ description: "Search: listings whose address contains this text (any case) or whose listing number contains it", example: "Main St" }),
  sort: z
    .enum(LISTING_SORTS)
    .optional()
    .meta({ description: "Order by creation (default), last update, or address; ties are broken by id, so paging is exact" }),
  order: z
    .enum(SORT_ORDERS)
    .optional()
    .meta({ description: "asc or desc; the default is desc (newest first) for created and updated, asc (A-Z) for address. A cursor belongs to one sort and order." }),
});
export type ListListingsInput = z.infer<typeof ListListingsInput>;

export const ListingNumberInput = z.object({ listing_number: ListingNumberSchema });

export const ListOrdersInput = PageQuerySchema.extend({ listing_number: ListingNumberSchema });

export const UpdateStatusInput = z.strictObject({
  listing_number: ListingNumberSchema,
  status: z.enum(SETTABLE_STATUS_LABELS).meta({ description: "The new status; the lifecycle decides which are allowed" }),
});

export const SECTIONS = ["matterport", "floorplan"] as const;

export const UpdateSectionInput = z.strictObject({
  listing_number: ListingNumberSchema,
  section: z.enum(SECTIONS),
  url: z
    .string()
    .trim()
    .max(2048)
    .nullish()
    .meta({ description: "matterport: a Matterport model URL; floorplan: the floor plan's http(s) URL. null clears the section." }),
  model_id: z
    .string()
    .trim()
    .nullish()
    .meta({ description: "matterport only: the Matterport model id (11 letters and digits), instead of a URL" }),
});
export type UpdateSectionInput = z.infer<typeof UpdateSectionInput>;

// ------------------------------------------------------------------ responses

const Timestamp = z.string().meta({ description: "ISO 8601, UTC", example: "2026-11-26T12:00:00.000Z" });

export const UserRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
});

export const InvoiceStatusSchema = z.enum(INVOICE_STATUSES);

export const ListingSchema = z
  .object({
    listing_number: z.string(),
    status: z.enum(STATUS_LABEL_VALUES),
    allowed_next_statuses: z.array(z.enum(STATUS_LABEL_VALUES)).meta({ description: "Where PATCH /status may move it now" }),
    address: z.string(),
    property_url: z.string().meta({ description: "The canonical public property page", example: "https://valara.cloud/property/K7Q4MX" }),
    notes: z.string().nullable(),
    package: z.string().nullable().meta({ description: "Code of the package the listing was created with" }),
    owner_user_id: z.string(),
    agent_one_id: z.string(),
    agent_two_id: z.string().nullable(),
    assigned_users: z.object({
      owner: UserRefSchema,
      agent_one: UserRefSchema,
      agent_two: UserRefSchema.nullable(),
    }),
    sections: z.object({
      matterport: z.object({ model_id: z.string(), url: z.string(), updated_at: Timestamp }).nullable(),
      floorplan: z.object({ url: z.string(), updated_at: Timestamp }).nullable(),
    }),
    orders: z.array(
      z.object({
        order_id: z.string(),
        total_cents: z.number().int(),
        currency: z.string(),
        invoice_status: InvoiceStatusSchema.nullable(),
      }),
    ),
    shoots: z.array(
      z.object({
        shoot_id: z.string(),
        status: z.enum(["scheduled", "completed", "cancelled"]),
        starts_at: Timestamp,
        ends_at: Timestamp,
        photographer_id: z.string().nullable(),
        package: z.string().nullable().meta({ description: "Code of the package booked (null when an operator scheduled it directly)" }),
        rescheduled_at: Timestamp.nullable(),
        completed_at: Timestamp.nullable().meta({ description: "When the shoot was marked completed" }),
      }),
    ),
    media: ListingMediaSchema,
    created_at: Timestamp,
    updated_at: Timestamp,
    status_changed_at: Timestamp,
    cancelled_at: Timestamp.nullable(),
    media_delivered_at: Timestamp.nullable().meta({ description: "When the agency last marked the media delivered" }),
  })
  .meta({ id: "Listing" });
export type ListingDto = z.infer<typeof ListingSchema>;

/** GET /listings/{listing_number}: the listing and how often its public page was seen. */
export const ListingWithViewsSchema = ListingSchema.extend({
  views_last_30_days: z
    .number()
    .int()
    .meta({
      description:
        "Visits of the public property pages (branded and unbranded) over the last 30 UTC days, today included: one per visitor per day, bots not counted",
      example: 42,
    }),
}).meta({ id: "ListingWithViews" });
export type ListingWithViewsDto = z.infer<typeof ListingWithViewsSchema>;

/** What marking media delivered answers: the listing, plus (additively) the client's gallery link. */
export const DeliveredListingSchema = ListingWithViewsSchema.extend({
  gallery_url: z.string().meta({ description: "The client's gallery link made by this delivery (/d/<token>); shown only here and in media.delivery.completed" }),
  gallery_expires_at: Timestamp.nullable().meta({ description: "When the gallery link stops working, or null for never" }),
  delivery_id: z.string().meta({ description: "The delivery this made (its gallery link can be revoked in the dashboard)", example: "dlv_01JDQ3Z5X0A1B2C3D4E5F6G7H8" }),
});

export const DeliverMediaInput = ListingNumberInput.extend({
  expires_at: z.iso.datetime({ offset: true }).optional().meta({ description: "Optional: when the gallery link stops working (ISO 8601, in the future)" }),
});

/** The dashboard's views chart: one entry per UTC day, oldest first, the last one today. */
export const ListingViewsSchema = z.object({
  days: z.array(z.object({ day: z.string(), views: z.number().int() })),
  total: z.number().int(),
});

export const OrderSchema = z
  .object({
    order_id: z.string(),
    listing_number: z.string(),
    currency: z.string(),
    subtotal_cents: z.number().int(),
    total_cents: z.number().int(),
    line_items: z.array(
      z.object({
        description: z.string(),
        package: z.string().nullable().meta({ description: "Code of the package or add-on this line bills" }),
        kind: z.enum(["package", "add_on"]).nullable().meta({ description: "Whether the line is the package or an add-on" }),
        quantity: z.number().int(),
        unit_price_cents: z.number().int(),
        total_cents: z.number().int(),
      }),
    ),
    invoice: z
      .object({
        invoice_id: z.string(),
        status: InvoiceStatusSchema,
        amount_cents: z.number().int(),
        currency: z.string(),
        square_invoice_id: z.string().nullable(),
        public_url: z.string().nullable().meta({ description: "Square's page where the customer pays, once the invoice is sent" }),
        square_synced_at: Timestamp.nullable().meta({ description: "When Square last told us this invoice's state" }),
        updated_at: Timestamp,
      })
      .nullable(),
    created_at: Timestamp,
  })
  .meta({ id: "Order" });
export type OrderDto = z.infer<typeof OrderSchema>;

export const ListingPageSchema = pageOf(ListingSchema, "ListingPage");
export const OrderPageSchema = pageOf(OrderSchema, "OrderPage");

// ------------------------------------------------------------------ history (dashboard only)

export const ListingHistoryInput = PageQuerySchema.extend({ listing_number: ListingNumberSchema });

export const HistoryEntrySchema = z.object({
  event_id: z.string(),
  type: z.string(),
  occurred_at: Timestamp,
  /** Who caused it; null for events recorded before Valara kept actors. */
  actor: z.object({ kind: z.enum(ACTOR_KINDS), id: z.string().nullable(), display: z.string() }).nullable(),
  /** The event's data, exactly as webhooks carried it. */
  data: z.record(z.string(), z.unknown()),
});
export type HistoryEntryDto = z.infer<typeof HistoryEntrySchema>;
export const HistoryPageSchema = pageOf(HistoryEntrySchema, "ListingHistoryPage");
