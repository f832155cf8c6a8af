// The order a listing created with a `package` starts with: one line item for the package, one
// per add-on after it, and its invoice (a draft until it is sent through Square). Built here,
// written by the caller in its own transaction. Amounts are integer cents in one currency.
import type { InvoiceStatus, Prisma } from "../db/generated/client.ts";
import { invalidReference } from "../errors";
import { newId } from "../ids";

export interface OrderedPackage {
  id: string;
  /** Shown on the line item (and on the Square invoice). */
  name: string;
  priceCents: number;
  currency: string;
}

/** Square (and every till) counts money in integer minor units; this is 21 million dollars. */
const MAX_ORDER_CENTS = 2_147_483_647;

export function packageOrder(input: {
  agencyId: string;
  tourId: string;
  pkg: OrderedPackage;
  addOns?: readonly (OrderedPackage & { code?: string })[];
  invoiceStatus?: InvoiceStatus;
  createdAt?: Date;
}): { order: Prisma.OrderUncheckedCreateInput; invoice: Prisma.InvoiceUncheckedCreateInput } {
  const { agencyId, tourId, pkg, createdAt } = input;
  const addOns = input.addOns ?? [];
  // An order is billed as one invoice in one currency; converting would invent an exchange rate.
  const foreign = addOns.find((addOn) => addOn.currency !== pkg.currency);
  if (foreign) {
    throw invalidReference(
      "add_ons",
      `add-on ${foreign.code ?? foreign.name} is priced in ${foreign.currency} but the package in ${pkg.currency}; one order has one currency`,
    );
  }
  const lines = [pkg, ...addOns];
  const subtotalCents = lines.reduce((sum, line) => sum + line.priceCents, 0);
  if (subtotalCents > MAX_ORDER_CENTS) throw invalidReference("add_ons", "the order's total is larger than an invoice can carry");
  const orderId = newId("order");
  return {
    order: {
      id: orderId,
      agencyId,
      tourId,
      currency: pkg.currency,
      subtotalCents,
      // No taxes or discounts yet: the total is the subtotal.
      totalCents: subtotalCents,
      createdAt,
      lineItems: {
        create: lines.map((line, position) => ({
          id: newId("lineItem"),
          packageId: line.id,
          description: line.name,
          quantity: 1,
          unitPriceCents: line.priceCents,
          totalCents: line.priceCents,
          position,
        })),
      },
    },
    invoice: {
      id: newId("invoice"),
      agencyId,
      orderId,
      status: input.invoiceStatus ?? "DRAFT",
      amountCents: subtotalCents,
      currency: pkg.currency,
      createdAt,
    },
  };
}
