import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { createListing } from "../../../listings/create-listing";
import { listListings } from "../../../listings/list-listings";
import { loadListing, toListingDto } from "../../../listings/load";
import { listListingOrders } from "../../../listings/orders";
import { changeListingStatus } from "../../../listings/change-status";
import { cancelListing } from "../../../listings/cancel-listing";
import { updateListingSection } from "../../../listings/sections";
import { markMediaDelivered } from "../../../listings/media-delivery";
import { configuredSquare } from "../../../square/config";
import { listingHistory } from "../../../listings/history";
import {
  CreateListingInput,
  ListListingsInput,
  ListOrdersInput,
  ListingNumberInput,
  ListingPageSchema,
  ListingHistoryInput,
  HistoryPageSchema,
  ListingSchema,
  OrderPageSchema,
  UpdateSectionInput,
  UpdateStatusInput,
} from "./schemas";

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
    .output(ListingSchema)
    .mutation(async ({ ctx, input }) => toListingDto(await createListing(ctx.scope, input, ctx.appUrl), ctx.appUrl)),

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
    .output(ListingSchema)
    .mutation(async ({ ctx, input }) =>
      toListingDto(await changeListingStatus(ctx.scope, input.listing_number, input.status), ctx.appUrl),
    ),

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
    .output(ListingSchema)
    .mutation(async ({ ctx, input }) =>
      toListingDto(await cancelListing(ctx.scope, input.listing_number, new Date(), await configuredSquare()), ctx.appUrl),
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
    .input(ListingNumberInput)
    .output(ListingSchema)
    .mutation(async ({ ctx, input }) => toListingDto(await markMediaDelivered(ctx.scope, input.listing_number, ctx.appUrl), ctx.appUrl)),

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
    .output(ListingSchema)
    .mutation(async ({ ctx, input }) => toListingDto(await updateListingSection(ctx.scope, input), ctx.appUrl)),

  /** What happened to the listing, by whom and when (dashboard only: no REST endpoint). */
  history: agencyProcedure
    .meta({ scope: "listings:read" })
    .input(ListingHistoryInput)
    .output(HistoryPageSchema)
    .query(({ ctx, input }) => listingHistory(ctx.scope, input.listing_number, input)),

  get: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/listings/{listing_number}",
        scope: "listings:read",
        tag: "Listings",
        summary: "Get a listing",
        description: "Status, address, assigned users, sections, order references, shoots and timestamps.",
        errors: ["listing_not_found"],
      }),
    )
    .input(ListingNumberInput)
    .output(ListingSchema)
    .query(async ({ ctx, input }) => toListingDto(await loadListing(ctx.scope.db, input.listing_number), ctx.appUrl)),
});
