// Inputs of the dashboard's invoice actions. Imports nothing server-only.
import { z } from "zod";

export const OrderIdSchema = z
  .string()
  .trim()
  .regex(/^order_[0-9A-Za-z]{26}$/, "must be an order id (order_<ULID>)")
  .meta({ description: "The order's id", example: "order_01JD3Q6W4ZKXY3T5V7B9C1D2EF" });

export const OrderIdInput = z.strictObject({ order_id: OrderIdSchema });
export type OrderIdInput = z.infer<typeof OrderIdInput>;
