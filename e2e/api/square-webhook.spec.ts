// Orders with add-ons and Square invoice state over HTTP. An invoice gets its Square id the way an
// operator sends it: `invoice send --order <id>` (the operator CLI) against a fake Square this
// spec starts on 127.0.0.1 (the server itself needs no Square API access to receive webhooks).
// Then Square-shaped, correctly signed deliveries to POST /api/integrations/square/webhook change
// the state GET /api/v1/listings/{n}/orders shows; bad signatures are refused; a redelivery
// changes nothing.
import { createHmac, randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { cli, provisionAgency, type ProvisionedAgency } from "../support/cli";
import { APP_URL, ApiClient, createListing, expectError, expectJson, expectValidation, rawRequest, type Res } from "../support/api";
import { E2E_SQUARE_WEBHOOK_SIGNATURE_KEY, E2E_SQUARE_WEBHOOK_URL } from "../support/env";
import { FakeSquare } from "../../server/testing/fake-square";

const WEBHOOK = "/api/integrations/square/webhook";

let agency: ProvisionedAgency;
let fake: FakeSquare;

test.beforeAll(async () => {
  agency = await provisionAgency("square");
  for (const [code, name, cents] of [["twilight", "Twilight exteriors", "14900"], ["drone", "Drone aerials", "19900"]] as const) {
    const created = await cli(["package", "create", "--agency", agency.slug, "--kind", "add_on", "--code", code, "--name", name, "--duration-minutes", "30", "--price-cents", cents]);
    expect(created.exitCode, created.stderr).toBe(0);
  }
  fake = await new FakeSquare().start();
});

test.afterAll(async () => {
  await fake?.close();
});

const sign = (body: string, key = E2E_SQUARE_WEBHOOK_SIGNATURE_KEY, url = E2E_SQUARE_WEBHOOK_URL) => createHmac("sha256", key).update(url + body).digest("base64");

function squareEvent(type: string, squareInvoiceId: string, invoice: { status: string; version: number }) {
  return {
    merchant_id: "MLFAKE0MERCHANT",
    location_id: fake.locationId,
    type,
    event_id: randomUUID(),
    created_at: new Date().toISOString(),
    data: { type: "invoice", id: squareInvoiceId, object: { invoice: { id: squareInvoiceId, location_id: fake.locationId, ...invoice } } },
  };
}

function deliver(body: string, signature: string | null): Promise<Res> {
  return rawRequest({
    method: "POST",
    path: WEBHOOK,
    headers: { "Content-Type": "application/json", ...(signature === null ? {} : { "X-Square-HmacSha256-Signature": signature }) },
    body,
  });
}

/** A listing with the essentials package and both add-ons, its invoice sent through the CLI. */
async function sentListing(api: ApiClient): Promise<{ n: string; squareId: string }> {
  const { listing_number: n } = await createListing(api, agency, { package: "essentials", add_ons: ["twilight", "drone"] });
  const orderId = (await api.get(`/listings/${n}/orders`)).body.items[0].order_id;
  const sent = await cli<{ order: { invoice: { status: string; square_invoice_id: string } } }>(["invoice", "send", "--order", orderId], {
    SQUARE_ACCESS_TOKEN: fake.accessToken,
    SQUARE_LOCATION_ID: fake.locationId,
    SQUARE_API_BASE_URL: fake.url,
  });
  expect(sent.exitCode, sent.stderr).toBe(0);
  expect(sent.json.order.invoice.status).toBe("UNPAID");
  return { n, squareId: sent.json.order.invoice.square_invoice_id };
}

async function invoiceOf(api: ApiClient, n: string) {
  const res = await api.get(`/listings/${n}/orders`);
  expectJson(res, 200);
  return res.body.items[0].invoice;
}

test("orders bill the package and each add-on; the CLI sends the invoice through Square", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { n, squareId } = await sentListing(api);
  const res = await api.get(`/listings/${n}/orders`);
  expectJson(res, 200);
  const [order] = res.body.items;
  expect(order.line_items).toEqual([
    { description: "Essentials Photo", package: "essentials", kind: "package", quantity: 1, unit_price_cents: 24_900, total_cents: 24_900 },
    { description: "Twilight exteriors", package: "twilight", kind: "add_on", quantity: 1, unit_price_cents: 14_900, total_cents: 14_900 },
    { description: "Drone aerials", package: "drone", kind: "add_on", quantity: 1, unit_price_cents: 19_900, total_cents: 19_900 },
  ]);
  expect([order.subtotal_cents, order.total_cents, order.currency]).toEqual([59_700, 59_700, "USD"]);
  expect(order.invoice).toMatchObject({ status: "UNPAID", amount_cents: 59_700, square_invoice_id: squareId });
  expect(order.invoice.public_url).toMatch(/^https:\/\//);
  // Square got our order: one line per item, in cents.
  const squareOrder = [...fake.orders.values()].find((o) => o.reference_id === order.order_id);
  expect(squareOrder.line_items.map((l: { base_price_money: { amount: number } }) => l.base_price_money.amount)).toEqual([24_900, 14_900, 19_900]);
  expect((await api.get(`/listings/${n}`)).body.orders).toEqual([{ order_id: order.order_id, total_cents: 59_700, currency: "USD", invoice_status: "UNPAID" }]);
});

test("POST /listings refuses unknown add-ons (422 naming add_ons and the known codes) and add-ons without a package (400)", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const body = { address: "9 Add-on Ave", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0] };
  const unknown = await api.post("/listings", { ...body, package: "essentials", add_ons: ["drone", "fireworks"] });
  const error = expectError(unknown, 422, "invalid_reference");
  expect(error.details).toEqual([{ field: "add_ons", message: expect.stringContaining("known add-on codes: drone, twilight") }]);
  expectValidation(await api.post("/listings", { ...body, add_ons: ["drone"] }), ["add_ons"]);
  expectValidation(await api.post("/listings", { ...body, package: "essentials", add_ons: "drone" }), ["add_ons"]);
});

