// An agency's scheduling settings: time zone, travel buffer, minimum notice and slot interval,
// business hours per weekday, its photographers and their working days, and blocked time. The
// operator CLI and the dashboard both change them through these functions.
import { DateTime } from "luxon";
import type { AgencyScope, TenantDb, TenantTx } from "../db/tenant";
import { AppError, invalidReference } from "../errors";
import { newId } from "../ids";
import type { z } from "zod";
import {
  LocalDateSchema,
  type AddBlockInput,
  type PhotographerInput,
  type SchedulingSettingsDto,
  type SetHoursInput,
  type UpdateSettingsInput,
} from "../api/routers/scheduling/schemas";
import { describeWeekdays, formatClockTime, weekdayLabel } from "./calendar";
import { formatInZone } from "./slots";

/** Longest blocked time accepted at once. */
const MAX_BLOCK_DAYS = 366;

export async function agencySchedulingFields(db: TenantDb | TenantTx, agencyId: string) {
  return db.agency.findUniqueOrThrow({
    where: { id: agencyId },
    select: { timezone: true, travelBufferMinutes: true, minimumNoticeMinutes: true, slotIntervalMinutes: true },
  });
}

export async function getSchedulingSettings({ db, agencyId }: AgencyScope): Promise<SchedulingSettingsDto> {
  const [agency, hours, photographers] = await Promise.all([
    agencySchedulingFields(db, agencyId),
    db.businessHours.findMany({ orderBy: { weekday: "asc" } }),
    db.photographer.findMany({ orderBy: { userId: "asc" }, include: { user: { select: { name: true, email: true } } } }),
  ]);
  return {
    timezone: agency.timezone,
    travel_buffer_minutes: agency.travelBufferMinutes,
    minimum_notice_minutes: agency.minimumNoticeMinutes,
    slot_interval_minutes: agency.slotIntervalMinutes,
    business_hours: hours.map((h) => ({ weekday: h.weekday, day: weekdayLabel(h.weekday), open: formatClockTime(h.opensAt), close: formatClockTime(h.closesAt) })),
    photographers: photographers.map((p) => ({
      user_id: p.userId,
      name: p.user.name,
      email: p.user.email,
      working_days: p.workingDays,
      working_days_label: describeWeekdays(p.workingDays),
      active: p.active,
    })),
  };
}

// Inputs arrive parsed by their schemas (procedures and the CLI parse them).

export async function updateSchedulingSettings(scope: AgencyScope, input: z.output<typeof UpdateSettingsInput>): Promise<SchedulingSettingsDto> {
  await scope.db.agency.update({
    where: { id: scope.agencyId },
    data: {
      timezone: input.timezone,
      travelBufferMinutes: input.travel_buffer_minutes,
      minimumNoticeMinutes: input.minimum_notice_minutes,
      slotIntervalMinutes: input.slot_interval_minutes,
    },
  });
  return getSchedulingSettings(scope);
}

/** Sets the same hours on several weekdays (or closes them), in one transaction. */
export async function setBusinessHours(scope: AgencyScope, input: z.output<typeof SetHoursInput>): Promise<SchedulingSettingsDto> {
  await scope.db.$transaction(async (tx) => {
    if (input.closed) {
      await tx.businessHours.deleteMany({ where: { weekday: { in: input.weekdays } } });
      return;
    }
    for (const weekday of input.weekdays) {
      const hours = { opensAt: input.open!, closesAt: input.close! };
      await tx.businessHours.upsert({
        where: { agencyId_weekday: { agencyId: scope.agencyId, weekday } },
        create: { agencyId: scope.agencyId, weekday, ...hours },
        update: hours,
      });
    }
  });
  return getSchedulingSettings(scope);
}

/** An active user of the agency named by id or email, or 422 invalid_reference on `field`. */
async function findUser(db: TenantDb | TenantTx, ref: string, field: string) {
  const user = await db.user.findFirst({
    where: { OR: [{ id: ref }, { email: ref.toLowerCase() }], disabledAt: null },
    select: { id: true, name: true, email: true },
  });
  if (!user) throw invalidReference(field, `no active user ${ref} in your agency`);
  return user;
}

/** Makes a user a photographer with these working days (again, if they had been removed). */
export async function addPhotographer(scope: AgencyScope, input: z.output<typeof PhotographerInput>): Promise<SchedulingSettingsDto> {
  const user = await findUser(scope.db, input.user, "user");
  await scope.db.photographer.upsert({
    where: { userId: user.id },
    create: { userId: user.id, agencyId: scope.agencyId, workingDays: input.working_days },
    update: { workingDays: input.working_days, active: true },
  });
  return getSchedulingSettings(scope);
}

