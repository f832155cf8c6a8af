// Opaque cursors for keyset pagination. Every list is ordered by id (prefixed ULIDs, so by
// creation time) and a cursor is the last id a page returned, wrapped so that callers treat it
// as opaque and we can change what is inside without breaking them.
import { AppError } from "../errors";

const VERSION = 1;

export function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ v: VERSION, id: lastId }), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const invalid = () => new AppError("invalid_cursor", "cursor: not a cursor this API returned; start again without one.", [
    { field: "cursor", message: "not a cursor this API returned" },
  ]);
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (
    !parsed ||
    typeof parsed !== "object" ||
    (parsed as { v?: unknown }).v !== VERSION ||
    typeof (parsed as { id?: unknown }).id !== "string" ||
    !/^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/.test((parsed as { id: string }).id)
  ) {
    throw invalid();
  }
  return (parsed as { id: string }).id;
}

const SORTED_VERSION = 2;

/**
 * A cursor for a list ordered by (key, id) rather than by id alone: it carries the sort it belongs
 * to and the last row's key and id, so that paging stays exact under any sort and a cursor from
 * another sort is refused rather than misread.
 */
export function encodeSortedCursor(sort: string, key: string, lastId: string): string {
  return Buffer.from(JSON.stringify({ v: SORTED_VERSION, s: sort, k: key, id: lastId }), "utf8").toString("base64url");
}

export function decodeSortedCursor(cursor: string, sort: string): { key: string; id: string } {
  const invalid = () =>
    new AppError("invalid_cursor", "cursor: not a cursor of this list in this order; start again without one.", [
      { field: "cursor", message: "not a cursor of this list in this order" },
    ]);
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(cursor)) throw invalid();
  let parsed: { v?: unknown; s?: unknown; k?: unknown; id?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (
    !parsed ||
    typeof parsed !== "object" ||
    parsed.v !== SORTED_VERSION ||
    parsed.s !== sort ||
    typeof parsed.k !== "string" ||
    typeof parsed.id !== "string" ||
    !/^[a-z]+_[0-9A-HJKMNP-TV-Z]{26}$/.test(parsed.id)
  ) {
    throw invalid();
  }
  return { key: parsed.k, id: parsed.id };
}

export interface Page<T> {
  items: T[];
  next_cursor: string;
  total: number;
}

export interface PageRequest {
  limit: number;
  cursor?: string;
}

/**
 * One page of a list ordered by id. `fetch` receives the keyset condition to add to its filter and
 * the number of rows to take (one more than the page, to know whether another page follows).
 */
export async function paginate<Row extends { id: string }, Item>(
  request: PageRequest,
  order: "asc" | "desc",
  fetch: (after: { id?: { gt: string } | { lt: string } }, take: number) => Promise<Row[]>,
  count: () => Promise<number>,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  const afterId = request.cursor ? decodeCursor(request.cursor) : undefined;
  const keyset = afterId ? { id: order === "asc" ? { gt: afterId } : { lt: afterId } } : {};
  const [rows, total] = await Promise.all([fetch(keyset, request.limit + 1), count()]);
  const hasMore = rows.length > request.limit;
  const pageRows = hasMore ? rows.slice(0, request.limit) : rows;
  return {
    items: pageRows.map(toItem),
    next_cursor: hasMore ? encodeCursor(pageRows[pageRows.length - 1]!.id) : "",
    total,
  };
}
