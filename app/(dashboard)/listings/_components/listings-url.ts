// The listings screen keeps its state in the URL, so reload, back/forward and shared links work:
//   ?status=<coming_soon|active|...>   the status filter (absent: all)
//   ?cursors=<c1>.<c2>                 the stack of cursors that led to this page (absent: page 1)
//   ?size=<n>                          page size (absent: 25)
// Cursors are base64url, so "." can separate them.
import { LISTING_STATUSES, type ListingStatus } from "@/server/listings/lifecycle";

export const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const MAX_STACK = 200;

export interface ListingsUrlState {
  status: ListingStatus | null;
  cursors: string[];
  size: number;
}

export function readListingsUrl(params: URLSearchParams): ListingsUrlState {
  const rawStatus = params.get("status");
  const status = rawStatus && (LISTING_STATUSES as readonly string[]).includes(rawStatus) ? (rawStatus as ListingStatus) : null;
  const cursors = (params.get("cursors") ?? "")
    .split(".")
    .filter((c) => /^[A-Za-z0-9_-]{1,512}$/.test(c))
    .slice(0, MAX_STACK);
  const rawSize = Number(params.get("size"));
  const size = Number.isInteger(rawSize) && rawSize >= 1 && rawSize <= MAX_PAGE_SIZE ? rawSize : DEFAULT_PAGE_SIZE;
  return { status, cursors, size };
}

export function listingsHref(state: ListingsUrlState): string {
  const params = new URLSearchParams();
  if (state.status) params.set("status", state.status);
  if (state.cursors.length) params.set("cursors", state.cursors.join("."));
  if (state.size !== DEFAULT_PAGE_SIZE) params.set("size", String(state.size));
  const query = params.toString();
  return query ? `/listings?${query}` : "/listings";
}
