import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor, paginate } from "./cursor";

const ids = Array.from({ length: 23 }, (_, i) => `tour_01JB${String(i).padStart(2, "0")}${"0".repeat(20)}`);

describe("cursors", () => {
  it("round-trip an id and look opaque", () => {
    const cursor = encodeCursor(ids[3]!);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain("tour_");
    expect(decodeCursor(cursor)).toBe(ids[3]);
  });

  it.each([
    ["garbage", "not-base64!"],
    ["valid base64, not JSON", Buffer.from("hello").toString("base64url")],
    ["JSON without an id", Buffer.from(JSON.stringify({ v: 1 })).toString("base64url")],
    ["another version", Buffer.from(JSON.stringify({ v: 9, id: ids[0] })).toString("base64url")],
    ["an id that is not ours", Buffer.from(JSON.stringify({ v: 1, id: "1 OR 1=1" })).toString("base64url")],
    ["too long", "A".repeat(600)],
  ])("reject %s with invalid_cursor", (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrowError(AppError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as AppError).code).toBe("invalid_cursor");
      expect((error as AppError).status).toBe(400);
    }
  });
});

describe("paginate", () => {
  const source = (order: "asc" | "desc") => {
    const sorted = order === "asc" ? [...ids] : [...ids].reverse();
    return (after: { id?: { gt: string } | { lt: string } }, take: number) => {
      const filtered = sorted.filter((id) => {
        if (!after.id) return true;
        return "gt" in after.id ? id > after.id.gt : id < after.id.lt;
      });
      return Promise.resolve(filtered.slice(0, take).map((id) => ({ id })));
    };
  };

  for (const order of ["asc", "desc"] as const) {
    it(`walks every row exactly once (${order}), ending with an empty cursor`, async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await paginate({ limit: 5, cursor }, order, source(order), async () => ids.length, (r) => r.id);
        expect(page.total).toBe(23);
        seen.push(...page.items);
        cursor = page.next_cursor || undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      expect(seen).toEqual(order === "asc" ? ids : [...ids].reverse());
    });
  }

  it("returns an empty cursor when the last page is exactly full", async () => {
    const page = await paginate({ limit: 23 }, "asc", source("asc"), async () => 23, (r) => r.id);
    expect(page.items).toHaveLength(23);
    expect(page.next_cursor).toBe("");
  });
});
