// The listing lifecycle over PATCH /listings/{n}/status and POST /listings/{n}/cancel:
//   Coming Soon -> Active | Off Market; Active -> Sold | Off Market; Off Market -> Active;
//   Sold and Cancelled are final. Cancelling also cancels scheduled shoots and unpaid invoices,
//   and is refused while a scheduled shoot starts within 24 hours.
import { expect, test } from "@playwright/test";
import { provisionAgency, scheduleShoot, type ProvisionedAgency } from "../support/cli";
import { API, ApiClient, createListing, expectError, expectJson, expectValidation, idemKey, rawRequest, setStatus } from "../support/api";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const ALLOWED_NEXT: Record<string, string[]> = {
  "Coming Soon": ["Active", "Off Market"],
  Active: ["Sold", "Off Market"],
  "Off Market": ["Active"],
  Sold: [],
  Cancelled: [],
};

/** How to bring a new listing into each status. */
const PATH_TO: Record<string, string[]> = {
  "Coming Soon": [],
  Active: ["Active"],
  "Off Market": ["Off Market"],
  Sold: ["Active", "Sold"],
};

let agency: ProvisionedAgency;

test.beforeAll(async () => {
  agency = await provisionAgency("lifecycle");
});

async function listingIn(api: ApiClient, status: string, overrides = {}): Promise<string> {
  const { listing_number: n } = await createListing(api, agency, overrides);
  if (status === "Cancelled") {
    expectJson(await api.post(`/listings/${n}/cancel`), 200);
    return n;
  }
  for (const step of PATH_TO[status]!) await setStatus(api, n, step);
  return n;
}

test.describe("PATCH /listings/{n}/status", () => {
  for (const [from, to] of [
    ["Coming Soon", "Active"],
    ["Coming Soon", "Off Market"],
    ["Active", "Sold"],
    ["Active", "Off Market"],
    ["Off Market", "Active"],
  ] as const) {
    test(`${from} -> ${to} is allowed`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      const n = await listingIn(api, from);
      const before = (await api.get(`/listings/${n}`)).body;
      expect(before.status).toBe(from);
      expect(before.allowed_next_statuses).toEqual(ALLOWED_NEXT[from]);

      const res = await api.patch(`/listings/${n}/status`, { status: to });
      expectJson(res, 200);
      expect(res.body.status).toBe(to);
      expect(res.body.allowed_next_statuses).toEqual(ALLOWED_NEXT[to]);
      expect(Date.parse(res.body.status_changed_at)).toBeGreaterThanOrEqual(Date.parse(before.status_changed_at));
      expect(res.body.status_changed_at).not.toBe(before.status_changed_at);

      const after = (await api.get(`/listings/${n}`)).body;
      expect(after).toEqual(res.body);
    });
  }

  test("a full round: Coming Soon -> Off Market -> Active -> Off Market -> Active -> Sold", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listingIn(api, "Coming Soon");
    for (const status of ["Off Market", "Active", "Off Market", "Active", "Sold"]) await setStatus(api, n, status);
    expect((await api.get(`/listings/${n}`)).body.allowed_next_statuses).toEqual([]);
  });

  for (const [from, to] of [
    ["Coming Soon", "Sold"],
    ["Coming Soon", "Coming Soon"],
    ["Active", "Coming Soon"],
    ["Active", "Active"],
    ["Off Market", "Sold"],
    ["Off Market", "Coming Soon"],
    ["Off Market", "Off Market"],
    ["Sold", "Active"],
    ["Sold", "Off Market"],
    ["Sold", "Coming Soon"],
    ["Cancelled", "Active"],
    ["Cancelled", "Coming Soon"],
    ["Cancelled", "Off Market"],
  ] as const) {
    test(`${from} -> ${to} is 422 lifecycle_violation naming the allowed next states`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      const n = await listingIn(api, from);
      const before = (await api.get(`/listings/${n}`)).body;

      const error = expectError(await api.patch(`/listings/${n}/status`, { status: to }), 422, "lifecycle_violation");
      expect(error.message).toContain(from);
      expect(error.message).toContain(to);
      const allowed = ALLOWED_NEXT[from]!;
      if (allowed.length > 0) {
        expect(error.message).toContain(`may move to: ${allowed.join(", ")}`);
      } else {
        expect(error.message).toMatch(/final/);
      }
      expect((await api.get(`/listings/${n}`)).body).toEqual(before);
    });
  }

  test("an unknown or unsettable status value is 400 naming status", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listingIn(api, "Coming Soon");
    for (const status of ["Pending", "Cancelled", "", 3, null]) {
      const error = expectValidation(await api.patch(`/listings/${n}/status`, { status }), ["status"]);
      expect(error.message).toContain("Off Market");
    }
    expectValidation(await api.patch(`/listings/${n}/status`, {}), ["status"]);
    expect((await api.get(`/listings/${n}`)).body.status).toBe("Coming Soon");
  });

  test("an unknown listing is 404 listing_not_found", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    expectError(await api.patch("/listings/ZZZZZZ/status", { status: "Active" }), 404, "listing_not_found");
  });
});

