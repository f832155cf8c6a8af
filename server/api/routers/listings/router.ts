import { z } from "zod";
import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { createListing } from "../../../listings/create-listing";
import { listListings } from "../../../listings/list-listings";
import { loadListing, toListingDto, type ListingRecord } from "../../../listings/load";
import { listListingOrders } from "../../../listings/orders";
import { changeListingStatus } from "../../../listings/change-status";
import { cancelListing } from "../../../listings/cancel-listing";
import { updateListingSection } from "../../../listings/sections";
import { markMediaDelivered } from "../../../listings/media-delivery";
import { revokeDelivery } from "../../../delivery/deliveries";
import type { TenantDb } from "../../../db/tenant";
import { configuredSquare } from "../../../square/config";
import { listingHistory } from "../../../listings/history";
import { listingIdOf, viewsByDay, viewsLast30Days } from "../../../property/views";
import {
  CreateListingInput,
  ListListingsInput,
  ListOrdersInput,
  ListingNumberInput,
  ListingPageSchema,
  ListingHistoryInput,
  HistoryPageSchema,
  ListingViewsSchema,
  ListingWithViewsSchema,
  type ListingWithViewsDto,
  OrderPageSchema,
  UpdateSectionInput,
  UpdateStatusInput,
  DeliverMediaInput,
  DeliveredListingSchema,
} from "./schemas";

/**
 * One listing as every single-listing answer gives it (GET and each change), so that what a
 * change returns equals what a GET right after it returns. Lists leave the views out: counting
 * them for every row would make each page pay for a figure few integrators read.
 */
async function withViews(ctx: { scope: { db: TenantDb }; appUrl: string }, tour: ListingRecord): Promise<ListingWithViewsDto> {
  return { ...toListingDto(tour, ctx.appUrl), views_last_30_days: await viewsLast30Days(ctx.scope.db, tour.id) };
}

