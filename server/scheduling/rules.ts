// Loads what the slot rules (./slots.ts) need for one agency and one stretch of time, and the
// package (plus add-ons) whose minutes make a shoot's length. Used by availability and by booking,
// which call it inside their transaction after taking their locks.
import type { TenantDb, TenantTx } from "../db/tenant";
import type { AppError } from "../errors";
import { resolvePackages, type ResolvedPackage } from "../packages/packages";
import type { SchedulingRules } from "./slots";
import { agencySchedulingFields } from "./settings";

const MINUTE = 60_000;

/**
 * The agency's rules with the busy time that can touch [from, to): scheduled shoots of its
 * photographers (widened by the travel buffer) and blocked time. `excludeShootId` leaves out a
 * shoot being rescheduled, so that its own current slot does not stand in its way.
 */
export async function loadSchedulingRules(
  db: TenantDb | TenantTx,
  agencyId: string,
  window: { from: Date; to: Date; excludeShootId?: string },
): Promise<SchedulingRules> {
  const agency = await agencySchedulingFields(db, agencyId);
  const pad = agency.travelBufferMinutes * MINUTE;
  // One after another: inside a transaction these share one connection.
  const hours = await db.businessHours.findMany({ select: { weekday: true, opensAt: true, closesAt: true } });
  const photographers = await db.photographer.findMany({
    where: { active: true, user: { disabledAt: null } },
    orderBy: { userId: "asc" },
    select: { userId: true, workingDays: true, user: { select: { name: true } } },
  });
  const shoots = await db.shoot.findMany({
    where: {
      status: { in: ["scheduled", "completed"] },
      photographerId: { not: null },
      startsAt: { lt: new Date(window.to.getTime() + pad) },
      endsAt: { gt: new Date(window.from.getTime() - pad) },
      ...(window.excludeShootId ? { id: { not: window.excludeShootId } } : {}),
    },
    select: { photographerId: true, startsAt: true, endsAt: true },
  });
  const blocks = await db.blockedTime.findMany({
    where: { startsAt: { lt: window.to }, endsAt: { gt: window.from } },
    select: { photographerId: true, startsAt: true, endsAt: true, reason: true },
  });
  return {
    timezone: agency.timezone,
    travelBufferMinutes: agency.travelBufferMinutes,
    minimumNoticeMinutes: agency.minimumNoticeMinutes,
    slotIntervalMinutes: agency.slotIntervalMinutes,
    hours,
    photographers: photographers.map((p) => ({ id: p.userId, name: p.user.name, workingDays: p.workingDays })),
    shoots: shoots.map((s) => ({ photographerId: s.photographerId!, start: s.startsAt, end: s.endsAt })),
    blocks: blocks.map((b) => ({ photographerId: b.photographerId, start: b.startsAt, end: b.endsAt, reason: b.reason })),
  };
}

export interface ShootLength {
  package: ResolvedPackage;
  addOns: ResolvedPackage[];
  durationMinutes: number;
}

/** The package and add-ons by code (unknown ones refused through `refuse`), and their total minutes. */
export async function resolveShootLength(
  db: TenantDb | TenantTx,
  codes: { package: string; addOns: readonly string[] },
  refuse: (field: string, message: string) => AppError,
): Promise<ShootLength> {
  const { package: pkg, addOns } = await resolvePackages(db, codes, refuse);
  return {
    package: pkg,
    addOns,
    durationMinutes: pkg.durationMinutes + addOns.reduce((sum, a) => sum + a.durationMinutes, 0),
  };
}
