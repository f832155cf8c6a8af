// Cursor pagination on every list: {items, next_cursor, total}, limit 1-200 (default 50), opaque
// cursors, "" at the end, a stable order. Five hundred listings in a fresh agency, paged through
// with several limits; the status and agent_id filters over them.
import { expect, test } from "@playwright/test";
import { provisionAgency, type ProvisionedAgency } from "../support/cli";
import {
  ApiClient,
  allPages,
  createListing,
  expectError,
  expectJson,
  expectValidation,
  mapLimit,
  setStatus,
  withRequest,
  type Res,
} from "../support/api";

const COUNT = 500;

interface Created {
  listing_number: string;
  agent_one_id: string;
  agent_two_id: string | null;
  status: string;
}

let agency: ProvisionedAgency;
let created: Created[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(240_000);
  agency = await provisionAgency("pages");
  const [a1, a2] = agency.agentIds as [string, string];
  // Agents by index: a1 alone; a2 with a1 second; a2 alone; the owner with a2 second.
  const agentsOf = (i: number): [string, string | null] =>
    [[a1, null], [a2, a1], [a2, null], [agency.ownerId, a2]][i % 4] as [string, string | null];

  await withRequest(playwright, async (request) => {
    const api = new ApiClient(request, agency.key);
    created = await mapLimit(Array.from({ length: COUNT }, (_, i) => i), 8, async (i) => {
      const [one, two] = agentsOf(i);
      const listing = await createListing(api, agency, { address: `${i + 1} Paging Way`, agent_one_id: one, agent_two_id: two });
      return { listing_number: listing.listing_number, agent_one_id: one, agent_two_id: two, status: "Coming Soon" };
    });
    // A few in each other status: 6 Active, 3 Off Market, 2 Sold, 2 Cancelled.
    const moves: [number, string[]][] = [
      ...[0, 1, 2, 3, 4, 5].map((i): [number, string[]] => [i * 37, ["Active"]]),
      ...[6, 7, 8].map((i): [number, string[]] => [i * 37, ["Off Market"]]),
      ...[9, 10].map((i): [number, string[]] => [i * 37, ["Active", "Sold"]]),
    ];
    await mapLimit(moves, 4, async ([index, statuses]) => {
      for (const status of statuses) await setStatus(api, created[index]!.listing_number, status);
      created[index]!.status = statuses.at(-1)!;
    });
    for (const index of [11 * 37, 12 * 37]) {
      const res = await api.post(`/listings/${created[index]!.listing_number}/cancel`);
      expectJson(res, 200);
      created[index]!.status = "Cancelled";
    }
  });
});

const numbers = (pages: Res[]) => pages.flatMap((page) => page.body.items.map((l: { listing_number: string }) => l.listing_number));

/** Checks a full traversal: every page's shape and total, no item twice, none missed. */
function expectCompleteTraversal(pages: Res[], expected: string[], limits: number[]) {
  const seen = numbers(pages);
  pages.forEach((page, i) => {
    expect(Object.keys(page.body).sort()).toEqual(["items", "next_cursor", "total"]);
    expect(page.body.total, `total on page ${i + 1}`).toBe(expected.length);
    const limit = limits[Math.min(i, limits.length - 1)]!;
    if (i < pages.length - 1) {
      expect(page.body.items.length, `page ${i + 1} is full`).toBe(limit);
      expect(page.body.next_cursor).not.toBe("");
    } else {
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(page.body.items.length).toBeLessThanOrEqual(limit);
      expect(page.body.next_cursor, "the last page ends with an empty cursor").toBe("");
    }
  });
  expect(new Set(seen).size, "no listing twice").toBe(seen.length);
  expect([...seen].sort()).toEqual([...expected].sort());
  return seen;
}

/** Pages through with a limit that may change from page to page (the last entry repeats). */
async function traverse(api: ApiClient, path: string, limits: number[], params: Record<string, string> = {}): Promise<Res[]> {
  const pages: Res[] = [];
  let cursor = "";
  do {
    const limit = limits[Math.min(pages.length, limits.length - 1)]!;
    const res = await api.get(path, { params: { ...params, limit, ...(cursor ? { cursor } : {}) } });
    expectJson(res, 200);
    pages.push(res);
    cursor = res.body.next_cursor;
  } while (cursor !== "" && pages.length < 1000);
  return pages;
}

