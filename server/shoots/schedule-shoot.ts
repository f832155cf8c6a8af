// Scheduling a shoot on a listing directly: the operator CLI's override (`shoot schedule`). It
// skips the availability rules (hours, notice, photographers' calendars) that the API's booking
// applies (./shoots.ts); only the listing's lifecycle and the photographer's agency are checked.
// It is still a booking to integrators: it sends shoot.scheduled, with the same data as the API's.
import { z } from "zod";
import type { AgencyScope } from "../db/tenant";
import { AppError, invalidReference } from "../errors";
import { newId } from "../ids";
import { isFinal, STATUS_LABELS } from "../listings/lifecycle";
import { lockListing } from "../listings/load";
import { emitEvent } from "../webhooks/emit";
import { shootEventData } from "./shoot-events";

export const ScheduleShootInput = z.strictObject({
  listing_number: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6,8}$/, "must be a listing number"),
  starts_at: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  duration_minutes: z.number().int().min(15).max(12 * 60).default(90),
  photographer_id: z.string().regex(/^user_[0-9A-Z]{26}$/).optional(),
});
export type ScheduleShootInput = z.input<typeof ScheduleShootInput>;

export async function scheduleShoot({ db, agencyId, actor }: AgencyScope, raw: ScheduleShootInput) {
  const input = ScheduleShootInput.parse(raw);
  return db.$transaction(async (tx) => {
    const { id: tourId, status } = await lockListing(tx, input.listing_number);
    if (isFinal(status)) {
      throw new AppError("lifecycle_violation", `Listing ${input.listing_number} is ${STATUS_LABELS[status]}; no shoot can be scheduled.`);
    }
    if (input.photographer_id) {
      const photographer = await tx.user.findUnique({ where: { id: input.photographer_id }, select: { id: true } });
      if (!photographer) throw invalidReference("photographer_id", `no user ${input.photographer_id} in this agency`);
    }
    const shoot = await tx.shoot.create({
      data: {
        id: newId("shoot"),
        agencyId,
        tourId,
        photographerId: input.photographer_id ?? null,
        startsAt: input.starts_at,
        endsAt: new Date(input.starts_at.getTime() + input.duration_minutes * 60_000),
      },
      select: { id: true, startsAt: true, endsAt: true, status: true, photographerId: true, package: { select: { code: true } }, tour: { select: { listingNumber: true } } },
    });
    await emitEvent(tx, { agencyId, actor }, "shoot.scheduled", shootEventData(shoot, shoot.tour.listingNumber));
    return shoot;
  });
}
