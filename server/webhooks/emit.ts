// Writing an event: the transactional outbox. The event row, and one delivery per enabled
// endpoint of the agency that subscribes to its type, are written in the SAME transaction as the
// change that caused them, so a crash at any moment after commit still delivers the event and a
// rolled-back change never does. pg_notify (delivered at commit) wakes the workers at once.
import { newId } from "../ids";
import { EVENT_CATALOG, type EventData, type EventType } from "./catalog";
import type { EventSource } from "./actor";

export const WEBHOOK_CHANNEL = "valara_webhooks";

/**
 * What emitting needs of a transaction: an agency-scoped one, or the platform's (the Square
 * webhook acts for no agency). Every query below names the agency itself, so either is safe.
 */
export interface OutboxTx {
  webhookEvent: {
    create(args: {
      data: {
        id: string;
        agencyId: string;
        type: string;
        apiVersion: string;
        data: object;
        test: boolean;
        actorKind: string;
        actorId: string | null;
        actorDisplay: string;
        listingNumber: string | null;
      };
    }): PromiseLike<unknown>;
  };
  webhookEndpoint: {
    findMany(args: {
      where: { agencyId: string; enabled: boolean; eventTypes?: { has: string }; id?: string };
      select: { id: true };
    }): PromiseLike<{ id: string }[]>;
  };
  webhookDelivery: { createMany(args: { data: { id: string; agencyId: string; eventId: string; endpointId: string }[] }): PromiseLike<unknown> };
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/**
 * One endpoint to deliver to, whatever types it subscribes to, instead of every subscriber; `test`
 * marks the event as made up (X-Valara-Test: true on the wire, `test` in the delivery log).
 */
export interface EmitTarget {
  endpointId: string;
  test: boolean;
}

/**
 * Writes one event of `source.agencyId`, recording `source.actor` (who caused it) beside it for
 * the dashboard's history; the actor is not part of what endpoints receive.
 */
export async function emitEvent<T extends EventType>(
  tx: OutboxTx,
  source: EventSource,
  type: T,
  data: EventData<T>,
  target?: EmitTarget,
): Promise<string> {
  const definition = EVENT_CATALOG[type];
  // A payload that does not match the catalog is a bug in the caller: fail the change, loudly.
  const payload = definition.data.parse(data);
  const { agencyId, actor } = source;
  const eventId = newId("webhookEvent");
  const listingNumber = (payload as { listing_number?: unknown }).listing_number;
  await tx.webhookEvent.create({
    data: {
      id: eventId,
      agencyId,
      type,
      apiVersion: definition.apiVersion,
      data: payload as object,
      test: target?.test ?? false,
      actorKind: actor.kind,
      actorId: actor.id,
      actorDisplay: actor.display,
      listingNumber: typeof listingNumber === "string" ? listingNumber : null,
    },
  });
  const endpoints = await tx.webhookEndpoint.findMany({
    where: target ? { agencyId, enabled: true, id: target.endpointId } : { agencyId, enabled: true, eventTypes: { has: type } },
    select: { id: true },
  });
  if (endpoints.length > 0) {
    await tx.webhookDelivery.createMany({
      data: endpoints.map((endpoint) => ({ id: newId("webhookDelivery"), agencyId, eventId, endpointId: endpoint.id })),
    });
    await tx.$executeRaw`SELECT pg_notify(${WEBHOOK_CHANNEL}, ${agencyId})`;
  }
  return eventId;
}
