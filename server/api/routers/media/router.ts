import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { loadEnv } from "../../../env";
import { createUploadTicket } from "../../../media/upload-tickets";
import { ListingNumberInput } from "../listings/schemas";
import { loadListing } from "../../../listings/load";
import { deleteMedia, reorderMedia, restoreMedia, updateMedia } from "../../../media/curate";
import { groupMedia, toMediaDto } from "../../../media/media";
import { ListingMediaSchema, DeletedMediaSchema, MediaIdInput, MediaItemSchema, ReorderMediaFields, UpdateMediaInput, UploadTicketSchema } from "./schemas";

// The upload itself (POST /media/upload, multipart) and downloads are served by their own
// handlers: server/http/media-routes.ts.
export const mediaRouter = router({
  createUploadTicket: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/upload-tickets",
        scope: "media:write",
        tag: "Media",
        summary: "Create an upload ticket",
        description:
          "A single-use token that lets an uploader (a photographer's app) post files to this listing without an API key: " +
          "send it as `X-Upload-Ticket` to `upload_url`. It expires after `expires_in` seconds or its first successful upload. " +
          "The token is shown only here.",
        successStatus: 201,
        errors: ["listing_not_found", "lifecycle_violation"],
      }),
    )
    .input(ListingNumberInput)
    .output(UploadTicketSchema)
    .mutation(async ({ ctx, input }) => {
      const ttlSeconds = loadEnv().UPLOAD_TICKET_TTL_SECONDS;
      const ticket = await createUploadTicket(ctx.scope, input.listing_number, {
        ttlSeconds,
        createdByApiKeyId: ctx.actor?.kind === "api_key" ? ctx.actor.keyId : null,
        createdByUserId: ctx.actor?.kind === "user" ? ctx.actor.userId : null,
      });
      return {
        token: ticket.token,
        upload_url: `${ctx.appUrl}/api/v1/media/upload`,
        listing_number: ticket.listingNumber,
        expires_in: ttlSeconds,
        expires_at: ticket.expiresAt.toISOString(),
      };
    }),

  reorderMedia: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/media/order",
        scope: "media:write",
        tag: "Media",
        summary: "Reorder a listing's media",
        description: "The order the gallery, the delivery and the property page show (RESO Media `Order`). Returns the listing's media in the new order.",
        errors: ["listing_not_found", "media_not_found"],
      }),
    )
    .input(ListingNumberInput.extend(ReorderMediaFields.shape))
    .output(ListingMediaSchema)
    .mutation(async ({ ctx, input }) => {
      await reorderMedia(ctx.scope, input.listing_number, input.media_ids);
      return groupMedia((await loadListing(ctx.scope.db, input.listing_number)).media, ctx.appUrl);
    }),
  updateMedia: agencyProcedure
    .meta(
      rest({
        method: "PATCH",
        path: "/media/{media_id}",
        scope: "media:write",
        tag: "Media",
        summary: "Caption a media item or make it the cover",
        errors: ["media_not_found"],
      }),
    )
    .input(UpdateMediaInput)
    .output(MediaItemSchema)
    .mutation(async ({ ctx, input }) => toMediaDto(await updateMedia(ctx.scope, input.media_id, { caption: input.caption, is_cover: input.is_cover }), ctx.appUrl)),
  deleteMedia: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/media/{media_id}/delete",
        scope: "media:write",
        tag: "Media",
        summary: "Delete a media item (undoable for 7 days)",
        description: "The item leaves the listing at once; `POST /media/{media_id}/restore` brings it back until `restorable_until`, after which its files are removed.",
        errors: ["media_not_found"],
      }),
    )
    .input(MediaIdInput)
    .output(DeletedMediaSchema)
    .mutation(async ({ ctx, input }) => {
      const deleted = await deleteMedia(ctx.scope, input.media_id);
      return { media_id: input.media_id, deleted_at: deleted.deletedAt.toISOString(), restorable_until: deleted.restorableUntil.toISOString() };
    }),
  restoreMedia: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/media/{media_id}/restore",
        scope: "media:write",
        tag: "Media",
        summary: "Undo the delete of a media item",
        errors: ["media_not_found"],
      }),
    )
    .input(MediaIdInput)
    .output(MediaItemSchema)
    .mutation(async ({ ctx, input }) => toMediaDto(await restoreMedia(ctx.scope, input.media_id), ctx.appUrl)),
});
