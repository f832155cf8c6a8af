// media.downloads_unlocked: told to integrators when recording an invoice's new state takes a
// listing's gallery downloads from locked to unlocked (download-lock.ts decides both states). It is
// written in the same transaction as the invoice's change, and only on that transition, so a
// redelivered Square event (which changes nothing) or a second payment (already unlocked) never
// sends it again. The listing's row is locked first: two of its invoices paid at the same moment
// are then recorded one after the other, and exactly one of them sees the transition.
import type { EventActor } from "../webhooks/actor";
import { emitEvent, type OutboxTx } from "../webhooks/emit";
import { downloadLockOf, type DownloadLock, type TourReader } from "./download-lock";

export interface UnlockTx extends OutboxTx, TourReader {
  $queryRaw<T = unknown>(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<T>;
  invoice: {
    findUnique(args: { where: { id: string }; select: { order: { select: { tourId: true; tour: { select: { listingNumber: true; status: true } } } } } }): PromiseLike<{
      order: { tourId: string; tour: { listingNumber: string; status: string } };
    } | null>;
  };
  delivery: {
    findMany(args: {
      where: { tourId: string; revokedAt: null; OR: ({ expiresAt: null } | { expiresAt: { gt: Date } })[] };
      select: { id: true };
      orderBy: { createdAt: "asc" };
    }): PromiseLike<{ id: string }[]>;
  };
}

export interface LockBeforeChange {
  agencyId: string;
  tourId: string;
  listingNumber: string;
  lock: DownloadLock;
}

/** Locks the invoice's listing row and reads its lock state before the invoice changes (null: nothing to watch). */
export async function lockStateBeforeInvoiceChange(tx: UnlockTx, agencyId: string, invoiceId: string): Promise<LockBeforeChange | null> {
  const found = await tx.invoice.findUnique({ where: { id: invoiceId }, select: { order: { select: { tourId: true, tour: { select: { listingNumber: true, status: true } } } } } });
  // A cancelled listing's galleries are closed: nothing unlocks there.
  if (!found || found.order.tour.status === "cancelled") return null;
  await tx.$queryRaw`SELECT id FROM tours WHERE id = ${found.order.tourId} FOR UPDATE`;
  const lock = await downloadLockOf(tx, found.order.tourId);
  return lock && { agencyId, tourId: found.order.tourId, listingNumber: found.order.tour.listingNumber, lock };
}

/** Emits media.downloads_unlocked when the listing was locked before the change and is not now. */
export async function emitIfUnlocked(tx: UnlockTx, actor: EventActor, before: LockBeforeChange | null, invoiceId: string, now: Date): Promise<boolean> {
  if (!before?.lock.locked) return false;
  const after = await downloadLockOf(tx, before.tourId);
  if (!after || after.locked) return false;
  const deliveries = await tx.delivery.findMany({
    where: { tourId: before.tourId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  await emitEvent(tx, { agencyId: before.agencyId, actor }, "media.downloads_unlocked", {
    listing_number: before.listingNumber,
    invoice_id: invoiceId,
    delivery_ids: deliveries.map((d) => d.id),
    unlocked_at: now.toISOString(),
  });
  return true;
}
