// What Valara needs from Square, as a small interface: a customer to bill, an order, and the
// invoice on it (create, publish, read, cancel, delete). The one implementation talks to Square's
// API through its official SDK (sdk-gateway.ts); tests point it at a fake Square over real HTTP.
import type { InvoiceStatus } from "../db/generated/client.ts";

/** An invoice as Square last described it. */
export interface SquareInvoiceState {
  id: string;
  /** Square's optimistic-concurrency version: it grows with every change. */
  version: number;
  /** null when Square reports a status Valara does not know (a newer API version). */
  status: InvoiceStatus | null;
  publicUrl: string | null;
  /** Square's updated_at, when it sent one. */
  updatedAt: Date | null;
}

export interface SquareCustomerInput {
  /** Our user id: Square's customer reference_id, so we find the same customer next time. */
  referenceId: string;
  email: string;
  givenName: string;
  familyName?: string;
}

export interface SquareOrderInput {
  idempotencyKey: string;
  /** Our order id (Square's reference_id). */
  referenceId: string;
  customerId: string;
  currency: string;
  lineItems: { name: string; quantity: number; unitPriceCents: number }[];
}

export interface SquareInvoiceInput {
  idempotencyKey: string;
  orderId: string;
  customerId: string;
  title: string;
  description?: string;
  /** YYYY-MM-DD in the seller's time zone. */
  dueDate: string;
}

export interface SquareGateway {
  readonly locationId: string;
  findOrCreateCustomer(input: SquareCustomerInput): Promise<string>;
  /** Returns Square's order id. */
  createOrder(input: SquareOrderInput): Promise<string>;
  createInvoice(input: SquareInvoiceInput): Promise<SquareInvoiceState>;
  publishInvoice(invoiceId: string, version: number, idempotencyKey: string): Promise<SquareInvoiceState>;
  /** null when Square has no such invoice (deleted drafts). */
  getInvoice(invoiceId: string): Promise<SquareInvoiceState | null>;
  cancelInvoice(invoiceId: string, version: number): Promise<SquareInvoiceState>;
  deleteInvoice(invoiceId: string, version: number): Promise<void>;
}

/** Square refused a call (status and its error codes) or did not answer (status null). */
export class SquareApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly codes: readonly string[] = [],
  ) {
    super(message);
    this.name = "SquareApiError";
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}
