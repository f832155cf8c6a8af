// The listings table: filters (status, agent, a search), one of three sorts, and keyset paging that
// stays exact under each sort. Each sort orders by (its key, id), id breaking ties, and its cursor
// carries the last row's key and id (server/pagination/cursor.ts).
import type { AgencyScope } from "../db/tenant";
import type { Prisma } from "../db/generated/client.ts";
import { decodeCursor, decodeSortedCursor, encodeCursor, encodeSortedCursor, type Page } from "../pagination/cursor";
import type { ListingDto, ListingSort, ListListingsInput, SortOrder } from "../api/routers/listings/schemas";
import { listingInclude, toListingDto, type ListingRecord } from "./load";

/** asc for the address (A to Z), desc (newest first) for the dates. */
export const defaultOrder = (sort: ListingSort): SortOrder => (sort === "address" ? "asc" : "desc");

/** LIKE's wildcards in the user's text match themselves. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The filter of the table: status, agent (one or two) and the search. */
export function listingsWhere(input: Pick<ListListingsInput, "status" | "agent_id" | "q">): Prisma.TourWhereInput {
  const q = input.q?.trim();
  return {
    AND: [
      input.status ? { status: input.status } : {},
      input.agent_id ? { OR: [{ agentOneId: input.agent_id }, { agentTwoId: input.agent_id }] } : {},
      // Both columns carry a trigram index (pg_trgm), which answers ILIKE '%…%'.
      q
        ? {
            OR: [
              { address: { contains: likeEscape(q), mode: "insensitive" as const } },
              { listingNumber: { contains: likeEscape(q.toUpperCase()) } },
            ],
          }
        : {},
    ],
  };
}

interface SortSpec {
  /** The row's sort key as the cursor stores it. */
  key(row: ListingRecord): string;
  /** Rows after (key, id) in this order. */
  after(key: string, id: string, order: SortOrder): Prisma.TourWhereInput;
  orderBy(order: SortOrder): Prisma.TourOrderByWithRelationInput[];
}

const past = (order: SortOrder) => (order === "asc" ? "gt" : "lt");

const SORTS: Record<Exclude<ListingSort, "created">, SortSpec> = {
  updated: {
    key: (row) => row.updatedAt.toISOString(),
    after: (key, id, order) => {
      const at = new Date(key);
      return { OR: [{ updatedAt: { [past(order)]: at } }, { updatedAt: at, id: { [past(order)]: id } }] };
    },
    orderBy: (order) => [{ updatedAt: order }, { id: order }],
  },
  address: {
    key: (row) => row.address,
    after: (key, id, order) => ({ OR: [{ address: { [past(order)]: key } }, { address: key, id: { [past(order)]: id } }] }),
    orderBy: (order) => [{ address: order }, { id: order }],
  },
};

/**
 * One page of the agency's listings. Created order is id order (ids are ULIDs minted at creation),
 * and its newest-first cursor is the plain id cursor integrators already hold; every other sort's
 * cursor names its sort, so one from another sort is 400 invalid_cursor.
 */
export async function listListings({ db }: AgencyScope, input: ListListingsInput, appUrl: string): Promise<Page<ListingDto>> {
  const sort = input.sort ?? "created";
  const order = input.order ?? defaultOrder(sort);
  const sortName = `${sort}_${order}`;
  const where = listingsWhere(input);
  const legacy = sort === "created" && order === "desc";

  let after: Prisma.TourWhereInput = {};
  if (input.cursor) {
    if (legacy) after = { id: { lt: decodeCursor(input.cursor) } };
    else {
      const { key, id } = decodeSortedCursor(input.cursor, sortName);
      after = sort === "created" ? { id: { [past(order)]: id } } : SORTS[sort].after(key, id, order);
    }
  }
  const orderBy = sort === "created" ? [{ id: order }] : SORTS[sort].orderBy(order);
  const [rows, total] = await Promise.all([
    db.tour.findMany({ where: { AND: [where, after] }, orderBy, take: input.limit + 1, include: listingInclude }),
    db.tour.count({ where }),
  ]);
  const hasMore = rows.length > input.limit;
  const page = hasMore ? rows.slice(0, input.limit) : rows;
  const last = page[page.length - 1];
  let nextCursor = "";
  if (hasMore && last) {
    nextCursor = legacy ? encodeCursor(last.id) : encodeSortedCursor(sortName, sort === "created" ? last.id : SORTS[sort].key(last), last.id);
  }
  return { items: page.map((tour) => toListingDto(tour, appUrl)), next_cursor: nextCursor, total };
}
