// Sending an order's invoice through Square, and reading its state back.
//
// When: an invoice is created at Square and published when someone asks for it (the dashboard's
// "send invoice", or `invoice send --order <id>`), never as a side effect of creating a listing —
// the agency decides when a client is billed. Until then it is a local DRAFT.
//
// How, with the database as the source of truth and no transaction open across a Square call:
//   1. read the order (a short read);
//   2. at Square: find or create the customer (the listing's first agent, who ordered the shoot),
//      create a Square order with our line items, create the draft invoice;
//   3. record the Square invoice id, version and state on our invoice (one conditional UPDATE);
//   4. publish it at Square (Square emails the customer a link to pay), record the new state.
// Every Square create carries an idempotency key made from our ids (the order id, the invoice id),
// so a retry after any failure returns the same Square objects instead of making new ones; step 3
// means a retry after a failed publish resumes at step 4. A Square failure answers 502
// payment_provider_error; what we then hold is exactly what exists at Square.
import type { InvoiceStatus } from "../db/generated/client.ts";
import type { AgencyScope } from "../db/tenant";
import { AppError, notFound } from "../errors";
import type { OrderDto } from "../api/routers/listings/schemas";
import { orderInclude, toOrderDto } from "../listings/orders";
import { SquareApiError, type SquareGateway, type SquareInvoiceState } from "../square/gateway";
import { recordInvoiceState } from "./invoice-events";

/** Days a client has to pay a sent invoice. */
export const INVOICE_DUE_DAYS = 7;

/** A Square failure as the 502 callers see; anything else unchanged. */
export function squareFailure(error: unknown, consequence: string): unknown {
  return error instanceof SquareApiError ? new AppError("payment_provider_error", `${error.message}. ${consequence}`) : error;
}

function requireSquare(square: SquareGateway | null): SquareGateway {
  if (!square) {
    throw new AppError("payment_provider_error", "Square is not configured on this server (SQUARE_ACCESS_TOKEN and SQUARE_LOCATION_ID); invoices stay local drafts.");
  }
  return square;
}

/** YYYY-MM-DD, `days` after `now`, in the agency's time zone (Square's due dates are local dates). */
export function dueDate(now: Date, timeZone: string, days = INVOICE_DUE_DAYS): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(now.getTime() + days * 24 * 60 * 60 * 1000),
  );
}

async function loadOrder({ db }: AgencyScope, orderId: string) {
  const order = await db.order.findUnique({
    where: { id: orderId },
    include: {
      ...orderInclude,
      tour: { select: { listingNumber: true, address: true, agentOne: { select: { id: true, email: true, name: true } } } },
    },
  });
  if (!order) throw notFound("order", orderId);
  return order;
}

async function orderDto(scope: AgencyScope, orderId: string): Promise<OrderDto> {
  const order = await loadOrder(scope, orderId);
  return toOrderDto(order, order.tour.listingNumber);
}

const observed = (state: SquareInvoiceState & { status: InvoiceStatus }, now: Date) => ({
  status: state.status,
  version: state.version,
  publicUrl: state.publicUrl,
  observedAt: state.updatedAt ?? now,
});

