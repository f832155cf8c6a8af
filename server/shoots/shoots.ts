// Booking, rescheduling, cancelling and completing a listing's shoots through the API. A start is accepted
// only if availability would offer it: the same slot rules (server/scheduling/slots.ts), asked
// about one start, inside the transaction that writes the shoot.
//
// Concurrency: every operation locks the listing's row first (lockListing), then the rows of the
// photographers it may book, in ascending id order, before it reads anyone's shoots. Two bookings
// that could take the same photographer therefore run one after the other, and the second sees
// the first's shoot; the fixed order means two of them can never wait on each other.
import { Prisma } from "../db/generated/client.ts";
import type { AgencyScope, TenantTx } from "../db/tenant";
import { AppError, invalidReference, notFound } from "../errors";
import { newId } from "../ids";
import { isFinal, STATUS_LABELS } from "../listings/lifecycle";
import { lockListing } from "../listings/load";
import { CANCELLATION_WINDOW_MS } from "../listings/cancel-listing";
import { checkStart, formatInZone } from "../scheduling/slots";
import { loadSchedulingRules, resolveShootLength } from "../scheduling/rules";
import { agencySchedulingFields } from "../scheduling/settings";
import type { BookShootInput, RescheduleShootInput, ShootDto, ShootPathInput } from "../api/routers/shoots/schemas";
import { emitEvent } from "../webhooks/emit";
import { shootEventData } from "./shoot-events";

const MINUTE = 60_000;

const shootSelect = {
  id: true,
  status: true,
  startsAt: true,
  endsAt: true,
  photographerId: true,
  createdAt: true,
  rescheduledAt: true,
  completedAt: true,
  cancelledAt: true,
  tour: { select: { listingNumber: true } },
  package: { select: { code: true } },
} as const satisfies Prisma.ShootSelect;

type ShootRecord = Prisma.ShootGetPayload<{ select: typeof shootSelect }>;

export function toShootDto(shoot: ShootRecord, timezone: string): ShootDto {
  return {
    shoot_id: shoot.id,
    listing_number: shoot.tour.listingNumber,
    status: shoot.status,
    starts_at: shoot.startsAt.toISOString(),
    ends_at: shoot.endsAt.toISOString(),
    starts_at_local: formatInZone(shoot.startsAt, timezone),
    ends_at_local: formatInZone(shoot.endsAt, timezone),
    timezone,
    duration_minutes: Math.round((shoot.endsAt.getTime() - shoot.startsAt.getTime()) / MINUTE),
    photographer_id: shoot.photographerId,
    package: shoot.package?.code ?? null,
    created_at: shoot.createdAt.toISOString(),
    rescheduled_at: shoot.rescheduledAt?.toISOString() ?? null,
    completed_at: shoot.completedAt?.toISOString() ?? null,
    cancelled_at: shoot.cancelledAt?.toISOString() ?? null,
  };
}

/** The shoot as the shoot.* events carry it. */
const shootEvent = (shoot: ShootRecord) => shootEventData(shoot, shoot.tour.listingNumber);

/** The agency's time zone, for a mutation that loaded no scheduling rules (which carry it). */
async function agencyTimezone(tx: TenantTx, agencyId: string): Promise<string> {
  return (await agencySchedulingFields(tx, agencyId)).timezone;
}

/** Locks the photographers' rows, in ascending id order (see the top of this file). */
async function lockPhotographers(tx: TenantTx, agencyId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const sorted = [...new Set(ids)].sort();
  await tx.$queryRaw`SELECT user_id FROM photographers WHERE agency_id = ${agencyId} AND user_id IN (${Prisma.join(sorted)}) ORDER BY user_id FOR UPDATE`;
}

/** The agency's active photographers' ids, ascending: the order Valara tries them in. */
async function activePhotographerIds(tx: TenantTx): Promise<string[]> {
  const rows = await tx.photographer.findMany({ where: { active: true, user: { disabledAt: null } }, orderBy: { userId: "asc" }, select: { userId: true } });
  return rows.map((r) => r.userId);
}

async function namedPhotographer(tx: TenantTx, id: string): Promise<string> {
  const found = await tx.photographer.findFirst({ where: { userId: id, active: true, user: { disabledAt: null } }, select: { userId: true } });
  if (!found) throw invalidReference("photographer_id", `${id} is not an active photographer of your agency`);
  return found.userId;
}

