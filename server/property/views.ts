// Page views of the public property pages, counted without cookies: a visitor is
// SHA-256(day's salt, client address, user agent), so the same browser on the same address counts
// once per listing and UTC day. The salt is random, lives in the database (every process of the
// deployment agrees on it) and is deleted when the next day's is made: once the day is over, no
// one (not even us) can recompute a hash from an address, and the rows are just counts.
// Bots are recognised by their user agent (isbot) and not counted.
import { createHash, randomBytes } from "node:crypto";
import { isbot } from "isbot";
import type { PrismaClient } from "../db/generated/client.ts";
import type { TenantDb } from "../db/tenant";
import { notFound } from "../errors";

export const VIEW_WINDOW_DAYS = 30;

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

let cachedSalt: { day: string; salt: string } | null = null;

/** The day's salt: made by the first visit of the day (any process), yesterday's deleted then. */
export async function saltFor(prisma: PrismaClient, day: string): Promise<string> {
  if (cachedSalt?.day === day) return cachedSalt.salt;
  await prisma.$executeRaw`INSERT INTO property_view_salts (day, salt) VALUES (${day}::date, ${randomBytes(32).toString("hex")}) ON CONFLICT DO NOTHING`;
  await prisma.$executeRaw`DELETE FROM property_view_salts WHERE day < ${day}::date`;
  const rows = await prisma.$queryRaw<{ salt: string }[]>`SELECT salt FROM property_view_salts WHERE day = ${day}::date`;
  const salt = rows[0]?.salt;
  if (!salt) throw new Error(`no property view salt for ${day}`);
  cachedSalt = { day, salt };
  return salt;
}

/** Forgets the cached salt (tests that move the clock or reset the database). */
export function forgetCachedSalt(): void {
  cachedSalt = null;
}

export function visitorHash(salt: string, clientAddress: string, userAgent: string): string {
  return createHash("sha256").update(`${salt}\n${clientAddress}\n${userAgent}`).digest("hex");
}

/** Whether a request is a person's visit: a GET of the page, not a bot, not a prefetch. */
export function isCountableVisit(request: { method?: string; userAgent: string | undefined; headers: Record<string, string | string[] | undefined> }): boolean {
  if (request.method !== "GET") return false;
  const userAgent = request.userAgent?.trim();
  if (!userAgent || isbot(userAgent)) return false;
  const purpose = `${request.headers["purpose"] ?? ""} ${request.headers["sec-purpose"] ?? ""} ${request.headers["x-purpose"] ?? ""}`;
  if (/prefetch|prerender/i.test(purpose) || request.headers["next-router-prefetch"]) return false;
  return true;
}

/**
 * Counts a visit of a listing's public page: one cheap insert that a second visit the same day
 * does nothing to, and that finds nothing to insert for an unknown or cancelled listing.
 * Resolves to whether a new view was counted.
 */
export async function recordPropertyView(
  prisma: PrismaClient,
  visit: { listingNumber: string; clientAddress: string; userAgent: string; at?: Date },
): Promise<boolean> {
  const day = utcDay(visit.at ?? new Date());
  const visitor = visitorHash(await saltFor(prisma, day), visit.clientAddress, visit.userAgent);
  const inserted = await prisma.$executeRaw`
    INSERT INTO property_views (agency_id, tour_id, day, visitor)
    SELECT agency_id, id, ${day}::date, ${visitor} FROM tours
    WHERE listing_number = ${visit.listingNumber} AND status <> 'cancelled'
    ON CONFLICT DO NOTHING`;
  return inserted > 0;
}

/** The first day of the window that ends today (inclusive): today and the 29 days before. */
function windowStart(now: Date): Date {
  const start = new Date(`${utcDay(now)}T00:00:00.000Z`);
  start.setUTCDate(start.getUTCDate() - (VIEW_WINDOW_DAYS - 1));
  return start;
}

/** Views of one of the agency's listings per UTC day over the last 30 days, oldest first, zeros included. */
export async function viewsByDay(db: TenantDb, tourId: string, now: Date = new Date()): Promise<{ day: string; views: number }[]> {
  const start = windowStart(now);
  const rows = await db.propertyView.groupBy({ by: ["day"], where: { tourId, day: { gte: start, lte: new Date(`${utcDay(now)}T00:00:00.000Z`) } }, _count: { _all: true } });
  const counts = new Map(rows.map((row) => [utcDay(row.day), row._count._all]));
  return Array.from({ length: VIEW_WINDOW_DAYS }, (_, index) => {
    const day = new Date(start);
    day.setUTCDate(start.getUTCDate() + index);
    const key = utcDay(day);
    return { day: key, views: counts.get(key) ?? 0 };
  });
}

/** Views of one of the agency's listings over the last 30 days (one per visitor per day). */
export async function viewsLast30Days(db: TenantDb, tourId: string, now: Date = new Date()): Promise<number> {
  return db.propertyView.count({ where: { tourId, day: { gte: windowStart(now), lte: new Date(`${utcDay(now)}T00:00:00.000Z`) } } });
}

/** The id of one of the agency's listings, or listing_not_found (another agency's included). */
export async function listingIdOf(db: TenantDb, listingNumber: string): Promise<string> {
  const tour = await db.tour.findUnique({ where: { listingNumber }, select: { id: true } });
  if (!tour) throw notFound("listing", listingNumber);
  return tour.id;
}