// Order matters for REST routing (first match wins): the deeper paths come before
// /listings/{listing_number}.
export const listingsRouter = router({
  create: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings",
        scope: "listings:write",
        tag: "Listings",
        summary: "Create a listing",
        description:
          "Creates a listing in Coming Soon. With `package` (and optional `add_ons`), also its first order (one line for the package, one per add-on) and a draft invoice.",
        successStatus: 201,
        errors: ["invalid_reference"],
      }),
    )
    .input(CreateListingInput)
    .output(ListingWithViewsSchema)
    // A listing created a moment ago has had no visitors: no need to count.
    .mutation(async ({ ctx, input }) => ({ ...toListingDto(await createListing(ctx.scope, input, ctx.appUrl), ctx.appUrl), views_last_30_days: 0 })),

  list: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/listings",
        scope: "listings:read",
        tag: "Listings",
        summary: "List listings",
        description:
          "Your agency's listings, newest first unless `sort`/`order` say otherwise, cursor-paginated. Filter by `status` and `agent_id`; search with `q` (address or listing number contains it, any case). A `next_cursor` is valid only with the same `sort` and `order` (otherwise 400 invalid_cursor); `total` counts every listing matching the filters.",
        errors: ["invalid_cursor"],
      }),
    )
    .input(ListListingsInput)
    .output(ListingPageSchema)
    .query(({ ctx, input }) => listListings(ctx.scope, input, ctx.appUrl)),

  orders: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/listings/{listing_number}/orders",
        scope: "listings:read",
        tag: "Listings",
        summary: "List a listing's orders",
        description: "The listing's orders with their line items and Square invoice state, oldest first.",
        errors: ["listing_not_found", "invalid_cursor"],
      }),
    )
    .input(ListOrdersInput)
    .output(OrderPageSchema)
    .query(({ ctx, input }) => listListingOrders(ctx.scope, input.listing_number, input)),

  updateStatus: agencyProcedure
    .meta(
      rest({
        method: "PATCH",
        path: "/listings/{listing_number}/status",
        scope: "listings:write",
        tag: "Listings",
        summary: "Change a listing's status",
        description:
          "Coming Soon → Active | Off Market; Active → Sold | Off Market; Off Market → Active. Sold and Cancelled are final.",
        errors: ["listing_not_found", "lifecycle_violation"],
      }),
    )
    .input(UpdateStatusInput)
    .output(ListingWithViewsSchema)
    .mutation(async ({ ctx, input }) => withViews(ctx, await changeListingStatus(ctx.scope, input.listing_number, input.status))),

  cancel: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/cancel",
        scope: "listings:write",
        tag: "Listings",
        summary: "Cancel a listing",
        description:
          "Cancels the listing, its scheduled shoots and its unpaid invoices (at Square too, for invoices sent there). Refused while a scheduled shoot starts within 24 hours. If Square fails, 502 payment_provider_error and the listing is not cancelled: retry.",
        errors: ["listing_not_found", "lifecycle_violation", "cancellation_window_active", "conflict", "payment_provider_error"],
      }),
    )
    .input(ListingNumberInput)
    .output(ListingWithViewsSchema)
    .mutation(async ({ ctx, input }) =>
      withViews(ctx, await cancelListing(ctx.scope, input.listing_number, new Date(), await configuredSquare())),
    ),

  deliverMedia: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/media/deliver",
        scope: "media:write",
        tag: "Listings",
        summary: "Mark the listing's media delivered",
        description:
          "Records that the agency delivered the listing's media to its client and sends media.delivery.completed to webhooks. May be repeated after more media is added.",
        errors: ["listing_not_found", "lifecycle_violation"],
      }),
    )
    .input(DeliverMediaInput)
    .output(DeliveredListingSchema)
    .mutation(async ({ ctx, input }) => {
      const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
      const { listing, delivery } = await markMediaDelivered(ctx.scope, input.listing_number, ctx.appUrl, new Date(), expiresAt);
      return { ...(await withViews(ctx, listing)), gallery_url: delivery.galleryUrl, gallery_expires_at: delivery.expiresAt?.toISOString() ?? null, delivery_id: delivery.id };
    }),

  /** Revokes a client gallery link: it is a 404 from then on (dashboard only: no REST endpoint). */
  revokeDelivery: agencyProcedure
    .meta({ scope: "media:write" })
    .input(z.object({ delivery_id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await revokeDelivery(ctx.scope.db, input.delivery_id);
      return { ok: true };
    }),

  updateSection: agencyProcedure
    .meta(
      rest({
        method: "PATCH",
        path: "/listings/{listing_number}/sections/{section}",
        scope: "listings:write",
        tag: "Listings",
        summary: "Set a listing section",
        description:
          "`matterport`: send `url` (a Matterport model URL) or `model_id`. `floorplan`: send `url`. `null` clears the section.",
        errors: ["listing_not_found"],
      }),
    )
    .input(UpdateSectionInput)
    .output(ListingWithViewsSchema)
    .mutation(async ({ ctx, input }) => withViews(ctx, await updateListingSection(ctx.scope, input))),

  /** What happened to the listing, by whom and when (dashboard only: no REST endpoint). */
  history: agencyProcedure
    .meta({ scope: "listings:read" })
    .input(ListingHistoryInput)
    .output(HistoryPageSchema)
    .query(({ ctx, input }) => listingHistory(ctx.scope, input.listing_number, input)),

  /** The public page's views per day over the last 30 days (dashboard only: no REST endpoint). */
  views: agencyProcedure
    .meta({ scope: "listings:read" })
    .input(ListingNumberInput)
    .output(ListingViewsSchema)
    .query(async ({ ctx, input }) => {
      const days = await viewsByDay(ctx.scope.db, await listingIdOf(ctx.scope.db, input.listing_number));
      return { days, total: days.reduce((sum, day) => sum + day.views, 0) };
    }),

  get: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/listings/{listing_number}",
        scope: "listings:read",
        tag: "Listings",
        summary: "Get a listing",
        description: "Status, address, assigned users, sections, order references, shoots, timestamps, and the public page's views over the last 30 days.",
        errors: ["listing_not_found"],
      }),
    )
    .input(ListingNumberInput)
    .output(ListingWithViewsSchema)
    .query(async ({ ctx, input }) => {
      return withViews(ctx, await loadListing(ctx.scope.db, input.listing_number));
    }),
});