/** Creates (if needed) and publishes the order's invoice at Square; returns the order. */
export async function sendInvoice(scope: AgencyScope, orderId: string, squareOrNull: SquareGateway | null, now: Date = new Date()): Promise<OrderDto> {
  const square = requireSquare(squareOrNull);
  const order = await loadOrder(scope, orderId);
  const invoice = order.invoice;
  if (!invoice) throw new AppError("not_found", `Order ${orderId} has no invoice.`);
  if (!invoice.squareInvoiceId && invoice.status !== "DRAFT") {
    throw new AppError("lifecycle_violation", `The invoice of order ${orderId} is ${invoice.status}; only a draft can be sent.`);
  }
  // Already published: sending again changes nothing.
  if (invoice.squareInvoiceId && invoice.status !== "DRAFT") return toOrderDto(order, order.tour.listingNumber);

  const consequence = `The invoice of order ${orderId} was not sent; retry later.`;
  let state: SquareInvoiceState;
  try {
    if (invoice.squareInvoiceId && invoice.squareVersion !== null) {
      state = { id: invoice.squareInvoiceId, version: invoice.squareVersion, status: "DRAFT", publicUrl: invoice.publicUrl, updatedAt: null };
    } else {
      const agent = order.tour.agentOne;
      const [givenName, ...rest] = agent.name.split(" ");
      const customerId = await square.findOrCreateCustomer({ referenceId: agent.id, email: agent.email, givenName: givenName ?? agent.name, familyName: rest.join(" ") || undefined });
      const squareOrderId = await square.createOrder({
        idempotencyKey: order.id,
        referenceId: order.id,
        customerId,
        currency: order.currency,
        lineItems: order.lineItems.map((item) => ({ name: item.description, quantity: item.quantity, unitPriceCents: item.unitPriceCents })),
      });
      const agency = await scope.db.agency.findUniqueOrThrow({ where: { id: scope.agencyId }, select: { name: true, timezone: true } });
      state = await square.createInvoice({
        idempotencyKey: `${invoice.id}:create`,
        orderId: squareOrderId,
        customerId,
        title: `${agency.name}: listing ${order.tour.listingNumber}`,
        description: order.tour.address,
        dueDate: dueDate(now, agency.timezone),
      });
      // Linked only while still a local draft: a listing cancelled meanwhile keeps its CANCELED.
      const linked = await scope.db.invoice.updateMany({
        where: { id: invoice.id, squareInvoiceId: null, status: "DRAFT" },
        data: { squareInvoiceId: state.id, squareVersion: state.version, status: state.status ?? "DRAFT", squareSyncedAt: state.updatedAt ?? now },
      });
      if (linked.count === 0) {
        const current = await scope.db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
        if (current.squareInvoiceId !== state.id) {
          // Cancelled while we were at Square: take back the draft we made, then say so.
          await square.deleteInvoice(state.id, state.version).catch(() => undefined);
          throw new AppError("lifecycle_violation", `The invoice of order ${orderId} is ${current.status}; only a draft can be sent.`);
        }
      }
    }
    if (state.status === "DRAFT" || state.status === null) {
      const published = await square.publishInvoice(state.id, state.version, `${invoice.id}:publish`);
      const status = published.status;
      if (status) await scope.db.$transaction((tx) => recordInvoiceState(tx, scope.actor, invoice.id, observed({ ...published, status }, now)));
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    // Its listing was cancelled (and the draft deleted at Square) between linking and publishing:
    // that is final, so say so rather than "retry later".
    const current = await scope.db.invoice.findUnique({ where: { id: invoice.id }, select: { status: true } });
    if (current?.status === "CANCELED") {
      throw new AppError("lifecycle_violation", `The invoice of order ${orderId} is CANCELED; only a draft can be sent.`);
    }
    throw squareFailure(error, consequence);
  }
  return orderDto(scope, orderId);
}

/** Reads the invoice's state from Square and records it (unless we hold newer); returns the order. */
export async function syncInvoice(scope: AgencyScope, orderId: string, squareOrNull: SquareGateway | null, now: Date = new Date()): Promise<OrderDto> {
  const square = requireSquare(squareOrNull);
  const order = await loadOrder(scope, orderId);
  const invoice = order.invoice;
  if (!invoice?.squareInvoiceId) throw new AppError("lifecycle_violation", `The invoice of order ${orderId} has not been sent to Square; there is nothing to sync.`);
  let state: SquareInvoiceState | null;
  try {
    state = await square.getInvoice(invoice.squareInvoiceId);
  } catch (error) {
    throw squareFailure(error, `The invoice of order ${orderId} was not refreshed; retry later.`);
  }
  // Square forgets deleted drafts: for us that invoice is cancelled.
  const observedState = state ? (state.status ? observed({ ...state, status: state.status }, now) : null) : { status: "CANCELED" as const, observedAt: now };
  if (observedState) await scope.db.$transaction((tx) => recordInvoiceState(tx, scope.actor, invoice.id, observedState));
  return orderDto(scope, orderId);
}
