// The one table of /api/v1 rate-limit budgets: which named budget each operation draws from, and
// each budget's default (requests per 60 s per API key). The names and figures of the first
// eleven are the ones Valara's published "Rate limits" page promises integrators; the others are
// ours, for operations added since, and are documented in the README from this table.
// Every route of /api/v1 must appear in OPERATION_BUDGETS (budgets.test.ts checks it), so a new
// endpoint cannot ship without a budget of its own.

export const WINDOW_SECONDS = 60;

/** How many keys' worth of the per-key limit one agency may use in a window, all keys together. */
export const AGENCY_CEILING_FACTOR = 2;

export const BUDGETS = {
  read_listings_list: { limit: 300, description: "List listings." },
  read_listing_single: { limit: 600, description: "Read one listing." },
  get_listing_orders: { limit: 300, description: "A listing's orders." },
  create_listing: { limit: 200, description: "Create a listing." },
  update_listing_status: { limit: 200, description: "Change a listing's status." },
  cancel_listing: { limit: 100, description: "Cancel a listing." },
  update_section: { limit: 200, description: "Update a listing section." },
  upload_media: { limit: 20, description: "Upload media, ask for upload tickets." },
  get_availability: { limit: 600, description: "Scheduling availability." },
  read_users_list: { limit: 300, description: "List users." },
  read_user_single: { limit: 600, description: "Read one user (published; no such endpoint yet)." },
  get_webhook_catalog: { limit: 60, description: "The webhook event catalog." },
  // Ours, for operations added after the published page.
  deliver_media: { limit: 60, description: "Deliver a listing's media." },
  read_media: { limit: 600, description: "Read or download media." },
  curate_media: { limit: 200, description: "Reorder media, set captions and the cover, delete and restore." },
  write_shoots: { limit: 100, description: "Book, cancel or complete shoots." },
  read_webhook_endpoints: { limit: 300, description: "List or read webhook endpoints and deliveries." },
  write_webhook_endpoints: { limit: 60, description: "Create, change, delete webhook endpoints; rotate their secrets." },
  redeliver_webhook: { limit: 10, description: "Redeliver a webhook delivery." },
  test_webhook: { limit: 5, description: "Send a test event to a webhook endpoint." },
  other: { limit: 100, description: "Any operation not listed above (none today; a safety net)." },
} as const satisfies Record<string, { limit: number; description: string }>;

export type BudgetName = keyof typeof BUDGETS;

/**
 * The dashboard's /api/trpc, per signed-in user (platform admins included), whatever agency they
 * act for: generous for a person clicking (a page load is a handful of queries, some refetch every
 * 15 s), a wall for a script driving a session. API keys never draw from these.
 */
export const SESSION_BUDGETS = {
  dashboard_reads: { limit: 1200, description: "Dashboard queries per signed-in user." },
  dashboard_writes: { limit: 300, description: "Dashboard changes per signed-in user." },
} as const satisfies Record<string, { limit: number; description: string }>;

export type SessionBudgetName = keyof typeof SESSION_BUDGETS;
export type AnyBudgetName = BudgetName | SessionBudgetName;

export const isBudgetName = (name: string): name is AnyBudgetName => name in BUDGETS || name in SESSION_BUDGETS;
export const defaultLimitOf = (budget: AnyBudgetName): number =>
  budget in SESSION_BUDGETS ? SESSION_BUDGETS[budget as SessionBudgetName].limit : BUDGETS[budget as BudgetName].limit;

/** "METHOD /template" (the template as the route declares it) → budget. */
export const OPERATION_BUDGETS: Readonly<Record<string, BudgetName>> = {
  "GET /listings": "read_listings_list",
  "POST /listings": "create_listing",
  "GET /listings/{listing_number}": "read_listing_single",
  "GET /listings/{listing_number}/orders": "get_listing_orders",
  "PATCH /listings/{listing_number}/status": "update_listing_status",
  "POST /listings/{listing_number}/cancel": "cancel_listing",
  "PATCH /listings/{listing_number}/sections/{section}": "update_section",
  "POST /listings/{listing_number}/media/deliver": "deliver_media",
  "POST /listings/{listing_number}/upload-tickets": "upload_media",
  "POST /media/upload": "upload_media",
  "GET /media/{media_id}": "read_media",
  "POST /listings/{listing_number}/media/order": "curate_media",
  "PATCH /media/{media_id}": "curate_media",
  "POST /media/{media_id}/delete": "curate_media",
  "POST /media/{media_id}/restore": "curate_media",
  "POST /listings/{listing_number}/shoots": "write_shoots",
  "PATCH /listings/{listing_number}/shoots/{shoot_id}": "write_shoots",
  "POST /listings/{listing_number}/shoots/{shoot_id}/cancel": "write_shoots",
  "POST /listings/{listing_number}/shoots/{shoot_id}/complete": "write_shoots",
  "GET /scheduling/availability": "get_availability",
  "GET /users": "read_users_list",
  "GET /webhooks/events": "get_webhook_catalog",
  "GET /webhooks/endpoints": "read_webhook_endpoints",
  "POST /webhooks/endpoints": "write_webhook_endpoints",
  "GET /webhooks/endpoints/{endpoint_id}": "read_webhook_endpoints",
  "PATCH /webhooks/endpoints/{endpoint_id}": "write_webhook_endpoints",
  "DELETE /webhooks/endpoints/{endpoint_id}": "write_webhook_endpoints",
  "POST /webhooks/endpoints/{endpoint_id}/rotate-secret": "write_webhook_endpoints",
  "GET /webhooks/endpoints/{endpoint_id}/deliveries": "read_webhook_endpoints",
  "POST /webhooks/endpoints/{endpoint_id}/test": "test_webhook",
  "POST /webhooks/deliveries/{delivery_id}/redeliver": "redeliver_webhook",
};

export function budgetOf(method: string, template: string): BudgetName {
  return OPERATION_BUDGETS[`${method.toUpperCase()} ${template}`] ?? "other";
}