/** The shoot on that listing, or shoot_not_found (also for another agency's or another listing's). */
async function findShoot(tx: TenantTx, tourId: string, shootId: string) {
  const shoot = await tx.shoot.findFirst({ where: { id: shootId, tourId } });
  if (!shoot) throw notFound("shoot", shootId);
  return shoot;
}

/**
 * Picks a photographer for [start, start + minutes) by the slot rules, or 409 slot_unavailable
 * saying why. Also returns the agency's time zone, read with the rules.
 */
async function claimSlot(
  tx: TenantTx,
  agencyId: string,
  request: { start: Date; durationMinutes: number; candidates: string[]; now: Date; excludeShootId?: string },
): Promise<{ photographerId: string; end: Date; timezone: string }> {
  await lockPhotographers(tx, agencyId, request.candidates);
  const end = new Date(request.start.getTime() + request.durationMinutes * MINUTE);
  const rules = await loadSchedulingRules(tx, agencyId, { from: request.start, to: end, excludeShootId: request.excludeShootId });
  const result = checkStart(rules, request);
  if (!result.ok) throw new AppError("slot_unavailable", `${result.reason}. Ask GET /scheduling/availability for free slots.`);
  return { photographerId: result.photographerId, end: result.end, timezone: rules.timezone };
}

/** Books a shoot on a listing at a start availability offers; 201 with the shoot. */
export async function bookShoot({ db, agencyId, actor }: AgencyScope, input: BookShootInput, now = new Date()): Promise<ShootDto> {
  return db.$transaction(async (tx) => {
    const { id: tourId, status } = await lockListing(tx, input.listing_number);
    if (isFinal(status)) {
      throw new AppError("lifecycle_violation", `Listing ${input.listing_number} is ${STATUS_LABELS[status]}, which is final; no shoot can be booked.`);
    }
    let packageCode = input.package ?? null;
    if (!packageCode) {
      const tour = await tx.tour.findUniqueOrThrow({ where: { id: tourId }, select: { package: { select: { code: true } } } });
      packageCode = tour.package?.code ?? null;
    }
    if (!packageCode) throw invalidReference("package", `listing ${input.listing_number} has no package; name the package to shoot`);
    const length = await resolveShootLength(tx, { package: packageCode, addOns: input.add_ons ?? [] }, invalidReference);
    const candidates = input.photographer_id ? [await namedPhotographer(tx, input.photographer_id)] : await activePhotographerIds(tx);
    const slot = await claimSlot(tx, agencyId, { start: input.start, durationMinutes: length.durationMinutes, candidates, now });
    const shoot = await tx.shoot.create({
      data: {
        id: newId("shoot"),
        agencyId,
        tourId,
        photographerId: slot.photographerId,
        packageId: length.package.id,
        startsAt: input.start,
        endsAt: slot.end,
      },
      select: shootSelect,
    });
    await emitEvent(tx, { agencyId, actor }, "shoot.scheduled", shootEvent(shoot));
    return toShootDto(shoot, slot.timezone);
  });
}

