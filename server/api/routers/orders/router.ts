// Invoice actions for the dashboard (not REST endpoints: /api/v1's orders are read-only). Sending
// bills a client, so only the agency's owner and team members (and platform admins acting for
// the agency) may; agents and assistants may not.
import { z } from "zod";
import { agencyProcedure, router } from "../../trpc";
import { AppError } from "../../../errors";
import { CAPABILITIES, hasCapability } from "../../../auth/scopes";
import { sendInvoice, syncInvoice } from "../../../orders/invoices";
import { configuredSquare } from "../../../square/config";
import { OrderSchema } from "../listings/schemas";
import { listAgencyOrders } from "../../../orders/list-orders";
import { AgencyOrderPageSchema, ListAgencyOrdersInput, OrderIdInput } from "./schemas";

const billingProcedure = agencyProcedure.meta({ scope: "listings:write" }).use(({ ctx, next }) => {
  const actor = ctx.actor;
  if (actor?.kind !== "user" || !hasCapability(actor.role, "send_invoices")) throw new AppError("forbidden", CAPABILITIES.send_invoices.refusal);
  return next();
});

export const ordersRouter = router({
  /** Every order of the agency, newest first, with its listing (the dashboard's Orders screen; not REST). */
  list: agencyProcedure
    .meta({ scope: "listings:read" })
    .input(ListAgencyOrdersInput)
    .output(AgencyOrderPageSchema)
    .query(({ ctx, input }) => listAgencyOrders(ctx.scope, input)),

  /** Whether invoices can be sent: Square is configured on this server (dashboard only). */
  billing: agencyProcedure
    .meta({ scope: "listings:read" })
    .output(z.object({ square_configured: z.boolean() }))
    .query(async () => ({ square_configured: (await configuredSquare()) !== null })),

  /** Creates the order's invoice at Square (if not yet) and publishes it: Square emails the client. */
  sendInvoice: billingProcedure
    .input(OrderIdInput)
    .output(OrderSchema)
    .mutation(async ({ ctx, input }) => sendInvoice(ctx.scope, input.order_id, await configuredSquare())),

  /** Reads the invoice's state from Square (webhooks normally keep it current). */
  syncInvoice: billingProcedure
    .input(OrderIdInput)
    .output(OrderSchema)
    .mutation(async ({ ctx, input }) => syncInvoice(ctx.scope, input.order_id, await configuredSquare())),
});