/**
 * Stops offering a photographer's time. The row stays (inactive) so that adding them back keeps
 * their history; their shoots already booked stay theirs, and are counted so that an operator
 * knows to move them.
 */
export async function removePhotographer(scope: AgencyScope, input: { user: string }, now = new Date()) {
  const user = await findUser(scope.db, input.user, "user");
  const updated = await scope.db.photographer.updateMany({ where: { userId: user.id, active: true }, data: { active: false } });
  if (updated.count === 0) throw invalidReference("user", `${input.user} is not an active photographer of your agency`);
  const upcoming = await scope.db.shoot.count({ where: { photographerId: user.id, status: "scheduled", startsAt: { gt: now } } });
  return { settings: await getSchedulingSettings(scope), upcomingShoots: upcoming };
}

// ------------------------------------------------------------------ blocked time

function blockedTimeDto(block: { id: string; photographerId: string | null; startsAt: Date; endsAt: Date; reason: string | null; photographer: { name: string } | null }, timezone: string) {
  return {
    id: block.id,
    photographer_id: block.photographerId,
    photographer_name: block.photographer?.name ?? null,
    starts_at: formatInZone(block.startsAt, timezone),
    ends_at: formatInZone(block.endsAt, timezone),
    reason: block.reason,
  };
}
export type BlockedTimeDto = ReturnType<typeof blockedTimeDto>;

/** A date is a whole day in the zone (its start, or with `endOfDay` the next midnight); an instant is itself. */
function toInstant(value: string, timezone: string, endOfDay: boolean): Date {
  if (LocalDateSchema.safeParse(value).success) {
    const day = DateTime.fromISO(value, { zone: timezone }).startOf("day");
    return (endOfDay ? day.plus({ days: 1 }).startOf("day") : day).toJSDate();
  }
  return new Date(DateTime.fromISO(value).toMillis());
}

export async function addBlockedTime(scope: AgencyScope, input: z.output<typeof AddBlockInput>): Promise<BlockedTimeDto> {
  const { timezone } = await agencySchedulingFields(scope.db, scope.agencyId);
  const startsAt = toInstant(input.from, timezone, false);
  const endsAt = toInstant(input.to, timezone, true);
  if (endsAt <= startsAt) {
    throw new AppError("validation_failed", "to: must be later than from", [{ field: "to", message: "must be later than from" }]);
  }
  if (endsAt.getTime() - startsAt.getTime() > MAX_BLOCK_DAYS * 86_400_000) {
    const message = `a blocked time may span at most ${MAX_BLOCK_DAYS} days`;
    throw new AppError("validation_failed", `to: ${message}`, [{ field: "to", message }]);
  }
  let photographerId: string | null = null;
  if (input.photographer) {
    const user = await findUser(scope.db, input.photographer, "photographer");
    const photographer = await scope.db.photographer.findFirst({ where: { userId: user.id }, select: { userId: true } });
    if (!photographer) throw invalidReference("photographer", `${input.photographer} is not a photographer of your agency`);
    photographerId = user.id;
  }
  const block = await scope.db.blockedTime.create({
    data: { id: newId("blockedTime"), agencyId: scope.agencyId, photographerId, startsAt, endsAt, reason: input.reason || null },
    include: { photographer: { select: { name: true } } },
  });
  return blockedTimeDto(block, timezone);
}

/** Blocked time ordered by start; only what has not ended yet unless `include_past`. */
export async function listBlockedTime(scope: AgencyScope, options: { include_past?: boolean } = {}, now = new Date()): Promise<BlockedTimeDto[]> {
  const { timezone } = await agencySchedulingFields(scope.db, scope.agencyId);
  const blocks = await scope.db.blockedTime.findMany({
    where: options.include_past ? {} : { endsAt: { gt: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    include: { photographer: { select: { name: true } } },
  });
  return blocks.map((b) => blockedTimeDto(b, timezone));
}

export async function removeBlockedTime(scope: AgencyScope, id: string): Promise<BlockedTimeDto> {
  const { timezone } = await agencySchedulingFields(scope.db, scope.agencyId);
  return scope.db.$transaction(async (tx) => {
    // Locked first: a concurrent removal of the same block makes this one a 404, not Prisma's P2025.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM blocked_times WHERE id = ${id} AND agency_id = ${scope.agencyId} FOR UPDATE`;
    const block = locked.length === 0 ? null : await tx.blockedTime.findUnique({ where: { id }, include: { photographer: { select: { name: true } } } });
    if (!block) throw new AppError("not_found", `No blocked time ${id} exists in your agency.`);
    await tx.blockedTime.delete({ where: { id } });
    return blockedTimeDto(block, timezone);
  });
}