test.describe("five hundred listings", () => {
  let reference: string[] = [];

  test("the default page is 50 of 500, with a cursor to the next", async ({ request }) => {
    const res = await new ApiClient(request, agency.key).get("/listings");
    expectJson(res, 200);
    expect(res.body.total).toBe(COUNT);
    expect(res.body.items).toHaveLength(50);
    expect(typeof res.body.next_cursor).toBe("string");
    expect(res.body.next_cursor).not.toBe("");
  });

  test("limit 200: three pages (200, 200, 100), every listing exactly once", async ({ request }) => {
    const pages = await traverse(new ApiClient(request, agency.key), "/listings", [200]);
    expect(pages.map((p) => p.body.items.length)).toEqual([200, 200, 100]);
    reference = expectCompleteTraversal(pages, created.map((c) => c.listing_number), [200]);
  });

  test("limit 50: exactly ten pages, the tenth ends the list; same order", async ({ request }) => {
    const pages = await traverse(new ApiClient(request, agency.key), "/listings", [50]);
    expect(pages).toHaveLength(10);
    expect(expectCompleteTraversal(pages, reference, [50])).toEqual(reference);
  });

  test("limit 7: seventy-two pages; same order", async ({ request }) => {
    const pages = await traverse(new ApiClient(request, agency.key), "/listings", [7]);
    expect(pages).toHaveLength(Math.ceil(COUNT / 7));
    expect(pages.at(-1)!.body.items).toHaveLength(COUNT % 7);
    expect(expectCompleteTraversal(pages, reference, [7])).toEqual(reference);
  });

  test("limit 1 for a stretch, then 13, then 200 on the same cursor chain; same order", async ({ request }) => {
    const limits = [...Array<number>(25).fill(1), 13, 13, 200];
    const pages = await traverse(new ApiClient(request, agency.key), "/listings", limits);
    expect(pages.map((p) => p.body.items.length)).toEqual([...Array<number>(25).fill(1), 13, 13, 200, 200, COUNT - 25 - 26 - 400]);
    expect(expectCompleteTraversal(pages, reference, limits)).toEqual(reference);
  });

  test("a cursor is stable: the same cursor returns the same page again", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const first = await api.get("/listings", { params: { limit: 30 } });
    const cursor = first.body.next_cursor;
    const a = await api.get("/listings", { params: { limit: 30, cursor } });
    const b = await api.get("/listings", { params: { limit: 30, cursor } });
    expect(numbers([a])).toEqual(numbers([b]));
    expect(numbers([a])).toEqual(reference.slice(30, 60));
  });

  test("status filter: labels and snake_case select the same listings, across pages", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    for (const [label, variants] of [
      ["Coming Soon", ["Coming Soon", "coming_soon"]],
      ["Active", ["Active", "active"]],
      ["Off Market", ["Off Market", "off_market"]],
      ["Sold", ["Sold", "sold"]],
      ["Cancelled", ["Cancelled", "cancelled"]],
    ] as const) {
      const expected = created.filter((c) => c.status === label).map((c) => c.listing_number);
      expect(expected.length, `setup has ${label} listings`).toBeGreaterThan(0);
      for (const status of variants) {
        const pages = await traverse(api, "/listings", [label === "Coming Soon" ? 200 : 4], { status });
        const seen = expectCompleteTraversal(pages, expected, [label === "Coming Soon" ? 200 : 4]);
        for (const page of pages) for (const item of page.body.items) expect(item.status).toBe(label);
        // The filtered order is the reference order restricted to the filter.
        expect(seen).toEqual(reference.filter((n) => expected.includes(n)));
      }
    }
  });

  test("an unknown status filter is 400 naming status", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    for (const status of ["Pending", "Sold!", ""]) {
      const error = expectValidation(await api.get("/listings", { params: { status } }), ["status"]);
      expect(error.message).toContain("Coming Soon");
    }
  });

  test("agent_id filter: listings where the user is agent one or agent two", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const [a1, a2] = agency.agentIds as [string, string];
    for (const agent of [a1, a2, agency.ownerId]) {
      const expected = created.filter((c) => c.agent_one_id === agent || c.agent_two_id === agent).map((c) => c.listing_number);
      const pages = await traverse(api, "/listings", [200], { agent_id: agent });
      expectCompleteTraversal(pages, expected, [200]);
      for (const page of pages) {
        for (const item of page.body.items) expect([item.agent_one_id, item.agent_two_id]).toContain(agent);
      }
    }
    // a1 is agent one of a quarter and agent two of another quarter.
    const a1Total = (await api.get("/listings", { params: { agent_id: a1, limit: 1 } })).body.total;
    expect(a1Total).toBe(COUNT / 2);
    // The viewer is nobody's agent.
    const none = await api.get("/listings", { params: { agent_id: agency.viewerId } });
    expect(none.body).toEqual({ items: [], next_cursor: "", total: 0 });
  });

  test("status and agent_id combine", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const a2 = agency.agentIds[1]!;
    const expected = created
      .filter((c) => c.status === "Coming Soon" && (c.agent_one_id === a2 || c.agent_two_id === a2))
      .map((c) => c.listing_number);
    const pages = await traverse(api, "/listings", [100], { status: "coming_soon", agent_id: a2 });
    expectCompleteTraversal(pages, expected, [100]);
  });
});

