// Invoice state changes and the events that tell integrators about them: every change of an
// invoice's status, from Square or from cancelling its listing, emits invoice.status_changed
// (and invoice.paid when it becomes PAID), in the same transaction as the change.
import type { InvoiceStatus } from "../db/generated/client.ts";
import { emitEvent, type OutboxTx } from "../webhooks/emit";
import type { EventActor } from "../webhooks/actor";
import { recordSquareState, type ObservedInvoiceState } from "./square-state";
import { emitIfUnlocked, lockStateBeforeInvoiceChange, type UnlockTx } from "../delivery/unlock-event";

export const invoiceEventSelect = {
  id: true,
  agencyId: true,
  orderId: true,
  status: true,
  amountCents: true,
  currency: true,
  squareInvoiceId: true,
  publicUrl: true,
  order: { select: { tour: { select: { listingNumber: true } } } },
} as const;

export interface InvoiceSnapshot {
  id: string;
  agencyId: string;
  orderId: string;
  status: InvoiceStatus;
  amountCents: number;
  currency: string;
  squareInvoiceId: string | null;
  publicUrl: string | null;
  order: { tour: { listingNumber: string } };
}

type InvoiceTx = OutboxTx & UnlockTx & {
  invoice: {
    findUnique(args: { where: { id: string }; select: typeof invoiceEventSelect }): PromiseLike<InvoiceSnapshot | null>;
  } & Parameters<typeof recordSquareState>[0]["invoice"];
};

/** Emits the events of `before` becoming `status`, caused by `actor` (nothing when the status did not change). */
export async function emitInvoiceChange(
  tx: OutboxTx,
  actor: EventActor,
  before: InvoiceSnapshot,
  status: InvoiceStatus,
  now: Date,
  after: { squareInvoiceId?: string | null; publicUrl?: string | null } = {},
): Promise<void> {
  if (before.status === status) return;
  const squareInvoiceId = after.squareInvoiceId ?? before.squareInvoiceId;
  await emitEvent(tx, { agencyId: before.agencyId, actor }, "invoice.status_changed", {
    invoice_id: before.id,
    order_id: before.orderId,
    listing_number: before.order.tour.listingNumber,
    previous_status: before.status,
    status,
    amount_cents: before.amountCents,
    currency: before.currency,
    square_invoice_id: squareInvoiceId,
    public_url: after.publicUrl ?? before.publicUrl,
  });
  if (status === "PAID") {
    await emitEvent(tx, { agencyId: before.agencyId, actor }, "invoice.paid", {
      invoice_id: before.id,
      order_id: before.orderId,
      listing_number: before.order.tour.listingNumber,
      amount_cents: before.amountCents,
      currency: before.currency,
      square_invoice_id: squareInvoiceId,
      paid_at: now.toISOString(),
    });
  }
}

/**
 * recordSquareState, plus the events (caused by `actor`) when the state applied and the status
 * changed: invoice.status_changed (and invoice.paid), and media.downloads_unlocked when the change
 * unlocks the listing's gallery downloads (not when `options.unlockEvents` is false: cancelling a
 * listing closes its galleries, so voiding its invoices unlocks nothing).
 */
export async function recordInvoiceState(
  tx: InvoiceTx,
  actor: EventActor,
  invoiceId: string,
  state: ObservedInvoiceState,
  options: { unlockEvents?: boolean } = {},
): Promise<boolean> {
  const before = await tx.invoice.findUnique({ where: { id: invoiceId }, select: invoiceEventSelect });
  if (!before) return false;
  const lockBefore = options.unlockEvents === false || before.status === state.status ? null : await lockStateBeforeInvoiceChange(tx, before.agencyId, invoiceId);
  const applied = await recordSquareState(tx, invoiceId, state);
  if (applied) {
    await emitInvoiceChange(tx, actor, before, state.status, state.observedAt, { squareInvoiceId: state.squareInvoiceId, publicUrl: state.publicUrl });
    // unlocked_at is when we recorded it (downloads open from this commit), not when Square said it.
    await emitIfUnlocked(tx, actor, lockBefore, invoiceId, new Date());
  }
  return applied;
}
