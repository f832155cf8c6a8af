// The SquareGateway on Square's official Node SDK (`square`): it sets the Bearer token and the
// Square-Version header, serializes our camelCase to Square's snake_case and retries 5xx/429
// answers with backoff (safe: every create carries an idempotency key derived from our ids).
import type { SquareClient } from "square";
import { invoiceStatusFromSquare } from "./status";
import { SquareApiError, type SquareGateway, type SquareInvoiceState } from "./gateway";

export interface SquareSdkOptions {
  accessToken: string;
  locationId: string;
  /** Square's API host (https://connect.squareup.com, the sandbox's, or a test fake). */
  baseUrl: string;
  timeoutSeconds?: number;
  maxRetries?: number;
}

interface SdkInvoice {
  id?: string;
  version?: number;
  status?: string;
  publicUrl?: string | null;
  updatedAt?: string;
}

function toState(invoice: SdkInvoice | undefined): SquareInvoiceState {
  if (!invoice?.id || typeof invoice.version !== "number") throw new SquareApiError("Square answered without an invoice id and version", 502);
  return {
    id: invoice.id,
    version: invoice.version,
    status: invoiceStatusFromSquare(invoice.status),
    publicUrl: invoice.publicUrl ?? null,
    updatedAt: invoice.updatedAt ? new Date(invoice.updatedAt) : null,
  };
}

/** Any failure of an SDK call as a SquareApiError (Square's status and error codes, or no answer). */
async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  const sdk = await import("square");
  try {
    return await run();
  } catch (error) {
    if (error instanceof sdk.SquareError && error.statusCode !== undefined) {
      const codes = error.errors.map((e) => e.code).filter((c): c is NonNullable<typeof c> => Boolean(c));
      const detail = error.errors.map((e) => e.detail ?? e.code).filter(Boolean).join("; ") || `HTTP ${error.statusCode}`;
      throw new SquareApiError(`Square refused to ${what}: ${detail}`, error.statusCode, codes);
    }
    const reason = error instanceof sdk.SquareTimeoutError ? "timed out" : "could not be reached";
    throw new SquareApiError(`Square ${reason} (${what})`, null);
  }
}

export async function createSquareSdkGateway(options: SquareSdkOptions): Promise<SquareGateway> {
  // Loaded on first use: the SDK describes every Square API and takes ~2 s to load, which a
  // server or CLI without Square configured should not pay.
  const { SquareClient: Client } = await import("square");
  const client: SquareClient = new Client({
    token: options.accessToken,
    baseUrl: options.baseUrl,
    timeoutInSeconds: options.timeoutSeconds ?? 20,
    maxRetries: options.maxRetries ?? 2,
  });
  const { locationId } = options;

  return {
    locationId,

    async findOrCreateCustomer(input) {
      const found = await call("search customers", () =>
        client.customers.search({ query: { filter: { referenceId: { exact: input.referenceId } } }, limit: BigInt(1) }),
      );
      const existing = found.customers?.[0]?.id;
      if (existing) return existing;
      const created = await call("create a customer", () =>
        client.customers.create({
          idempotencyKey: `${input.referenceId}:customer`,
          referenceId: input.referenceId,
          emailAddress: input.email,
          givenName: input.givenName,
          familyName: input.familyName,
        }),
      );
      if (!created.customer?.id) throw new SquareApiError("Square answered without a customer id", 502);
      return created.customer.id;
    },

    async createOrder(input) {
      const created = await call("create an order", () =>
        client.orders.create({
          idempotencyKey: input.idempotencyKey,
          order: {
            locationId,
            referenceId: input.referenceId,
            customerId: input.customerId,
            lineItems: input.lineItems.map((item) => ({
              name: item.name,
              quantity: String(item.quantity),
              basePriceMoney: { amount: BigInt(item.unitPriceCents), currency: input.currency as never },
            })),
          },
        }),
      );
      if (!created.order?.id) throw new SquareApiError("Square answered without an order id", 502);
      return created.order.id;
    },

    async createInvoice(input) {
      const created = await call("create an invoice", () =>
        client.invoices.create({
          idempotencyKey: input.idempotencyKey,
          invoice: {
            locationId,
            orderId: input.orderId,
            primaryRecipient: { customerId: input.customerId },
            paymentRequests: [{ requestType: "BALANCE", dueDate: input.dueDate, automaticPaymentSource: "NONE" }],
            deliveryMethod: "EMAIL",
            acceptedPaymentMethods: { card: true, squareGiftCard: false, bankAccount: false, buyNowPayLater: false, cashAppPay: false },
            title: input.title,
            description: input.description,
          },
        }),
      );
      return toState(created.invoice);
    },

    async publishInvoice(invoiceId, version, idempotencyKey) {
      const published = await call("publish the invoice", () => client.invoices.publish({ invoiceId, version, idempotencyKey }));
      return toState(published.invoice);
    },

    async getInvoice(invoiceId) {
      try {
        const got = await call("read the invoice", () => client.invoices.get({ invoiceId }));
        return toState(got.invoice);
      } catch (error) {
        if (error instanceof SquareApiError && error.notFound) return null;
        throw error;
      }
    },

    async cancelInvoice(invoiceId, version) {
      const cancelled = await call("cancel the invoice", () => client.invoices.cancel({ invoiceId, version }));
      return toState(cancelled.invoice);
    },

    async deleteInvoice(invoiceId, version) {
      await call("delete the draft invoice", () => client.invoices.delete({ invoiceId, version }));
    },
  };
}
