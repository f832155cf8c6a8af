// Deliveries: the client's gallery link for a listing, /d/<token>. The token carries 256 bits from
// crypto.randomBytes (base64url); like API keys only its SHA-256 is stored, so a database leak gives
// away no working link, and a fast hash suffices because the token is far beyond brute force.
// A delivery may be revoked (the link is then a 404) and may expire.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import type { TenantTx } from "../db/tenant";
import { notFound } from "../errors";
import { newId } from "../ids";
import { describeActor, type EventActor } from "../webhooks/actor";
import { downloadLockOf } from "./download-lock";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateDeliveryToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashDeliveryToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const galleryUrl = (appUrl: string, token: string) => `${appUrl.replace(/\/$/, "")}/d/${token}`;

export interface CreatedDelivery {
  id: string;
  token: string;
  expiresAt: Date | null;
}

/** Creates a delivery for a listing inside the caller's transaction, made by `actor`; the token is returned once. */
export async function createDelivery(tx: TenantTx, tourId: string, expiresAt: Date | null, now = new Date(), actor?: EventActor): Promise<CreatedDelivery> {
  const token = generateDeliveryToken();
  const id = newId("delivery");
  await tx.delivery.create({
    data: {
      id,
      tourId,
      tokenHash: hashDeliveryToken(token),
      createdAt: now,
      expiresAt,
      createdByKind: actor?.kind ?? null,
      createdById: actor?.id ?? null,
      createdByDisplay: actor?.display ?? null,
    } as never,
  });
  return { id, token, expiresAt };
}

export type DeliveryState = "active" | "revoked" | "expired";

export interface DeliverySummary {
  delivery_id: string;
  created_at: string;
  /** Who made it, as the listing's history names people ("Olivia Northlight", "API key “CRM sync”"). */
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  state: DeliveryState;
}

/**
 * Every delivery of one of the agency's listings, newest first. `db` is agency-scoped, so another
 * agency's listing is not found (404) like one that does not exist. The links themselves cannot be
 * listed: only their hashes are stored.
 */
export async function listListingDeliveries(
  db: { tour: TenantTx["tour"]; delivery: TenantTx["delivery"] },
  listingNumber: string,
  now = new Date(),
): Promise<DeliverySummary[]> {
  const tour = await db.tour.findUnique({ where: { listingNumber }, select: { id: true } });
  if (!tour) throw notFound("listing", listingNumber);
  const rows = await db.delivery.findMany({ where: { tourId: tour.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map((row) => ({
    delivery_id: row.id,
    created_at: row.createdAt.toISOString(),
    created_by: describeActor(row.createdByKind ? { kind: row.createdByKind as EventActor["kind"], id: row.createdById, display: row.createdByDisplay ?? "" } : null),
    expires_at: row.expiresAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt.getTime() <= now.getTime() ? "expired" : "active",
  }));
}

/** Revokes one of the agency's deliveries (idempotent: revoking again keeps the first time). */
export async function revokeDelivery(db: { delivery: TenantTx["delivery"] }, deliveryId: string, now = new Date()) {
  const found = await db.delivery.findUnique({ where: { id: deliveryId } });
  if (!found) throw notFound("delivery", deliveryId);
  if (found.revokedAt) return found;
  return db.delivery.update({ where: { id: deliveryId }, data: { revokedAt: now } });
}

/**
 * The live delivery a presented gallery token opens, or null (unknown, malformed, revoked or
 * expired all look the same to the visitor: a 404). Reads with the platform client because the
 * visitor has no agency; the delivery row says which agency it belongs to.
 */
export async function resolveDeliveryToken(prisma: Pick<PrismaClient, "delivery">, token: string, now = new Date()) {
  if (!TOKEN_PATTERN.test(token)) return null;
  const delivery = await prisma.delivery.findUnique({ where: { tokenHash: hashDeliveryToken(token) } });
  if (!delivery || delivery.revokedAt) return null;
  if (delivery.expiresAt && delivery.expiresAt.getTime() <= now.getTime()) return null;
  return delivery;
}

const KIND_ORDER = { photo: 0, video: 1, floor_plan: 2, document: 3 } as const;

/**
 * What the gallery at /d/<token> shows, or null when the link opens nothing: the agency's name,
 * the listing's address and its live media, photos first in their curated order with the cover
 * first, then videos, floor plans and documents; and whether downloads are locked until payment,
 * decided afresh on every request (so a payment Square reports opens the next one).
 */
export async function loadGallery(prisma: PrismaClient, token: string, now = new Date()) {
  const delivery = await resolveDeliveryToken(prisma, token, now);
  if (!delivery) return null;
  const tour = await prisma.tour.findUnique({
    where: { id: delivery.tourId },
    select: {
      listingNumber: true,
      address: true,
      status: true,
      agency: { select: { name: true } },
      media: {
        where: { deletedAt: null },
        select: {
          id: true, kind: true, filename: true, caption: true, position: true, isCover: true, createdAt: true,
          contentType: true, storageKey: true, sizeBytes: true, sha256: true, variants: true,
        },
      },
    },
  });
  if (!tour || tour.status === "cancelled") return null;
  const lock = (await downloadLockOf(prisma, delivery.tourId))!;
  const items = [...tour.media].sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      Number(b.isCover) - Number(a.isCover) ||
      a.position - b.position ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  return { agencyName: tour.agency.name, listingNumber: tour.listingNumber, address: tour.address, items, lock };
}
