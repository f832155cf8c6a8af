// Pay to download: whether a listing's gallery downloads are locked until its invoices are paid.
// One decision, made here and nowhere else: the gallery page, the file and ZIP routes and the
// webhook receiver (which tells integrators when a listing unlocks) all ask this function, per
// request, so a payment recorded by Square's webhook unlocks the very next request.
//
// The rule (README, "Pay to download"):
//   - the listing's override wins: `never` is never locked, `until_paid` always requires payment;
//     `inherit` follows the agency's "downloads require payment";
//   - when payment is required, the listing's invoices are those of its orders, leaving out
//     CANCELED ones (they bill nothing). Downloads are unlocked only when there is at least one
//     such invoice and every one of them is paid (PAID, or PARTIALLY_REFUNDED: it was paid in full
//     and part given back). Any other state (a DRAFT not yet sent, UNPAID, PARTIALLY_PAID, FAILED,
//     fully REFUNDED, …) keeps them locked, and so does having no invoice at all: the agency asked
//     for payment first, and we fail closed rather than hand out work nobody was billed for.
import type { DownloadGate, InvoiceStatus } from "../db/generated/client.ts";

export const DOWNLOAD_GATES = ["inherit", "until_paid", "never"] as const satisfies readonly DownloadGate[];

/** Invoice states that count as paid for downloads. */
export const PAID_INVOICE_STATUSES: readonly InvoiceStatus[] = ["PAID", "PARTIALLY_REFUNDED"];
/** Invoice states that no longer bill anything, so they neither lock nor unlock. */
export const VOID_INVOICE_STATUSES: readonly InvoiceStatus[] = ["CANCELED"];

export interface DownloadLockFacts {
  agencyRequiresPayment: boolean;
  gate: DownloadGate;
  invoices: { status: InvoiceStatus; publicUrl: string | null }[];
}

export interface DownloadLock {
  /** Whether payment is required at all (the effective setting). */
  requiresPayment: boolean;
  locked: boolean;
  /** Square's page where the client pays, for the first unpaid invoice that has one. */
  payUrl: string | null;
}

export function decideDownloadLock({ agencyRequiresPayment, gate, invoices }: DownloadLockFacts): DownloadLock {
  const requiresPayment = gate === "until_paid" || (gate === "inherit" && agencyRequiresPayment);
  if (!requiresPayment) return { requiresPayment, locked: false, payUrl: null };
  const billing = invoices.filter((invoice) => !VOID_INVOICE_STATUSES.includes(invoice.status));
  const unpaid = billing.filter((invoice) => !PAID_INVOICE_STATUSES.includes(invoice.status));
  const locked = billing.length === 0 || unpaid.length > 0;
  return { requiresPayment, locked, payUrl: locked ? (unpaid.find((invoice) => invoice.publicUrl)?.publicUrl ?? null) : null };
}

/** Anything that reads tours: the platform client, a transaction, or an agency-scoped client. */
export interface TourReader {
  tour: {
    findUnique(args: {
      where: { id: string };
      select: typeof lockFactsSelect;
    }): PromiseLike<{
      downloadGate: DownloadGate;
      agency: { downloadsRequirePayment: boolean };
      orders: { invoice: { status: InvoiceStatus; publicUrl: string | null } | null }[];
    } | null>;
  };
}

const lockFactsSelect = {
  downloadGate: true,
  agency: { select: { downloadsRequirePayment: true } },
  orders: { select: { invoice: { select: { status: true, publicUrl: true } } }, orderBy: { createdAt: "asc" } },
} as const;

/** The lock state of one listing now (null when there is no such listing). */
export async function downloadLockOf(db: TourReader, tourId: string): Promise<DownloadLock | null> {
  const tour = await db.tour.findUnique({ where: { id: tourId }, select: lockFactsSelect });
  if (!tour) return null;
  return decideDownloadLock({
    agencyRequiresPayment: tour.agency.downloadsRequirePayment,
    gate: tour.downloadGate,
    invoices: tour.orders.flatMap((order) => (order.invoice ? [order.invoice] : [])),
  });
}