/** Moves a scheduled shoot to another offered start (its length stays); sets rescheduled_at. */
export async function rescheduleShoot({ db, agencyId, actor }: AgencyScope, input: RescheduleShootInput, now = new Date()): Promise<ShootDto> {
  return db.$transaction(async (tx) => {
    const { id: tourId, status } = await lockListing(tx, input.listing_number);
    const shoot = await findShoot(tx, tourId, input.shoot_id);
    if (isFinal(status)) {
      throw new AppError("lifecycle_violation", `Listing ${input.listing_number} is ${STATUS_LABELS[status]}, which is final; its shoots cannot be rescheduled.`);
    }
    if (shoot.status !== "scheduled") {
      throw new AppError("lifecycle_violation", `Shoot ${shoot.id} is ${shoot.status}; only a scheduled shoot can be rescheduled.`);
    }
    if (shoot.startsAt <= now) {
      throw new AppError("lifecycle_violation", `Shoot ${shoot.id} started at ${shoot.startsAt.toISOString()}; a shoot under way or past cannot be rescheduled.`);
    }
    let candidates: string[];
    if (input.photographer_id) {
      candidates = [await namedPhotographer(tx, input.photographer_id)];
    } else {
      // Keep the photographer the client already knows when they are free; otherwise anyone.
      const active = await activePhotographerIds(tx);
      const current = shoot.photographerId && active.includes(shoot.photographerId) ? [shoot.photographerId] : [];
      candidates = [...current, ...active.filter((id) => id !== shoot.photographerId)];
    }
    const durationMinutes = Math.round((shoot.endsAt.getTime() - shoot.startsAt.getTime()) / MINUTE);
    const slot = await claimSlot(tx, agencyId, { start: input.start, durationMinutes, candidates, now, excludeShootId: shoot.id });
    const moved = await tx.shoot.update({
      where: { id: shoot.id },
      data: { startsAt: input.start, endsAt: slot.end, photographerId: slot.photographerId, rescheduledAt: now },
      select: shootSelect,
    });
    await emitEvent(tx, { agencyId, actor }, "shoot.rescheduled", {
      ...shootEvent(moved),
      previous_starts_at: shoot.startsAt.toISOString(),
      previous_ends_at: shoot.endsAt.toISOString(),
      previous_photographer_id: shoot.photographerId,
    });
    return toShootDto(moved, slot.timezone);
  });
}

/**
 * Cancels a scheduled shoot. Refused (409 cancellation_window_active) when it starts within 24
 * hours or is under way: the same guard, and the same window, as cancelling the listing.
 */
export async function cancelShoot({ db, agencyId, actor }: AgencyScope, input: ShootPathInput, now = new Date()): Promise<ShootDto> {
  return db.$transaction(async (tx) => {
    const { id: tourId } = await lockListing(tx, input.listing_number);
    const shoot = await findShoot(tx, tourId, input.shoot_id);
    if (shoot.status !== "scheduled") {
      throw new AppError("lifecycle_violation", `Shoot ${shoot.id} is ${shoot.status}; only a scheduled shoot can be cancelled.`);
    }
    if (shoot.startsAt.getTime() < now.getTime() + CANCELLATION_WINDOW_MS && shoot.endsAt > now) {
      throw new AppError(
        "cancellation_window_active",
        `Shoot ${shoot.id} starts at ${shoot.startsAt.toISOString()}, within 24 hours (or is under way); it can no longer be cancelled here, contact the agency.`,
      );
    }
    const cancelled = await tx.shoot.update({ where: { id: shoot.id }, data: { status: "cancelled", cancelledAt: now }, select: shootSelect });
    await emitEvent(tx, { agencyId, actor }, "shoot.cancelled", { ...shootEvent(cancelled), cancelled_at: now.toISOString() });
    return toShootDto(cancelled, await agencyTimezone(tx, agencyId));
  });
}

/**
 * Marks a scheduled shoot completed: it took place. Allowed once it has started (a photographer
 * may finish early), refused before then. A Sold listing's shoot can still be completed (the
 * shoot happened before the sale is recorded); a Cancelled listing's cannot.
 */
export async function completeShoot({ db, agencyId, actor }: AgencyScope, input: ShootPathInput, now = new Date()): Promise<ShootDto> {
  return db.$transaction(async (tx) => {
    const { id: tourId, status } = await lockListing(tx, input.listing_number);
    const shoot = await findShoot(tx, tourId, input.shoot_id);
    if (status === "cancelled") {
      throw new AppError("lifecycle_violation", `Listing ${input.listing_number} is ${STATUS_LABELS[status]}; its shoots cannot be completed.`);
    }
    if (shoot.status !== "scheduled") {
      throw new AppError("lifecycle_violation", `Shoot ${shoot.id} is ${shoot.status}; only a scheduled shoot can be completed.`);
    }
    if (shoot.startsAt > now) {
      throw new AppError("lifecycle_violation", `Shoot ${shoot.id} starts at ${shoot.startsAt.toISOString()}; it cannot be completed before it has started.`);
    }
    const completed = await tx.shoot.update({ where: { id: shoot.id }, data: { status: "completed", completedAt: now }, select: shootSelect });
    await emitEvent(tx, { agencyId, actor }, "shoot.completed", { ...shootEvent(completed), completed_at: now.toISOString() });
    return toShootDto(completed, await agencyTimezone(tx, agencyId));
  });
}
