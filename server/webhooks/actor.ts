// Who caused an event. Every webhook event row records its actor (kind, id and the name to show),
// set when the event is emitted, so that a listing's history says who did what without a second
// log. The actor is ours alone: it is never part of what integrators receive (the envelope and
// each event's data are a contract). This file imports nothing server-only.

export const ACTOR_KINDS = [
  "user", // a dashboard user of the agency
  "platform_admin", // a Valara platform admin acting for the agency
  "api_key", // an integrator's API key
  "upload_ticket", // a photographer's upload link
  "cli", // the operator CLI
  "system", // Valara itself: Square's webhook, the webhook worker, ...
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export interface EventActor {
  kind: ActorKind;
  /** user_…, key_…, tkt_…, the operator's login, or the system part ("square_webhook"). */
  id: string | null;
  /** The name to show, as it was when the event happened. */
  display: string;
}

/** What an event is emitted for: the agency it belongs to and who caused it (an AgencyScope is one). */
export interface EventSource {
  agencyId: string;
  actor: EventActor;
}

/** Square telling us an invoice changed (its webhook). */
export const SQUARE_WEBHOOK_ACTOR: EventActor = { kind: "system", id: "square_webhook", display: "Square" };
/** The webhook worker, e.g. switching off an endpoint that keeps failing. */
export const WEBHOOK_WORKER_ACTOR: EventActor = { kind: "system", id: "webhook_worker", display: "Valara" };

/** How the dashboard's history names an actor ("Olivia Northlight", "API key “CRM sync”", …). */
export function describeActor(actor: EventActor | null): string {
  if (!actor) return "Unknown (recorded before Valara kept actors)";
  switch (actor.kind) {
    case "user":
      return actor.display;
    case "platform_admin":
      return `Platform admin ${actor.display}, on behalf of the agency`;
    case "api_key":
      return `API key “${actor.display}”`;
    case "upload_ticket":
      return `Upload link (${actor.display})`;
    case "cli":
      return `Operator CLI${actor.display ? ` (${actor.display})` : ""}`;
    case "system":
      return actor.display;
  }
}