test.describe("limit and cursor validation, on every list", () => {
  let listingNumber: string;

  test.beforeAll(async () => {
    listingNumber = created[0]!.listing_number;
  });

  const lists = () => ["/listings", "/users", `/listings/${listingNumber}/orders`];

  test("limit accepts 1 to 200", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    for (const path of lists()) {
      for (const limit of [1, 200]) {
        const res = await api.get(path, { params: { limit } });
        expectJson(res, 200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
      }
    }
    expect((await api.get("/listings", { params: { limit: 200 } })).body.items).toHaveLength(200);
    expect((await api.get("/listings", { params: { limit: 1 } })).body.items).toHaveLength(1);
  });

  for (const limit of ["0", "201", "-1", "abc", "1.5", "1e3"]) {
    test(`limit=${limit} is 400 validation_failed naming limit`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      for (const path of lists()) expectValidation(await api.get(path, { params: { limit } }), ["limit"]);
    });
  }

  test("a cursor this API did not issue is 400 invalid_cursor", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const garbage = [
      "garbage",
      "!!!",
      "eyJpZCI6Ik9...", // the documentation's example, truncated
      b64({ v: 2, id: "tour_01JD3Q6W4ZKXY3T5V7B9C1D2EF" }),
      b64({ v: 1, id: "not an id" }),
      b64({ v: 1 }),
      b64([1, 2, 3]),
      Buffer.from("hello").toString("base64url"),
      "A".repeat(600), // too long to be ours
    ];
    for (const path of lists()) {
      for (const cursor of garbage) {
        const error = expectError(await api.get(path, { params: { cursor } }), 400, "invalid_cursor");
        expect(error.details?.map((d) => d.field)).toEqual(["cursor"]);
      }
    }
  });

  test("a listing's orders are a page too", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const pages = await allPages(api, `/listings/${listingNumber}/orders`, { limit: 1 });
    expect(pages).toHaveLength(1);
    expect(pages[0]!.body).toEqual({ items: [], next_cursor: "", total: 0 });
    const withOrder = await createListing(api, agency, { package: "essentials" });
    const orders = await allPages(api, `/listings/${withOrder.listing_number}/orders`, { limit: 1 });
    expect(orders).toHaveLength(1);
    expect(orders[0]!.body.total).toBe(1);
    expect(orders[0]!.body.items).toHaveLength(1);
    expect(orders[0]!.body.next_cursor).toBe("");
  });
});

test.describe("sorted and searched", () => {
  // Over the same five hundred: every sort pages exactly, a search narrows with an exact total,
  // and a cursor is bound to the sort and order that made it.
  for (const [sort, order] of [
    ["address", ""],
    ["address", "desc"],
    ["updated", ""],
    ["created", "asc"],
  ] as const) {
    test(`sort=${sort}${order ? ` order=${order}` : ""}: pages of 37 give exactly what one page of 500 gives`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      const params = { sort, ...(order ? { order } : {}) };
      const whole = await traverse(api, "/listings", [200], params);
      const expected = numbers(whole);
      const pages = await traverse(api, "/listings", [37], params);
      // (The whole list, not `created`: another test above adds a listing to this agency.)
      expect(expectCompleteTraversal(pages, expected, [37])).toEqual(expected);
      if (sort === "created") expect(expected).toEqual([...numbers(await traverse(api, "/listings", [200]))].reverse());
    });
  }

  test("q finds addresses containing the text, any case, with an exact total; it combines with status", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    // "1 Paging Way", "10 Paging Way", ..., "491 Paging Way": addresses starting with 1 and containing "1 p".
    const all = (await traverse(api, "/listings", [200])).flatMap((page) => page.body.items as { listing_number: string; address: string }[]);
    const expected = all.filter((l) => l.address.toLowerCase().includes("1 paging")).map((l) => l.listing_number);
    expect(expected.length).toBeGreaterThan(40);
    const pages = await traverse(api, "/listings", [20], { q: "1 PAGING" });
    expectCompleteTraversal(pages, expected, [20]);
    const active = await api.get("/listings", { params: { q: "paging way", status: "Active", limit: 200 } });
    expectJson(active, 200);
    expect(active.body.total).toBe(created.filter((c) => c.status === "Active").length);
    expect(active.body.items.every((l: { status: string }) => l.status === "Active")).toBe(true);
    const byNumber = await api.get("/listings", { params: { q: created[42]!.listing_number.toLowerCase() } });
    expect(numbers([byNumber])).toContain(created[42]!.listing_number);
  });

  test("a cursor from another sort or order is 400 invalid_cursor; unknown sorts are 400 validation_failed", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const byAddress = (await api.get("/listings", { params: { sort: "address", limit: 5 } })).body.next_cursor as string;
    const newest = (await api.get("/listings", { params: { limit: 5 } })).body.next_cursor as string;
    expectError(await api.get("/listings", { params: { sort: "updated", cursor: byAddress } }), 400, "invalid_cursor");
    expectError(await api.get("/listings", { params: { sort: "address", order: "desc", cursor: byAddress } }), 400, "invalid_cursor");
    expectError(await api.get("/listings", { params: { order: "asc", cursor: newest } }), 400, "invalid_cursor");
    expectJson(await api.get("/listings", { params: { sort: "created", order: "desc", cursor: newest } }), 200);
    expectValidation(await api.get("/listings", { params: { sort: "price" } }), ["sort"]);
    expectValidation(await api.get("/listings", { params: { order: "sideways" } }), ["order"]);
  });
});
