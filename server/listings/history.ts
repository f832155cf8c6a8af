// A listing's history: what happened to it, who did it and when, read from the events Valara
// writes for webhooks (server/webhooks/emit.ts records the actor and the listing number on each),
// so nothing is recorded twice. Newest first; test events (made-up data) are not history.
import type { AgencyScope } from "../db/tenant";
import { notFound } from "../errors";
import { paginate, type Page, type PageRequest } from "../pagination/cursor";
import type { HistoryEntryDto } from "../api/routers/listings/schemas";
import { ACTOR_KINDS, type ActorKind } from "../webhooks/actor";

export async function listingHistory({ db }: AgencyScope, listingNumber: string, page: PageRequest): Promise<Page<HistoryEntryDto>> {
  const tour = await db.tour.findUnique({ where: { listingNumber }, select: { id: true } });
  if (!tour) throw notFound("listing", listingNumber);
  // (agency_id, listing_number, id) is indexed: one range scan, newest first.
  const where = { listingNumber, test: false };
  return paginate(
    page,
    "desc",
    (after, take) =>
      db.webhookEvent.findMany({
        where: { ...where, ...after },
        orderBy: { id: "desc" },
        take,
        select: { id: true, type: true, createdAt: true, data: true, actorKind: true, actorId: true, actorDisplay: true },
      }),
    () => db.webhookEvent.count({ where }),
    (event) => ({
      event_id: event.id,
      type: event.type,
      occurred_at: event.createdAt.toISOString(),
      actor:
        event.actorKind && (ACTOR_KINDS as readonly string[]).includes(event.actorKind)
          ? { kind: event.actorKind as ActorKind, id: event.actorId, display: event.actorDisplay ?? "" }
          : null,
      data: (event.data ?? {}) as Record<string, unknown>,
    }),
  );
}