test.describe("POST /listings/{n}/cancel", () => {
  test("cancels the listing, its scheduled shoots and its draft invoice", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listingIn(api, "Coming Soon", { package: "essentials" });
    // Three days ahead: outside the 24-hour window, so it does not block.
    const shoot = await scheduleShoot(n, new Date(Date.now() + 3 * DAY));
    const before = (await api.get(`/listings/${n}`)).body;
    expect(before.shoots).toEqual([expect.objectContaining({ shoot_id: shoot.id, status: "scheduled" })]);
    expect(before.orders[0].invoice_status).toBe("DRAFT");

    const res = await api.post(`/listings/${n}/cancel`);
    expectJson(res, 200);
    expect(res.body).toMatchObject({ listing_number: n, status: "Cancelled", allowed_next_statuses: [] });
    expect(Date.parse(res.body.cancelled_at)).not.toBeNaN();
    expect(res.body.shoots).toEqual([expect.objectContaining({ shoot_id: shoot.id, status: "cancelled", starts_at: shoot.starts_at })]);
    expect(res.body.orders).toEqual([expect.objectContaining({ invoice_status: "CANCELED" })]);

    expect((await api.get(`/listings/${n}`)).body).toEqual(res.body);
    const orders = await api.get(`/listings/${n}/orders`);
    expect(orders.body.items[0].invoice.status).toBe("CANCELED");
    expect((await api.get("/listings", { params: { status: "Cancelled" } })).body.items.map((l: { listing_number: string }) => l.listing_number)).toContain(n);
  });

  test("needs no body at all (no Content-Type, no Content-Length)", async ({ request }) => {
    const { listing_number: n } = await createListing(new ApiClient(request, agency.key), agency);
    const res = await rawRequest({
      method: "POST",
      path: `${API}/listings/${n}/cancel`,
      headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idemKey() },
    });
    expectJson(res, 200);
    expect(res.body.status).toBe("Cancelled");
  });

  for (const from of ["Active", "Off Market"]) {
    test(`an ${from} listing can be cancelled`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      const n = await listingIn(api, from);
      const res = await api.post(`/listings/${n}/cancel`);
      expectJson(res, 200);
      expect(res.body.status).toBe("Cancelled");
    });
  }

  test("a shoot starting within 24 hours blocks it: 409 cancellation_window_active, nothing changes", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listingIn(api, "Active", { package: "essentials" });
    const soon = await scheduleShoot(n, new Date(Date.now() + 2 * HOUR));
    const later = await scheduleShoot(n, new Date(Date.now() + 5 * DAY));
    const before = (await api.get(`/listings/${n}`)).body;

    const error = expectError(await api.post(`/listings/${n}/cancel`), 409, "cancellation_window_active");
    expect(error.message).toContain(soon.starts_at);
    expect(error.message).toMatch(/24 hours/);

    const after = (await api.get(`/listings/${n}`)).body;
    expect(after).toEqual(before);
    expect(after.status).toBe("Active");
    expect(after.shoots.map((s: { shoot_id: string; status: string }) => [s.shoot_id, s.status])).toEqual([
      [soon.id, "scheduled"],
      [later.id, "scheduled"],
    ]);
    expect(after.orders[0].invoice_status).toBe("DRAFT");
  });

  test("a shoot under way blocks it too", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listingIn(api, "Coming Soon");
    await scheduleShoot(n, new Date(Date.now() - 30 * 60 * 1000), 120);
    expectError(await api.post(`/listings/${n}/cancel`), 409, "cancellation_window_active");
    expect((await api.get(`/listings/${n}`)).body.status).toBe("Coming Soon");
  });

  test("just past 24 hours does not block", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const n = await listingIn(api, "Coming Soon");
    await scheduleShoot(n, new Date(Date.now() + DAY + 2 * HOUR));
    const res = await api.post(`/listings/${n}/cancel`);
    expectJson(res, 200);
    expect(res.body.shoots[0].status).toBe("cancelled");
  });

  for (const from of ["Sold", "Cancelled"]) {
    test(`a ${from} listing cannot be cancelled: 422 lifecycle_violation`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      const n = await listingIn(api, from);
      const before = (await api.get(`/listings/${n}`)).body;
      const error = expectError(await api.post(`/listings/${n}/cancel`), 422, "lifecycle_violation");
      expect(error.message).toContain(from);
      expect((await api.get(`/listings/${n}`)).body).toEqual(before);
    });
  }

  test("an unknown listing is 404 listing_not_found", async ({ request }) => {
    expectError(await new ApiClient(request, agency.key).post("/listings/ZZZZZZ/cancel"), 404, "listing_not_found");
  });
});
