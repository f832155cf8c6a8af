import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { loadEnv } from "../../../env";
import { createUploadTicket } from "../../../media/upload-tickets";
import { ListingNumberInput } from "../listings/schemas";
import { UploadTicketSchema } from "./schemas";

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
});
