// Applying a verified Square webhook event. Square delivers at least once, possibly out of order:
//   - the event_id is recorded first (square_webhook_events), in the same transaction as its
//     effect, so a redelivery finds it and changes nothing;
//   - invoice.* events carry the invoice (id, status, version, public_url) in data.object.invoice;
//     they update our invoice with that Square id unless we hold a newer version
//     (recordSquareState), so a late old event never overwrites newer state; a change of status
//     emits invoice.status_changed (and invoice.paid) to the agency's webhooks;
//   - invoice.deleted (a deleted draft) carries no invoice: for us it is CANCELED;
//   - an invoice we do not know, or another event type, is recorded and otherwise ignored.
// Webhooks act for no agency: the invoice's Square id (unique) finds it, so this runs on the
// platform client.
import { z } from "zod";
import type { PrismaClient } from "../db/generated/client.ts";
import { AppError } from "../errors";
import { recordInvoiceState } from "../orders/invoice-events";
import { SQUARE_WEBHOOK_ACTOR } from "../webhooks/actor";
import { invoiceStatusFromSquare } from "./status";

const EventSchema = z.object({
  event_id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  created_at: z.iso.datetime({ offset: true }),
  data: z
    .object({
      type: z.string().optional(),
      id: z.string().max(255).optional(),
      deleted: z.boolean().optional(),
      object: z
        .object({
          invoice: z
            .object({
              id: z.string().max(255).optional(),
              status: z.string().optional(),
              version: z.number().int().nonnegative().optional(),
              public_url: z.string().max(2048).optional(),
            })
            .loose()
            .optional(),
        })
        .loose()
        .optional(),
    })
    .loose()
    .optional(),
});

export type SquareEventOutcome =
  | { outcome: "applied"; invoiceId: string; status: string }
  | { outcome: "stale"; invoiceId: string }
  | { outcome: "duplicate" }
  | { outcome: "unknown_invoice"; squareInvoiceId: string | null }
  | { outcome: "ignored"; reason: string };

export function parseSquareEvent(body: unknown) {
  const parsed = EventSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join(".") || "body";
    throw new AppError("validation_failed", `${field}: ${issue.message}`, [{ field, message: issue.message }]);
  }
  return parsed.data;
}

export async function applySquareEvent(prisma: PrismaClient, body: unknown): Promise<SquareEventOutcome> {
  const event = parseSquareEvent(body);
  const invoice = event.data?.object?.invoice;
  const squareInvoiceId = invoice?.id ?? event.data?.id ?? null;
  const isInvoiceEvent = event.type.startsWith("invoice.");

  return prisma.$transaction(async (tx) => {
    const recorded = await tx.squareWebhookEvent.createMany({
      data: [{ eventId: event.event_id, type: event.type, invoiceId: isInvoiceEvent ? squareInvoiceId : null }],
      skipDuplicates: true,
    });
    if (recorded.count === 0) return { outcome: "duplicate" };
    if (!isInvoiceEvent) return { outcome: "ignored", reason: `event type ${event.type}` };
    if (!squareInvoiceId) return { outcome: "ignored", reason: "no invoice id" };

    const status = event.type === "invoice.deleted" ? "CANCELED" : invoiceStatusFromSquare(invoice?.status);
    if (!status) return { outcome: "ignored", reason: `invoice status ${String(invoice?.status)}` };
    const ours = await tx.invoice.findUnique({ where: { squareInvoiceId }, select: { id: true } });
    if (!ours) return { outcome: "unknown_invoice", squareInvoiceId };

    const applied = await recordInvoiceState(tx, SQUARE_WEBHOOK_ACTOR, ours.id, {
      status,
      version: invoice?.version,
      publicUrl: invoice?.public_url,
      observedAt: new Date(event.created_at),
    });
    return applied ? { outcome: "applied", invoiceId: ours.id, status } : { outcome: "stale", invoiceId: ours.id };
  });
}
