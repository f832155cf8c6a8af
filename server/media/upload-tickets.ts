// Upload tickets (seed 004): a single-use token that lets a photographer's uploader post files to
// one listing without an API key. 192 bits from the CSPRNG, shown once; only its SHA-256 is kept,
// so a fast hash is enough (as for API keys: nothing to guess, no dictionary to try).
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import type { AgencyScope, TenantTx } from "../db/tenant";
import { AppError, notFound } from "../errors";
import { newId } from "../ids";
import { STATUS_LABELS, type ListingStatus } from "../listings/lifecycle";

export const UPLOAD_TICKET_PREFIX = "ma_upl_";
const TOKEN_PATTERN = /^ma_upl_[A-Za-z0-9_-]{32}$/;

export function generateUploadTicketToken(): string {
  return `${UPLOAD_TICKET_PREFIX}${randomBytes(24).toString("base64url")}`;
}

export function hashUploadTicketToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface CreatedUploadTicket {
  id: string;
  token: string;
  listingNumber: string;
  expiresAt: Date;
}

/**
 * A ticket for one listing of the agency, valid `ttlSeconds`. Refused for a cancelled listing
 * (it takes no new media).
 */
export async function createUploadTicket(
  { db, agencyId }: AgencyScope,
  listingNumber: string,
  options: { ttlSeconds: number; createdByApiKeyId?: string | null; createdByUserId?: string | null; now?: Date },
): Promise<CreatedUploadTicket> {
  const now = options.now ?? new Date();
  const tour = await db.tour.findUnique({ where: { listingNumber }, select: { id: true, status: true, listingNumber: true } });
  if (!tour) throw notFound("listing", listingNumber);
  assertTakesMedia(tour.listingNumber, tour.status);
  const token = generateUploadTicketToken();
  const expiresAt = new Date(now.getTime() + options.ttlSeconds * 1000);
  const id = newId("uploadTicket");
  await db.uploadTicket.create({
    data: {
      id,
      agencyId,
      tourId: tour.id,
      tokenHash: hashUploadTicketToken(token),
      createdByApiKeyId: options.createdByApiKeyId ?? null,
      createdByUserId: options.createdByUserId ?? null,
      expiresAt,
      createdAt: now,
    },
  });
  return { id, token, listingNumber: tour.listingNumber, expiresAt };
}

/** Cancelled listings are final: they take no new media. */
export function assertTakesMedia(listingNumber: string, status: ListingStatus): void {
  if (status === "cancelled") {
    throw new AppError("lifecycle_violation", `Listing ${listingNumber} is ${STATUS_LABELS.cancelled}; it takes no new media.`);
  }
}

export interface UploadTicketRecord {
  id: string;
  agencyId: string;
  tourId: string;
  listingNumber: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * The ticket a request presents, found by its hash before any agency is known (like an API key),
 * or invalid_upload_ticket. Whether it is still usable is the caller's question (ticketProblem).
 */
export async function findUploadTicket(prisma: PrismaClient, presented: string): Promise<UploadTicketRecord> {
  const token = presented.trim();
  if (!TOKEN_PATTERN.test(token)) {
    throw new AppError("invalid_upload_ticket", `The upload ticket is malformed; tickets look like ${UPLOAD_TICKET_PREFIX}<32 characters>.`);
  }
  const ticket = await prisma.uploadTicket.findUnique({
    where: { tokenHash: hashUploadTicketToken(token) },
    select: { id: true, agencyId: true, tourId: true, expiresAt: true, usedAt: true, tour: { select: { listingNumber: true } } },
  });
  if (!ticket) throw new AppError("invalid_upload_ticket", "The upload ticket is not valid.");
  const { tour, ...rest } = ticket;
  return { ...rest, listingNumber: tour.listingNumber };
}

/** Why a ticket can no longer upload (used, expired), or null if it can. */
export function ticketProblem(ticket: Pick<UploadTicketRecord, "usedAt" | "expiresAt">, now: Date): AppError | null {
  if (ticket.usedAt) return new AppError("upload_ticket_used", "This upload ticket was already used; ask for a new one.");
  if (ticket.expiresAt.getTime() <= now.getTime()) return new AppError("upload_ticket_expired", "This upload ticket has expired; ask for a new one.");
  return null;
}

/**
 * Marks the ticket used, inside the upload's transaction: exactly one of several concurrent
 * uploads with one ticket gets it (the conditional update takes the row lock; the others then
 * see it used), and a failed upload leaves it unused. A ticket uploads to its own listing only.
 */
export async function consumeUploadTicket(tx: TenantTx, ticketId: string, listing: { id: string; listingNumber: string }, now: Date): Promise<void> {
  const { count } = await tx.uploadTicket.updateMany({
    where: { id: ticketId, tourId: listing.id, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count === 1) return;
  const ticket = await tx.uploadTicket.findUnique({ where: { id: ticketId }, select: { tourId: true, usedAt: true, expiresAt: true } });
  if (ticket && ticket.tourId !== listing.id) {
    throw new AppError("listing_not_found", `This upload ticket uploads to one listing only; ${listing.listingNumber} is not it.`);
  }
  throw (ticket && ticketProblem(ticket, now)) ?? new AppError("invalid_upload_ticket", "The upload ticket is not valid.");
}
