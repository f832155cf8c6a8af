// How a listing is read for the API: the one include shape and its serializer, so every
// endpoint returns the same listing object.
import type { Prisma } from "../db/generated/client.ts";
import type { TenantDb, TenantTx } from "../db/tenant";
import { notFound } from "../errors";
import type { ListingDto } from "../api/routers/listings/schemas";
import { STATUS_LABELS, TRANSITIONS, type ListingStatus } from "./lifecycle";
import { groupMedia, mediaSelect } from "../media/media";

const userRef = { select: { id: true, name: true, email: true, role: true } } as const;

export const listingInclude = {
  owner: userRef,
  agentOne: userRef,
  agentTwo: userRef,
  package: { select: { code: true } },
  orders: { orderBy: { id: "asc" }, select: { id: true, totalCents: true, currency: true, invoice: { select: { status: true } } } },
  shoots: {
    orderBy: { startsAt: "asc" },
    select: { id: true, status: true, startsAt: true, endsAt: true, photographerId: true, rescheduledAt: true, completedAt: true, package: { select: { code: true } } },
  },
  media: { where: { deletedAt: null }, orderBy: [{ position: "asc" }, { id: "asc" }], select: mediaSelect },
} as const satisfies Prisma.TourInclude;

export type ListingRecord = Prisma.TourGetPayload<{ include: typeof listingInclude }>;

export function propertyUrl(appUrl: string, listingNumber: string): string {
  return `${appUrl}/property/${listingNumber}`;
}

export function toListingDto(tour: ListingRecord, appUrl: string): ListingDto {
  const status = tour.status as ListingStatus;
  return {
    listing_number: tour.listingNumber,
    status: STATUS_LABELS[status],
    allowed_next_statuses: TRANSITIONS[status].map((s) => STATUS_LABELS[s]),
    address: tour.address,
    property_url: propertyUrl(appUrl, tour.listingNumber),
    notes: tour.notes,
    package: tour.package?.code ?? null,
    owner_user_id: tour.ownerUserId,
    agent_one_id: tour.agentOneId,
    agent_two_id: tour.agentTwoId,
    assigned_users: { owner: tour.owner, agent_one: tour.agentOne, agent_two: tour.agentTwo },
    sections: {
      matterport:
        tour.matterportId && tour.matterportUrl && tour.matterportSetAt
          ? { model_id: tour.matterportId, url: tour.matterportUrl, updated_at: tour.matterportSetAt.toISOString() }
          : null,
      floorplan:
        tour.floorplanUrl && tour.floorplanSetAt
          ? { url: tour.floorplanUrl, updated_at: tour.floorplanSetAt.toISOString() }
          : null,
    },
    orders: tour.orders.map((order) => ({
      order_id: order.id,
      total_cents: order.totalCents,
      currency: order.currency,
      invoice_status: order.invoice?.status ?? null,
    })),
    shoots: tour.shoots.map((shoot) => ({
      shoot_id: shoot.id,
      status: shoot.status,
      starts_at: shoot.startsAt.toISOString(),
      ends_at: shoot.endsAt.toISOString(),
      photographer_id: shoot.photographerId,
      package: shoot.package?.code ?? null,
      rescheduled_at: shoot.rescheduledAt?.toISOString() ?? null,
      completed_at: shoot.completedAt?.toISOString() ?? null,
    })),
    media: groupMedia(tour.media, appUrl),
    created_at: tour.createdAt.toISOString(),
    updated_at: tour.updatedAt.toISOString(),
    status_changed_at: tour.statusChangedAt.toISOString(),
    cancelled_at: tour.cancelledAt?.toISOString() ?? null,
    media_delivered_at: tour.mediaDeliveredAt?.toISOString() ?? null,
  };
}

/** The agency's listing with that number, or listing_not_found. */
export async function loadListing(db: TenantDb | TenantTx, listingNumber: string): Promise<ListingRecord> {
  const tour = await db.tour.findUnique({ where: { listingNumber }, include: listingInclude });
  if (!tour) throw notFound("listing", listingNumber);
  return tour;
}

/**
 * Locks the listing's row until the transaction ends, so that status changes, cancellation and
 * (later) shoot bookings on one listing happen one at a time. Returns its id and current status.
 */
export async function lockListing(tx: TenantTx, listingNumber: string): Promise<{ id: string; status: ListingStatus }> {
  const tour = await tx.tour.findUnique({ where: { listingNumber }, select: { id: true } });
  if (!tour) throw notFound("listing", listingNumber);
  const rows = await tx.$queryRaw<{ status: ListingStatus }[]>`SELECT status::text AS status FROM tours WHERE id = ${tour.id} FOR UPDATE`;
  return { id: tour.id, status: rows[0]!.status };
}
