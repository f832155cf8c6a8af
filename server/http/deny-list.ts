// The deny list: operations that exist in the dashboard (or that integrators read about) but are
// deliberately kept off the public API, each with the reason and the supported way instead.
// One table, used three ways: the REST pipeline answers a request for one of them with 404
// endpoint_not_in_scope (message and a machine-readable `not_in_scope` field in the envelope),
// the OpenAPI document publishes it as `x-valara-deny-list`, and /docs/deny-list renders it.
// An entry answers only where no real route matches, so a route added later wins over it.
// This file imports nothing server-only.

export interface DenyListEntry {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** The /api/v1 path an integrator would guess ({param} matches one segment). */
  path: `/${string}`;
  /** Why it is not on the public API. */
  reason: string;
  /** The supported way, for a person. */
  instead: string;
  /** The dashboard page that does it, if any. */
  dashboard_page?: `/${string}`;
  /** The /api/v1 operation that does it, if any ("POST /listings/{listing_number}/cancel"). */
  endpoint?: string;
}

export const DENY_LIST: readonly DenyListEntry[] = [
  {
    method: "POST",
    path: "/tours/{id}/share",
    reason: "Sharing a listing with another agency needs that agency's consent, which is given in the dashboard.",
    instead: "Share the listing from its page in the dashboard.",
    dashboard_page: "/listings",
  },
  {
    method: "POST",
    path: "/tours/{id}/delivery/trigger",
    reason: "Triggering a delivery by hand bypasses the delivery queue and can deliver files twice.",
    instead: "Deliver through the queue with POST /listings/{listing_number}/media/deliver.",
    endpoint: "POST /listings/{listing_number}/media/deliver",
  },
  {
    method: "POST",
    path: "/rmd/designs/{id}/export",
    reason: "Marketing designs are exported by people reviewing them, not by integrations.",
    instead: "Export the design from the dashboard.",
    dashboard_page: "/listings",
  },
  {
    method: "POST",
    path: "/orders/submit",
    reason: "Prices and discounts are decided in the order form, not by the caller.",
    instead: "Create the listing with its package and add-ons (POST /listings); Valara prices the order.",
    endpoint: "POST /listings",
  },
  {
    method: "POST",
    path: "/orders",
    reason: "Prices and discounts are decided in the order form, not by the caller.",
    instead: "Create the listing with its package and add-ons (POST /listings); Valara prices the order.",
    endpoint: "POST /listings",
  },
  {
    method: "PATCH",
    path: "/appointments/{id}",
    reason: "Appointments are shoots of a listing; changing one by a bare id skips the availability and notice rules.",
    instead: "Reschedule with PATCH /listings/{listing_number}/shoots/{shoot_id} or in the dashboard calendar; cancel with POST /listings/{listing_number}/shoots/{shoot_id}/cancel.",
    dashboard_page: "/calendar",
    endpoint: "PATCH /listings/{listing_number}/shoots/{shoot_id}",
  },
  {
    method: "POST",
    path: "/invoices",
    reason: "Invoices are created from an order and published through Square by the agency's staff.",
    instead: "Send the order's invoice from the dashboard's Orders page; read it with GET /listings/{listing_number}/orders.",
    dashboard_page: "/orders",
    endpoint: "GET /listings/{listing_number}/orders",
  },
  {
    method: "POST",
    path: "/invoices/{id}/send",
    reason: "Sending an invoice makes Square email the client; only the agency's staff may do it.",
    instead: "Send it from the dashboard's Orders page.",
    dashboard_page: "/orders",
  },
  {
    method: "POST",
    path: "/orders/{id}/invoice/send",
    reason: "Sending an invoice makes Square email the client; only the agency's staff may do it.",
    instead: "Send it from the dashboard's Orders page.",
    dashboard_page: "/orders",
  },
  {
    method: "POST",
    path: "/users",
    reason: "People are invited and given roles by the agency's owner, who answers for who can sign in.",
    instead: "Add people on the dashboard's People page; read them with GET /users.",
    dashboard_page: "/people",
    endpoint: "GET /users",
  },
  {
    method: "PATCH",
    path: "/users/{id}",
    reason: "Roles, teams and deactivation are decided by the agency's owner.",
    instead: "Change the person on the dashboard's People page.",
    dashboard_page: "/people",
  },
  {
    method: "DELETE",
    path: "/users/{id}",
    reason: "People are deactivated, never deleted, by the agency's owner (their listings keep their history).",
    instead: "Deactivate the person on the dashboard's People page.",
    dashboard_page: "/people",
  },
  {
    method: "POST",
    path: "/teams",
    reason: "Teams are managed by the agency's owner.",
    instead: "Manage teams on the dashboard's People page.",
    dashboard_page: "/people",
  },
  {
    method: "PATCH",
    path: "/teams/{id}",
    reason: "Teams are managed by the agency's owner.",
    instead: "Manage teams on the dashboard's People page.",
    dashboard_page: "/people",
  },
  {
    method: "PATCH",
    path: "/scheduling/settings",
    reason: "Business hours, photographers, notice and travel buffers are the agency's own settings.",
    instead: "Change them on the dashboard's Scheduling page; read free slots with GET /scheduling/availability.",
    dashboard_page: "/settings/scheduling",
    endpoint: "GET /scheduling/availability",
  },
  {
    method: "PUT",
    path: "/scheduling/hours",
    reason: "Business hours are the agency's own settings.",
    instead: "Change them on the dashboard's Scheduling page.",
    dashboard_page: "/settings/scheduling",
  },
  {
    method: "POST",
    path: "/scheduling/blocks",
    reason: "Blocked time is the agency's own calendar.",
    instead: "Block time on the dashboard's Scheduling page.",
    dashboard_page: "/settings/scheduling",
  },
  {
    method: "POST",
    path: "/packages",
    reason: "Packages and prices are the agency's catalog, kept by its owner.",
    instead: "Manage packages on the dashboard's Packages page; pass a package's code as `package` when you create a listing.",
    dashboard_page: "/packages",
  },
  {
    method: "PATCH",
    path: "/packages/{id}",
    reason: "Packages and prices are the agency's catalog, kept by its owner.",
    instead: "Manage packages on the dashboard's Packages page.",
    dashboard_page: "/packages",
  },
  {
    method: "POST",
    path: "/api-keys",
    reason: "API keys are minted by people, shown once, on the dashboard; a key cannot mint keys.",
    instead: "Generate, rotate or disable keys on the dashboard's API keys page.",
    dashboard_page: "/settings/api-keys",
  },
];

export const operationOf = (entry: Pick<DenyListEntry, "method" | "path">) => `${entry.method} ${entry.path}`;

const patterns = DENY_LIST.map((entry) => ({
  entry,
  pattern: new RegExp(
    `^${entry.path
      .split("/")
      .map((segment) => (/^\{\w+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/")}$`,
    "i",
  ),
}));

/** The entry a request is for (path below /api/v1, trailing slashes ignored), if any. */
export function deniedOperation(method: string, path: string): DenyListEntry | undefined {
  const normalized = `/${path.replace(/^\/+|\/+$/g, "")}`;
  const upper = method.toUpperCase();
  return patterns.find(({ entry, pattern }) => entry.method === upper && pattern.test(normalized))?.entry;
}

/** The envelope's machine-readable field for an entry (additive beside code/message/details). */
export function notInScopeField(entry: DenyListEntry) {
  return {
    operation: operationOf(entry),
    reason: entry.reason,
    supported_alternative: entry.instead,
    dashboard_page: entry.dashboard_page ?? null,
    endpoint: entry.endpoint ?? null,
  };
}
