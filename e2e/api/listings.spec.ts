// Listings: POST /listings (the full listing back, 201), with a package (an order with a draft
// invoice), the references it checks, GET one (case-insensitive numbers), GET its orders, and the
// Matterport and floor plan sections.
import { expect, test } from "@playwright/test";
import { createUser, provisionAgency, type ProvisionedAgency } from "../support/cli";
import {
  APP_URL,
  ApiClient,
  LISTING_NUMBER,
  createListing,
  expectError,
  expectJson,
  expectValidation,
  listingBody,
} from "../support/api";

let agency: ProvisionedAgency;
let teamMemberId: string;
let assistantId: string;

test.beforeAll(async () => {
  agency = await provisionAgency("listings");
  [teamMemberId, assistantId] = await Promise.all([
    createUser(agency.slug, "team_member", "lead", "Portland Crew"),
    createUser(agency.slug, "assistant", "assistant"),
  ]);
});

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MODEL = "SxQL3iGyoDo";
const MODEL_URL = `https://my.matterport.com/show/?m=${MODEL}`;

test.describe("POST /listings", () => {
  test("creates a Coming Soon listing and returns all of it with 201", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const body = { address: "123 Main St, Portland, OR 97201", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0] };
    const res = await api.post("/listings", body);
    expectJson(res, 201);
    const listing = res.body;
    expect(listing.listing_number).toMatch(LISTING_NUMBER);
    expect(listing).toMatchObject({
      status: "Coming Soon",
      allowed_next_statuses: ["Active", "Off Market"],
      address: body.address,
      property_url: `${APP_URL}/property/${listing.listing_number}`,
      notes: null,
      package: null,
      owner_user_id: agency.ownerId,
      agent_one_id: agency.agentIds[0],
      agent_two_id: null,
      sections: { matterport: null, floorplan: null },
      orders: [],
      shoots: [],
      cancelled_at: null,
    });
    expect(listing.assigned_users.owner).toEqual({
      id: agency.ownerId,
      name: expect.any(String),
      email: agency.ownerEmail,
      role: "owner",
    });
    expect(listing.assigned_users.agent_one).toEqual({
      id: agency.agentIds[0],
      name: `agent1 ${agency.slug}`,
      email: `agent1@${agency.slug}.test`,
      role: "agent",
    });
    expect(listing.assigned_users.agent_two).toBeNull();
    for (const field of ["created_at", "updated_at", "status_changed_at"]) {
      expect(listing[field]).toMatch(ISO);
      expect(Number.isNaN(Date.parse(listing[field]))).toBe(false);
    }
    expect(listing.status_changed_at).toBe(listing.created_at);

    // GET returns the same listing.
    const got = await api.get(`/listings/${listing.listing_number}`);
    expectJson(got, 200);
    expect(got.body).toEqual(listing);
  });

  test("listing numbers are 6-8 capitals and digits, and unique", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const listings = await Promise.all(Array.from({ length: 12 }, () => createListing(api, agency)));
    const numbers = listings.map((l) => l.listing_number);
    for (const n of numbers) expect(n).toMatch(LISTING_NUMBER);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  test("with agent two, notes and a package: the first order with a DRAFT invoice", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const res = await api.post("/listings", listingBody(agency, {
      agent_two_id: agency.agentIds[1],
      package: "essentials",
      notes: "Gate code 4411. Dog is friendly.",
    }));
    expectJson(res, 201);
    const listing = res.body;
    expect(listing.package).toBe("essentials");
    expect(listing.notes).toBe("Gate code 4411. Dog is friendly.");
    expect(listing.agent_two_id).toBe(agency.agentIds[1]);
    expect(listing.assigned_users.agent_two).toMatchObject({ id: agency.agentIds[1], role: "agent" });
    expect(listing.orders).toHaveLength(1);
    expect(listing.orders[0]).toEqual({ order_id: expect.stringMatching(/^order_/), total_cents: 24900, currency: "USD", invoice_status: "DRAFT" });

    const orders = await api.get(`/listings/${listing.listing_number}/orders`);
    expectJson(orders, 200);
    expect(orders.body.total).toBe(1);
    expect(orders.body.next_cursor).toBe("");
    const [order] = orders.body.items;
    expect(order).toMatchObject({
      order_id: listing.orders[0].order_id,
      listing_number: listing.listing_number,
      currency: "USD",
      subtotal_cents: 24900,
      total_cents: 24900,
      line_items: [{ description: "Essentials Photo", package: "essentials", quantity: 1, unit_price_cents: 24900, total_cents: 24900 }],
      invoice: { status: "DRAFT", amount_cents: 24900, currency: "USD" },
    });
    expect(order.invoice.invoice_id).toMatch(/^inv_/);
    expect(order.created_at).toMatch(ISO);
  });

  test("without a package there is no order", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const listing = await createListing(api, agency, { package: null });
    const orders = await api.get(`/listings/${listing.listing_number}/orders`);
    expect(orders.body).toEqual({ items: [], next_cursor: "", total: 0 });
  });

  test("owners and team members may be agents", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const listing = await createListing(api, agency, { agent_one_id: agency.ownerId, agent_two_id: teamMemberId });
    expect(listing.assigned_users.agent_one.role).toBe("owner");
    expect(listing.assigned_users.agent_two.role).toBe("team_member");
  });

  test("an unknown package is 422 invalid_reference naming package, and nothing is created", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const before = (await api.get("/listings")).body.total;
    const error = expectError(await api.post("/listings", listingBody(agency, { package: "platinum" })), 422, "invalid_reference");
    expect(error.details).toEqual([{ field: "package", message: expect.stringContaining("platinum") }]);
    expect(error.message).toMatch(/^package: /);
    expect((await api.get("/listings")).body.total).toBe(before);
  });

  test("agents must be owners, team members or agents: a viewer or assistant is 422 naming the field", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    for (const [overrides, field] of [
      [{ agent_one_id: agency.viewerId }, "agent_one_id"],
      [{ agent_one_id: assistantId }, "agent_one_id"],
      [{ agent_two_id: agency.viewerId }, "agent_two_id"],
    ] as const) {
      const error = expectError(await api.post("/listings", listingBody(agency, overrides)), 422, "invalid_reference");
      expect(error.details?.map((d) => d.field)).toEqual([field]);
      expect(error.message).toContain(field);
    }
  });

  test("users that do not exist, or agent two = agent one, are 422 naming the field", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const ghost = "user_01JD3Q6W4ZKXY3T5V7B9C1D2EF";
    for (const [overrides, field] of [
      [{ owner_user_id: ghost }, "owner_user_id"],
      [{ agent_one_id: ghost }, "agent_one_id"],
      [{ agent_two_id: ghost }, "agent_two_id"],
      [{ agent_two_id: agency.agentIds[0] }, "agent_two_id"],
    ] as const) {
      const error = expectError(await api.post("/listings", listingBody(agency, overrides)), 422, "invalid_reference");
      expect(error.details?.map((d) => d.field)).toEqual([field]);
    }
  });

  test("required fields and types are validated", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const full = listingBody(agency);
    for (const field of ["address", "owner_user_id", "agent_one_id"]) {
      const { [field]: _dropped, ...rest } = full;
      const error = expectValidation(await api.post("/listings", rest), [field]);
      expect(error.details).toEqual([{ field, message: "is required" }]);
    }
    expectValidation(await api.post("/listings", { ...full, address: "x".repeat(501) }), ["address"]);
    expectValidation(await api.post("/listings", { ...full, package: 7 }), ["package"]);
    expectValidation(await api.post("/listings", { ...full, listing_number: "AAAAAA" }), ["listing_number"]);
  });
});

