// The event catalog grouped by what it is about, for the pickers and the catalog page.
import { EVENT_CATALOG, EVENT_TYPES, type EventType } from "@/server/webhooks/catalog";

const GROUP_LABELS: Record<string, string> = {
  listing: "Listings",
  media: "Media",
  shoot: "Shoots",
  order: "Orders",
  invoice: "Invoices",
  user: "Users",
  api_key: "API keys",
  webhook_endpoint: "Webhook endpoints",
};

export interface EventGroup {
  label: string;
  types: EventType[];
}

/** Groups in catalog order; an unknown prefix gets its own group, labelled with the prefix. */
export function groupEventTypes<T extends string>(types: readonly T[]): { label: string; types: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const type of types) {
    const prefix = type.split(".")[0]!;
    groups.set(prefix, [...(groups.get(prefix) ?? []), type]);
  }
  return [...groups].map(([prefix, members]) => ({ label: GROUP_LABELS[prefix] ?? prefix, types: members }));
}

export const EVENT_GROUPS: EventGroup[] = groupEventTypes(EVENT_TYPES);

export const eventDescription = (type: string): string | undefined =>
  Object.hasOwn(EVENT_CATALOG, type) ? EVENT_CATALOG[type as EventType].description : undefined;
