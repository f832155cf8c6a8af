// Every order of the agency, for the dashboard's Orders screen: newest first, each with its
// listing and invoice, optionally only those whose invoice is in one state.
import type { AgencyScope } from "../db/tenant";
import type { InvoiceStatus, Prisma } from "../db/generated/client.ts";
import { paginate, type Page, type PageRequest } from "../pagination/cursor";
import type { AgencyOrderDto } from "../api/routers/orders/schemas";
import { orderInclude, toOrderDto } from "../listings/orders";
import { STATUS_LABELS, type ListingStatus } from "../listings/lifecycle";

export function listAgencyOrders({ db }: AgencyScope, input: PageRequest & { invoice_status?: InvoiceStatus }): Promise<Page<AgencyOrderDto>> {
  const where: Prisma.OrderWhereInput = input.invoice_status ? { invoice: { status: input.invoice_status } } : {};
  return paginate(
    input,
    "desc",
    (after, take) =>
      db.order.findMany({
        where: { AND: [where, after] },
        orderBy: { id: "desc" },
        take,
        include: { ...orderInclude, tour: { select: { listingNumber: true, address: true, status: true } } },
      }),
    () => db.order.count({ where }),
    (order) => ({
      ...toOrderDto(order, order.tour.listingNumber),
      listing: { listing_number: order.tour.listingNumber, address: order.tour.address, status: STATUS_LABELS[order.tour.status as ListingStatus] },
    }),
  );
}