test.describe("GET /listings/{listing_number}", () => {
  test("an unknown number is 404 listing_not_found", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    for (const n of ["ZZZZZZ", "ZZZZZZZZ", "234567"]) {
      const error = expectError(await api.get(`/listings/${n}`), 404, "listing_not_found");
      expect(error.message).toContain(n);
      expectError(await api.get(`/listings/${n}/orders`), 404, "listing_not_found");
    }
  });

  test("percent-encoded letters and digits in a path mean the same as the characters (RFC 3986)", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const listing = await createListing(api, agency);
    const n = listing.listing_number;
    const encoded = `%${n.charCodeAt(0).toString(16).toUpperCase()}${n.slice(1)}`;
    const got = await api.get(`/listings/${encoded}`);
    expectJson(got, 200);
    expect(got.body.listing_number).toBe(n);
    expectJson(await api.get(`/li%73tings/${n}/orders`), 200);
    // An encoded slash stays a character of the segment, not a separator: no such listing number.
    const error = expectError(await api.get(`/listings/${n}%2Forders`), 400, "validation_failed");
    expect(error.details?.map((d) => d.field)).toEqual(["listing_number"]);
  });

  test("listing numbers are case-insensitive on every listing endpoint", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    // A number with at least one letter (an all-digit one, about 1 in 2800, would prove nothing).
    let listing = await createListing(api, agency, { package: "essentials" });
    while (!/[A-Z]/.test(listing.listing_number)) listing = await createListing(api, agency, { package: "essentials" });
    const lower = listing.listing_number.toLowerCase();
    expect(lower).not.toBe(listing.listing_number);

    const got = await api.get(`/listings/${lower}`);
    expectJson(got, 200);
    expect(got.body.listing_number).toBe(listing.listing_number);
    const orders = await api.get(`/listings/${lower}/orders`);
    expect(orders.body.items[0].listing_number).toBe(listing.listing_number);
    const section = await api.patch(`/listings/${lower}/sections/floorplan`, { url: "https://example.com/plan.pdf" });
    expectJson(section, 200);
    expect(section.body.listing_number).toBe(listing.listing_number);
    const status = await api.patch(`/listings/${lower}/status`, { status: "Active" });
    expectJson(status, 200);
    expect(status.body.listing_number).toBe(listing.listing_number);
    const cancelled = await api.post(`/listings/${lower}/cancel`);
    expectJson(cancelled, 200);
    expect(cancelled.body.status).toBe("Cancelled");
  });
});

