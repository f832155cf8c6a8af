// Square's invoice states, which Valara's invoices mirror one to one. Imports nothing server-only:
// the API schemas and the webhook catalog use the same list.
import type { InvoiceStatus } from "../db/generated/client.ts";

export const INVOICE_STATUSES = [
  "DRAFT",
  "UNPAID",
  "SCHEDULED",
  "PARTIALLY_PAID",
  "PAID",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
  "CANCELED",
  "FAILED",
  "PAYMENT_PENDING",
] as const satisfies readonly InvoiceStatus[];
