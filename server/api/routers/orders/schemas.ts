// Inputs of the dashboard's invoice actions. Imports nothing server-only.
import { z } from "zod";
import { PageQuerySchema, pageOf } from "../shared-schemas";
import { InvoiceStatusSchema, OrderSchema } from "../listings/schemas";
import { STATUS_LABEL_VALUES } from "../../../listings/lifecycle";

export const OrderIdSchema = z
  .string()
  .trim()
  .regex(/^order_[0-9A-Za-z]{26}$/, "must be an order id (order_<ULID>)")
  .meta({ description: "The order's id", example: "order_01JD3Q6W4ZKXY3T5V7B9C1D2EF" });

export const OrderIdInput = z.strictObject({ order_id: OrderIdSchema });
export type OrderIdInput = z.infer<typeof OrderIdInput>;

export const ListAgencyOrdersInput = PageQuerySchema.extend({
  invoice_status: InvoiceStatusSchema.optional().meta({ description: "Only orders whose invoice is in this state" }),
});
export type ListAgencyOrdersInput = z.infer<typeof ListAgencyOrdersInput>;

export const AgencyOrderSchema = OrderSchema.extend({
  listing: z.object({ listing_number: z.string(), address: z.string(), status: z.enum(STATUS_LABEL_VALUES) }),
});
export type AgencyOrderDto = z.infer<typeof AgencyOrderSchema>;
export const AgencyOrderPageSchema = pageOf(AgencyOrderSchema, "AgencyOrderPage");