test.describe("sections", () => {
  test("matterport from a model URL or a model id; null clears it; GET reflects each", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await createListing(api, agency);
    const path = `/listings/${n}/sections/matterport`;

    const byUrl = await api.patch(path, { url: MODEL_URL });
    expectJson(byUrl, 200);
    expect(byUrl.body.sections.matterport).toEqual({ model_id: MODEL, url: MODEL_URL, updated_at: expect.stringMatching(ISO) });
    expect(byUrl.body.sections.floorplan).toBeNull();
    expect((await api.get(`/listings/${n}`)).body.sections.matterport).toEqual(byUrl.body.sections.matterport);

    const cleared = await api.patch(path, { url: null });
    expectJson(cleared, 200);
    expect(cleared.body.sections.matterport).toBeNull();
    expect((await api.get(`/listings/${n}`)).body.sections.matterport).toBeNull();

    const byId = await api.patch(path, { model_id: MODEL });
    expectJson(byId, 200);
    expect(byId.body.sections.matterport).toMatchObject({ model_id: MODEL, url: MODEL_URL });
    expect((await api.get(`/listings/${n}`)).body.sections.matterport).toMatchObject({ model_id: MODEL });

    const clearedById = await api.patch(path, { model_id: null });
    expect(clearedById.body.sections.matterport).toBeNull();
  });

  test("floorplan takes an http(s) URL; null clears it; the other section is untouched", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await createListing(api, agency);
    await api.patch(`/listings/${n}/sections/matterport`, { model_id: MODEL });
    const url = "https://cdn.example.com/plans/123-main.pdf";

    const set = await api.patch(`/listings/${n}/sections/floorplan`, { url });
    expectJson(set, 200);
    expect(set.body.sections.floorplan).toEqual({ url, updated_at: expect.stringMatching(ISO) });
    expect(set.body.sections.matterport).toMatchObject({ model_id: MODEL });
    expect((await api.get(`/listings/${n}`)).body.sections.floorplan).toEqual(set.body.sections.floorplan);

    const cleared = await api.patch(`/listings/${n}/sections/floorplan`, { url: null });
    expect(cleared.body.sections.floorplan).toBeNull();
    expect(cleared.body.sections.matterport).toMatchObject({ model_id: MODEL });
    const got = (await api.get(`/listings/${n}`)).body;
    expect(got.sections.floorplan).toBeNull();
    expect(got.sections.matterport).toMatchObject({ model_id: MODEL });
  });

  test("an unknown section is 400 naming section", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await createListing(api, agency);
    for (const section of ["video", "photos", "Matterport"]) {
      const error = expectValidation(await api.patch(`/listings/${n}/sections/${section}`, { url: MODEL_URL }), ["section"]);
      expect(error.message).toContain("matterport");
    }
  });

  test("bad URLs and ids are 400 naming url or model_id, and change nothing", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await createListing(api, agency);
    for (const [section, body, field] of [
      ["floorplan", { url: "not a url" }, "url"],
      ["floorplan", { url: "ftp://files.example.com/plan.pdf" }, "url"],
      ["floorplan", { url: "javascript:alert(1)" }, "url"],
      ["floorplan", {}, "url"],
      ["floorplan", { url: 42 }, "url"],
      ["floorplan", { model_id: MODEL }, "model_id"],
      ["matterport", { url: "https://example.com/tour" }, "url"],
      ["matterport", { url: `https://my.matterport.com.evil.example/show/?m=${MODEL}` }, "url"],
      ["matterport", { url: "https://my.matterport.com/show/?m=short" }, "url"],
      ["matterport", { model_id: "nope" }, "model_id"],
      ["matterport", {}, "url"],
      ["matterport", { url: MODEL_URL, model_id: MODEL }, "url"],
      ["matterport", { url: MODEL_URL, colour: "blue" }, "colour"],
    ] as const) {
      const res = await api.patch(`/listings/${n}/sections/${section}`, body);
      expectValidation(res, [field]);
    }
    expect((await api.get(`/listings/${n}`)).body.sections).toEqual({ matterport: null, floorplan: null });
  });

  test("on an unknown listing is 404 listing_not_found", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    expectError(await api.patch("/listings/ZZZZZZ/sections/matterport", { url: MODEL_URL }), 404, "listing_not_found");
    expectError(await api.patch("/listings/ZZZZZZ/sections/floorplan", { url: null }), 404, "listing_not_found");
  });
});