test("signed Square events change the invoice state shown by GET /listings/{n}/orders", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { n, squareId } = await sentListing(api);
  for (const [type, status, version] of [
    ["invoice.payment_made", "PARTIALLY_PAID", 2],
    ["invoice.payment_made", "PAID", 3],
    ["invoice.refunded", "REFUNDED", 4],
  ] as const) {
    const body = JSON.stringify(squareEvent(type, squareId, { status, version }));
    const res = await deliver(body, sign(body));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ received: true, outcome: "applied", status });
    const invoice = await invoiceOf(api, n);
    expect(invoice.status).toBe(status);
    expect(invoice.square_synced_at).not.toBeNull();
  }
});

test("bad signatures are refused in Valara's envelope and change nothing", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { n, squareId } = await sentListing(api);
  const body = JSON.stringify(squareEvent("invoice.payment_made", squareId, { status: "PAID", version: 2 }));
  const tampered = body.replace('"PAID"', '"REFUNDED"');
  expectError(await deliver(body, null), 401, "authentication_required");
  expectError(await deliver(body, sign(body, "not-the-key")), 403, "forbidden");
  // Signed for the URL the server listens on, not the one registered with Square.
  expectError(await deliver(body, sign(body, E2E_SQUARE_WEBHOOK_SIGNATURE_KEY, `${APP_URL}${WEBHOOK}`)), 403, "forbidden");
  expectError(await deliver(tampered, sign(body)), 403, "forbidden");
  expectError(await deliver(body, "AAAA"), 403, "forbidden");
  expect((await invoiceOf(api, n)).status).toBe("UNPAID");

  const get = await rawRequest({ method: "GET", path: WEBHOOK });
  expectError(get, 405, "method_not_allowed");
  expect(get.headers.allow).toBe("POST");
});

test("a redelivery (same event_id) is a 200 that changes nothing; a stale event is ignored; an unknown invoice is a 200", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { n, squareId } = await sentListing(api);
  const paid = JSON.stringify(squareEvent("invoice.payment_made", squareId, { status: "PAID", version: 2 }));
  expect((await deliver(paid, sign(paid))).body.outcome).toBe("applied");
  const refunded = JSON.stringify(squareEvent("invoice.refunded", squareId, { status: "REFUNDED", version: 3 }));
  expect((await deliver(refunded, sign(refunded))).body.outcome).toBe("applied");

  const again = await deliver(paid, sign(paid));
  expect(again.status).toBe(200);
  expect(again.body.outcome).toBe("duplicate");
  expect((await invoiceOf(api, n)).status).toBe("REFUNDED");

  const late = JSON.stringify(squareEvent("invoice.published", squareId, { status: "UNPAID", version: 1 }));
  const stale = await deliver(late, sign(late));
  expect([stale.status, stale.body.outcome]).toEqual([200, "stale"]);
  expect((await invoiceOf(api, n)).status).toBe("REFUNDED");

  const stranger = JSON.stringify(squareEvent("invoice.payment_made", "inv:0-NotOneOfValaras", { status: "PAID", version: 2 }));
  const unknown = await deliver(stranger, sign(stranger));
  expect([unknown.status, unknown.body.outcome]).toEqual([200, "unknown_invoice"]);
});

test("cancelling the listing over REST without Square configured on the server cancels the invoice locally", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const { listing_number: n } = await createListing(api, agency, { package: "essentials", add_ons: ["drone"] });
  const res = await api.post(`/listings/${n}/cancel`);
  expectJson(res, 200);
  expect((await invoiceOf(api, n)).status).toBe("CANCELED");
});
