import type { InvoiceStatus } from "../db/generated/client.ts";
import type { AgencyScope, TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import { squareFailure } from "../orders/invoices";
import type { ObservedInvoiceState } from "../orders/square-state";
import { emitInvoiceChange, invoiceEventSelect, recordInvoiceState } from "../orders/invoice-events";
import { shootEventData } from "../shoots/shoot-events";
import { emitEvent } from "../webhooks/emit";
import { SquareApiError, type SquareGateway } from "../square/gateway";
import { CANCELLABLE_INVOICE_STATES } from "../square/status";
import { canCancel, STATUS_LABELS } from "./lifecycle";
import { listingInclude, lockListing, type ListingRecord } from "./load";

/** Shoots starting sooner than this cannot be cancelled by cancelling their listing. */
export const CANCELLATION_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Locks the listing and checks it may be cancelled now; returns its id and status. */
async function checkCancellable(tx: TenantTx, listingNumber: string, now: Date) {
  const { id, status } = await lockListing(tx, listingNumber);
  if (!canCancel(status)) {
    throw new AppError("lifecycle_violation", `Listing ${listingNumber} is ${STATUS_LABELS[status]}, which is final; it cannot be cancelled.`);
  }
  const imminent = await tx.shoot.findFirst({
    where: {
      tourId: id,
      status: "scheduled",
      startsAt: { lt: new Date(now.getTime() + CANCELLATION_WINDOW_MS) },
      endsAt: { gt: now },
    },
    orderBy: { startsAt: "asc" },
  });
  if (imminent) {
    throw new AppError(
      "cancellation_window_active",
      `Listing ${listingNumber} has a shoot scheduled at ${imminent.startsAt.toISOString()}, within 24 hours; cancel or reschedule the shoot first, or contact the agency.`,
    );
  }
  return { id, status };
}

interface SquareBackedInvoice {
  id: string;
  status: InvoiceStatus;
  squareInvoiceId: string | null;
  squareVersion: number | null;
}

/**
 * Cancels one invoice at Square: a DRAFT is deleted, a published one cancelled with its version.
 * When Square refuses, its current state decides: gone or CANCELED already counts as done (a
 * retry after a partial failure), a newer version of an unpaid invoice is cancelled with that
 * version, and an invoice somebody paid meanwhile is recorded as it is and left alone.
 */
async function cancelAtSquare(square: SquareGateway, invoice: SquareBackedInvoice, now: Date): Promise<ObservedInvoiceState> {
  const squareId = invoice.squareInvoiceId!;
  const attempt = async (status: InvoiceStatus, version: number): Promise<ObservedInvoiceState> => {
    if (status === "DRAFT") {
      await square.deleteInvoice(squareId, version);
      return { status: "CANCELED", version, observedAt: now };
    }
    const cancelled = await square.cancelInvoice(squareId, version);
    return { status: cancelled.status ?? "CANCELED", version: cancelled.version, publicUrl: cancelled.publicUrl, observedAt: cancelled.updatedAt ?? now };
  };
  try {
    return await attempt(invoice.status, invoice.squareVersion ?? 0);
  } catch (error) {
    // Only a refusal (4xx) is worth a look at Square's side; no answer or a 5xx is a failure.
    if (!(error instanceof SquareApiError) || error.status === null || error.status >= 500) throw error;
    const current = await square.getInvoice(squareId);
    if (!current) return { status: "CANCELED", observedAt: now };
    if (!current.status) throw error;
    if (CANCELLABLE_INVOICE_STATES.includes(current.status) && current.version !== invoice.squareVersion) {
      return attempt(current.status, current.version);
    }
    return { status: current.status, version: current.version, publicUrl: current.publicUrl, observedAt: current.updatedAt ?? now };
  }
}

/** Rounds cancelListing makes when invoices are sent to Square under it, before it gives up. */
export const CANCEL_ROUNDS = 3;

/**
 * Cancels a listing, its scheduled shoots and its unpaid (draft, unpaid, scheduled) invoices.
 * Refused (409 cancellation_window_active) while a scheduled shoot starts within 24 hours or is
 * under way; refused (422 lifecycle_violation) for a sold or already cancelled listing.
 *
 * With Square configured, invoices that live at Square are cancelled there first, and no database
 * transaction is held open across those calls. The order of operations makes a retry converge:
 *   1. check, under the listing's row lock, that it may be cancelled (nothing written), and read
 *      its unpaid invoices that live at Square;
 *   2. cancel each at Square (outside any transaction); if Square fails, answer 502
 *      payment_provider_error with the listing untouched;
 *   3. in one transaction, check again, record what Square answered for each invoice, cancel the
 *      shoots, the local-only invoices and the listing.
 * An invoice sent to Square between 1 and 3 (sendInvoice links it outside any transaction) has
 * not been cancelled there: 3 then writes nothing and the next round goes back to 1 for it. Only
 * after CANCEL_ROUNDS rounds is that 409 conflict: the REST layer stores that answer under the
 * request's idempotency key, so it must be rare, not a race a client can lose by bad timing.
 * A retry after a failure in 2 finds some invoices already cancelled at Square (Square's webhook
 * may even have recorded it already); cancelAtSquare counts "already cancelled" or "already
 * deleted" as done, so the retry passes where the first attempt stopped and then completes 3.
 */
export async function cancelListing(
  { db, agencyId, actor }: AgencyScope,
  listingNumber: string,
  now: Date = new Date(),
  square: SquareGateway | null = null,
): Promise<ListingRecord> {
  // What Square answered for each invoice cancelled there, across rounds.
  const outcomes: { invoiceId: string; state: ObservedInvoiceState }[] = [];
  for (let round = 1; ; round++) {
    const atSquare = square
      ? await db.$transaction(async (tx) => {
          const { id } = await checkCancellable(tx, listingNumber, now);
          return tx.invoice.findMany({
            where: {
              order: { tourId: id },
              status: { in: [...CANCELLABLE_INVOICE_STATES] },
              squareInvoiceId: { not: null },
              id: { notIn: outcomes.map((o) => o.invoiceId) },
            },
            select: { id: true, status: true, squareInvoiceId: true, squareVersion: true },
            orderBy: { id: "asc" },
          });
        })
      : [];

    for (const invoice of atSquare) {
      try {
        outcomes.push({ invoiceId: invoice.id, state: await cancelAtSquare(square!, invoice, now) });
      } catch (error) {
        throw squareFailure(error, `Listing ${listingNumber} was not cancelled; retry later.`);
      }
    }

    const cancelled = await db.$transaction(async (tx) => {
      const { id, status: previous } = await checkCancellable(tx, listingNumber, now);
      if (square) {
        // An invoice sent to Square since step 1 has not been cancelled there.
        const missed = await tx.invoice.count({
          where: { order: { tourId: id }, status: { in: [...CANCELLABLE_INVOICE_STATES] }, squareInvoiceId: { not: null }, id: { notIn: outcomes.map((o) => o.invoiceId) } },
        });
        if (missed > 0) {
          if (round < CANCEL_ROUNDS) return null;
          throw new AppError("conflict", `Invoices of listing ${listingNumber} kept being sent to Square while it was being cancelled; retry.`);
        }
      }
      const cancelledInvoiceIds: string[] = [];
      for (const { invoiceId, state } of outcomes) {
        if ((await recordInvoiceState(tx, actor, invoiceId, state, { unlockEvents: false })) && state.status === "CANCELED") cancelledInvoiceIds.push(invoiceId);
      }
      const shoots = await tx.shoot.findMany({ where: { tourId: id, status: "scheduled" }, include: { package: { select: { code: true } } } });
      await tx.shoot.updateMany({ where: { id: { in: shoots.map((s) => s.id) } }, data: { status: "cancelled", cancelledAt: now } });
      for (const shoot of shoots) {
        await emitEvent(tx, { agencyId, actor }, "shoot.cancelled", { ...shootEventData({ ...shoot, status: "cancelled" }, listingNumber), cancelled_at: now.toISOString() });
      }
      // Invoices Square never saw (or all of them, when Square is off) are cancelled here.
      const local = await tx.invoice.findMany({
        where: { order: { tourId: id }, status: { in: [...CANCELLABLE_INVOICE_STATES] }, ...(square ? { squareInvoiceId: null } : {}) },
        select: invoiceEventSelect,
      });
      await tx.invoice.updateMany({ where: { id: { in: local.map((i) => i.id) } }, data: { status: "CANCELED" } });
      for (const invoice of local) {
        await emitInvoiceChange(tx, actor, invoice, "CANCELED", now);
        cancelledInvoiceIds.push(invoice.id);
      }
      const tour = await tx.tour.update({
        where: { id },
        data: { status: "cancelled", statusChangedAt: now, cancelledAt: now },
        include: listingInclude,
      });
      await emitEvent(tx, { agencyId, actor }, "listing.cancelled", {
        listing_number: tour.listingNumber,
        previous_status: STATUS_LABELS[previous],
        cancelled_at: now.toISOString(),
        cancelled_shoot_ids: shoots.map((s) => s.id),
        cancelled_invoice_ids: cancelledInvoiceIds,
      });
      return tour;
    });
    if (cancelled) return cancelled;
  }
}
