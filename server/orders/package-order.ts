// The order a listing created with a `package` starts with: one line item for the package, and
// its invoice (a draft until it is sent through Square). Built here, written by the caller in
// its own transaction.
import type { InvoiceStatus, Prisma } from "../db/generated/client.ts";
import { newId } from "../ids";

export interface OrderedPackage {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
}

export function packageOrder(input: {
  agencyId: string;
  tourId: string;
  pkg: OrderedPackage;
  invoiceStatus?: InvoiceStatus;
  createdAt?: Date;
}): { order: Prisma.OrderUncheckedCreateInput; invoice: Prisma.InvoiceUncheckedCreateInput } {
  const { agencyId, tourId, pkg, createdAt } = input;
  const orderId = newId("order");
  return {
    order: {
      id: orderId,
      agencyId,
      tourId,
      currency: pkg.currency,
      subtotalCents: pkg.priceCents,
      totalCents: pkg.priceCents,
      createdAt,
      lineItems: {
        create: [
          {
            id: newId("lineItem"),
            packageId: pkg.id,
            description: pkg.name,
            quantity: 1,
            unitPriceCents: pkg.priceCents,
            totalCents: pkg.priceCents,
            position: 0,
          },
        ],
      },
    },
    invoice: {
      id: newId("invoice"),
      agencyId,
      orderId,
      status: input.invoiceStatus ?? "DRAFT",
      amountCents: pkg.priceCents,
      currency: pkg.currency,
      createdAt,
    },
  };
}
