import type { AgencyScope } from "../db/tenant";
import type { Prisma } from "../db/generated/client.ts";
import { notFound } from "../errors";
import { paginate, type Page, type PageRequest } from "../pagination/cursor";
import type { OrderDto } from "../api/routers/listings/schemas";

export const orderInclude = {
  lineItems: { orderBy: { position: "asc" }, include: { package: { select: { code: true, kind: true } } } },
  invoice: true,
} as const satisfies Prisma.OrderInclude;

export type OrderRecord = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

export function toOrderDto(order: OrderRecord, listingNumber: string): OrderDto {
  return {
    order_id: order.id,
    listing_number: listingNumber,
    currency: order.currency,
    subtotal_cents: order.subtotalCents,
    total_cents: order.totalCents,
    line_items: order.lineItems.map((item) => ({
      description: item.description,
      package: item.package?.code ?? null,
      kind: item.package?.kind ?? null,
      quantity: item.quantity,
      unit_price_cents: item.unitPriceCents,
      total_cents: item.totalCents,
    })),
    invoice: order.invoice
      ? {
          invoice_id: order.invoice.id,
          status: order.invoice.status,
          amount_cents: order.invoice.amountCents,
          currency: order.invoice.currency,
          square_invoice_id: order.invoice.squareInvoiceId,
          public_url: order.invoice.publicUrl,
          square_synced_at: order.invoice.squareSyncedAt?.toISOString() ?? null,
          updated_at: order.invoice.updatedAt.toISOString(),
        }
      : null,
    created_at: order.createdAt.toISOString(),
  };
}

/** A listing's orders with their invoice state, oldest first. */
export async function listListingOrders({ db }: AgencyScope, listingNumber: string, page: PageRequest): Promise<Page<OrderDto>> {
  const tour = await db.tour.findUnique({ where: { listingNumber }, select: { id: true } });
  if (!tour) throw notFound("listing", listingNumber);
  return paginate(
    page,
    "asc",
    (after, take) => db.order.findMany({ where: { tourId: tour.id, ...after }, orderBy: { id: "asc" }, take, include: orderInclude }),
    () => db.order.count({ where: { tourId: tour.id } }),
    (order) => toOrderDto(order, listingNumber),
  );
}
