// A listing's shoots over /api/v1: book a slot availability offers, reschedule, cancel, complete.
import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { bookShoot, cancelShoot, completeShoot, rescheduleShoot } from "../../../shoots/shoots";
import { BookShootInput, RescheduleShootInput, ShootPathInput, ShootSchema } from "./schemas";

export const shootsRouter = router({
  book: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/shoots",
        scope: "listings:write",
        tag: "Scheduling",
        summary: "Book a shoot",
        description:
          "Books the listing's shoot at `start`, which must be a slot GET /scheduling/availability offers (the same rules decide), " +
          "with the named photographer or, without one, the first free photographer by id. The package defaults to the listing's. " +
          "409 slot_unavailable says why a start is refused (outside hours, too soon, taken, photographer off).",
        successStatus: 201,
        errors: ["listing_not_found", "lifecycle_violation", "invalid_reference", "slot_unavailable"],
      }),
    )
    .input(BookShootInput)
    .output(ShootSchema)
    .mutation(({ ctx, input }) => bookShoot(ctx.scope, input)),

  reschedule: agencyProcedure
    .meta(
      rest({
        method: "PATCH",
        path: "/listings/{listing_number}/shoots/{shoot_id}",
        scope: "listings:write",
        tag: "Scheduling",
        summary: "Reschedule a shoot",
        description:
          "Moves a scheduled shoot to another offered `start` (its length stays), by the same rules as booking, ignoring the shoot's own current slot. " +
          "Without `photographer_id` the current photographer keeps it if free, else the first free one. Sets `rescheduled_at`.",
        errors: ["listing_not_found", "shoot_not_found", "lifecycle_violation", "invalid_reference", "slot_unavailable"],
      }),
    )
    .input(RescheduleShootInput)
    .output(ShootSchema)
    .mutation(({ ctx, input }) => rescheduleShoot(ctx.scope, input)),

  cancel: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/shoots/{shoot_id}/cancel",
        scope: "listings:write",
        tag: "Scheduling",
        summary: "Cancel a shoot",
        description: "Cancels a scheduled shoot. Refused while it starts within 24 hours or is under way (the same window as cancelling a listing).",
        errors: ["listing_not_found", "shoot_not_found", "lifecycle_violation", "cancellation_window_active"],
      }),
    )
    .input(ShootPathInput)
    .output(ShootSchema)
    .mutation(({ ctx, input }) => cancelShoot(ctx.scope, input)),

  complete: agencyProcedure
    .meta(
      rest({
        method: "POST",
        path: "/listings/{listing_number}/shoots/{shoot_id}/complete",
        scope: "listings:write",
        tag: "Scheduling",
        summary: "Complete a shoot",
        description:
          "Marks a scheduled shoot completed once it has started (422 lifecycle_violation before then, for a shoot that is not scheduled, " +
          "or on a cancelled listing). Sets `completed_at` and sends shoot.completed to webhooks.",
        errors: ["listing_not_found", "shoot_not_found", "lifecycle_violation"],
      }),
    )
    .input(ShootPathInput)
    .output(ShootSchema)
    .mutation(({ ctx, input }) => completeShoot(ctx.scope, input)),
});
