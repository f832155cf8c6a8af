// Square's invoice states are Valara's (the InvoiceStatus enum mirrors them one to one); this is
// the one place that reads a status Square sent, so an unknown one is noticed, not stored.
import type { InvoiceStatus } from "../db/generated/client.ts";
import { INVOICE_STATUSES } from "../orders/invoice-statuses";

export { INVOICE_STATUSES };

/** Square's status string as our InvoiceStatus; null for anything else (or nothing). */
export function invoiceStatusFromSquare(value: unknown): InvoiceStatus | null {
  return typeof value === "string" && (INVOICE_STATUSES as readonly string[]).includes(value) ? (value as InvoiceStatus) : null;
}

/** Nobody has paid anything on these yet: cancelling the listing cancels them. */
export const CANCELLABLE_INVOICE_STATES: readonly InvoiceStatus[] = ["DRAFT", "UNPAID", "SCHEDULED"];
