// Recording what Square says about an invoice. Square's answers and webhook events can arrive out
// of order (a retried delivery of an old event, a slow response racing a webhook), so each write
// is conditional: it applies only when it is at least as new as what we hold — a higher Square
// `version`, or the same version (or none, for deletions) seen no earlier than `squareSyncedAt`.
// One conditional UPDATE does it, so two writers racing on one invoice cannot both win with the
// older one last: PostgreSQL re-checks the WHERE after waiting for the other writer's row lock.
import type { InvoiceStatus, Prisma } from "../db/generated/client.ts";

export interface ObservedInvoiceState {
  status: InvoiceStatus;
  /** Square's version; absent when Square does not give one (a deleted draft). */
  version?: number | null;
  publicUrl?: string | null;
  /** Set when the invoice is first linked to Square. */
  squareInvoiceId?: string;
  /** When Square said it: the event's created_at, the invoice's updated_at, or our clock. */
  observedAt: Date;
}

/** Anything with the invoice delegate: the platform client or transaction, or an agency-scoped one. */
interface InvoiceWriter {
  invoice: { updateMany(args: { where: Prisma.InvoiceWhereInput; data: Prisma.InvoiceUpdateManyMutationInput }): Promise<{ count: number }> };
}

/** Applies the state unless we already hold something newer; returns whether it applied. */
export async function recordSquareState(db: InvoiceWriter, invoiceId: string, state: ObservedInvoiceState): Promise<boolean> {
  const notOlder: Prisma.InvoiceWhereInput = { OR: [{ squareSyncedAt: null }, { squareSyncedAt: { lte: state.observedAt } }] };
  const newer: Prisma.InvoiceWhereInput =
    typeof state.version === "number"
      ? { OR: [{ squareVersion: null }, { squareVersion: { lt: state.version } }, { AND: [{ squareVersion: state.version }, notOlder] }] }
      : notOlder;
  const { count } = await db.invoice.updateMany({
    where: { AND: [{ id: invoiceId }, newer] },
    data: {
      status: state.status,
      squareSyncedAt: state.observedAt,
      ...(typeof state.version === "number" ? { squareVersion: state.version } : {}),
      ...(state.publicUrl ? { publicUrl: state.publicUrl } : {}),
      ...(state.squareInvoiceId ? { squareInvoiceId: state.squareInvoiceId } : {}),
    },
  });
  return count === 1;
}
