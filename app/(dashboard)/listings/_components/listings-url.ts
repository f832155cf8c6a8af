// The listings screen keeps its state in the URL, so reload, back/forward and shared links work:
//   ?q=<text>                          the search (address or listing number)
//   ?status=<coming_soon|active|...>   the status filter (absent: all)
//   ?agent=<user id>                   listings where this user is agent one or two
//   ?sort=<created|updated|address>    and ?order=<asc|desc> (absent: newest first)
//   ?cursors=<c1>.<c2>                 the stack of cursors that led to this page (absent: page 1)
//   ?size=<n>                          page size (absent: 25)
// Cursors are base64url, so "." can separate them.
import { LISTING_STATUSES, type ListingStatus } from "@/server/listings/lifecycle";
import { LISTING_SORTS, SORT_ORDERS, type ListingSort, type SortOrder } from "@/server/api/routers/listings/schemas";

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const MAX_STACK = 200;

export interface ListingsUrlState {
  q: string;
  status: ListingStatus | null;
  agent: string | null;
  sort: ListingSort;
  /** null: the sort's default (desc for dates, asc for the address). */
  order: SortOrder | null;
  cursors: string[];
  size: number;
}

export const DEFAULT_STATE: ListingsUrlState = { q: "", status: null, agent: null, sort: "created", order: null, cursors: [], size: DEFAULT_PAGE_SIZE };

export function readListingsUrl(params: URLSearchParams): ListingsUrlState {
  const rawStatus = params.get("status");
  const status = rawStatus && (LISTING_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as ListingStatus) : null;
  const rawAgent = params.get("agent");
  const agent = rawAgent && /^user_[0-9A-Za-z]{26}$/.test(rawAgent) ? rawAgent : null;
  const rawSort = params.get("sort");
  const sort = (LISTING_SORTS as readonly string[]).includes(rawSort ?? "") ? (rawSort as ListingSort) : "created";
  const rawOrder = params.get("order");
  const order = (SORT_ORDERS as readonly string[]).includes(rawOrder ?? "") ? (rawOrder as SortOrder) : null;
  const q = (params.get("q") ?? "").slice(0, 200);
  const cursors = (params.get("cursors") ?? "")
    .split(".")
    .filter((c) => /^[A-Za-z0-9_-]{1,4096}$/.test(c))
    .slice(0, MAX_STACK);
  const rawSize = Number(params.get("size"));
  const size = Number.isInteger(rawSize) && rawSize >= 1 && rawSize <= MAX_PAGE_SIZE ? rawSize : DEFAULT_PAGE_SIZE;
  return { q, status, agent, sort, order, cursors, size };
}

export function listingsHref(state: ListingsUrlState): string {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set("q", state.q.trim());
  if (state.status) params.set("status", state.status);
  if (state.agent) params.set("agent", state.agent);
  if (state.sort !== "created") params.set("sort", state.sort);
  if (state.order) params.set("order", state.order);
  if (state.cursors.length) params.set("cursors", state.cursors.join("."));
  if (state.size !== DEFAULT_PAGE_SIZE) params.set("size", String(state.size));
  const query = params.toString();
  return query ? `/listings?${query}` : "/listings";
}

/** The sort menu's choices: each a sort and an order. */
export const SORT_CHOICES: { value: string; label: string; sort: ListingSort; order: SortOrder | null }[] = [
  { value: "created", label: "Newest first", sort: "created", order: null },
  { value: "created_asc", label: "Oldest first", sort: "created", order: "asc" },
  { value: "updated", label: "Recently updated", sort: "updated", order: null },
  { value: "updated_asc", label: "Least recently updated", sort: "updated", order: "asc" },
  { value: "address", label: "Address A–Z", sort: "address", order: null },
  { value: "address_desc", label: "Address Z–A", sort: "address", order: "desc" },
];

export function sortChoiceOf(state: Pick<ListingsUrlState, "sort" | "order">): string {
  const defaultOrder = state.sort === "address" ? "asc" : "desc";
  const order = state.order ?? defaultOrder;
  return order === defaultOrder ? state.sort : `${state.sort}_${order}`;
}
