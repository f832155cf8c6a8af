// The Square gateway (official SDK) against a fake Square over real HTTP on 127.0.0.1: paths,
// methods, headers, idempotency keys and bodies as Square documents them, and Square's answers,
// errors included.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeSquare } from "../testing/fake-square";
import { SquareApiError, type SquareGateway } from "./gateway";
import { createSquareSdkGateway } from "./sdk-gateway";

describe("Square gateway (SDK) against a fake Square", () => {
  let fake: FakeSquare;
  let square: SquareGateway;

  beforeAll(async () => {
    fake = await new FakeSquare().start();
    square = await createSquareSdkGateway({ accessToken: fake.accessToken, locationId: fake.locationId, baseUrl: fake.url, maxRetries: 1 });
  }, 30_000);
  afterAll(() => fake.close());
  afterEach(() => {
    fake.requests.length = 0;
    fake.clearFailures();
  });

  const customer = { referenceId: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EF", email: "avery@northlight.test", givenName: "Avery", familyName: "Agent" };

  async function draft(reference: string) {
    const customerId = await square.findOrCreateCustomer(customer);
    const orderId = await square.createOrder({
      idempotencyKey: reference,
      referenceId: reference,
      customerId,
      currency: "USD",
      lineItems: [
        { name: "Luxury Media Suite", quantity: 1, unitPriceCents: 99_900 },
        { name: "Drone aerials", quantity: 1, unitPriceCents: 19_900 },
      ],
    });
    const invoice = await square.createInvoice({ idempotencyKey: `${reference}:create`, orderId, customerId, title: "Northlight Media: listing K7Q4MX", dueDate: "2026-12-08" });
    return { customerId, orderId, invoice };
  }

  it("sends the Bearer token, a Square-Version date and JSON on every call", async () => {
    await square.findOrCreateCustomer(customer);
    expect(fake.requests.length).toBeGreaterThan(0);
    for (const request of fake.requests) {
      expect(request.headers.authorization).toBe(`Bearer ${fake.accessToken}`);
      expect(request.headers["square-version"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (request.body !== undefined) expect(request.headers["content-type"]).toMatch(/^application\/json/);
    }
  });

  it("finds a customer by reference_id, creating it (with an idempotency key) only the first time", async () => {
    const other = { ...customer, referenceId: "user_01JD3Q6W4ZKXY3T5V7B9C1D2EG", email: "blake@northlight.test" };
    const first = await square.findOrCreateCustomer(other);
    const second = await square.findOrCreateCustomer(other);
    expect(second).toBe(first);
    const searches = fake.calls("POST", "/v2/customers/search");
    expect(searches).toHaveLength(2);
    expect(searches[0]!.body).toEqual({ query: { filter: { reference_id: { exact: other.referenceId } } }, limit: 1 });
    const creates = fake.calls("POST", "/v2/customers");
    expect(creates).toHaveLength(1);
    expect(creates[0]!.body).toEqual({
      idempotency_key: `${other.referenceId}:customer`,
      reference_id: other.referenceId,
      email_address: "blake@northlight.test",
      given_name: "Avery",
      family_name: "Agent",
    });
  });

  it("creates an OPEN order with ad hoc line items in integer minor units, and a draft invoice on it", async () => {
    const { orderId, customerId, invoice } = await draft("order_01JD3Q6W4ZKXY3T5V7B9C1D2A1");
    const [orderCall] = fake.calls("POST", "/v2/orders");
    expect(orderCall!.body).toEqual({
      idempotency_key: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A1",
      order: {
        location_id: fake.locationId,
        reference_id: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A1",
        customer_id: customerId,
        line_items: [
          { name: "Luxury Media Suite", quantity: "1", base_price_money: { amount: 99_900, currency: "USD" } },
          { name: "Drone aerials", quantity: "1", base_price_money: { amount: 19_900, currency: "USD" } },
        ],
      },
    });
    expect(fake.orders.get(orderId)!.total_money).toEqual({ amount: 119_800, currency: "USD" });

    const [invoiceCall] = fake.calls("POST", "/v2/invoices");
    expect(invoiceCall!.body).toMatchObject({
      idempotency_key: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A1:create",
      invoice: {
        location_id: fake.locationId,
        order_id: orderId,
        primary_recipient: { customer_id: customerId },
        payment_requests: [{ request_type: "BALANCE", due_date: "2026-12-08", automatic_payment_source: "NONE" }],
        delivery_method: "EMAIL",
        accepted_payment_methods: { card: true },
        title: "Northlight Media: listing K7Q4MX",
      },
    });
    expect(invoice).toMatchObject({ version: 0, status: "DRAFT", publicUrl: null });
    expect(invoice.id).toMatch(/^inv:0-/);
  });

  it("a retried create with the same idempotency key gets the same order, not a second one", async () => {
    const input = { idempotencyKey: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A2", referenceId: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A2", customerId: await square.findOrCreateCustomer(customer), currency: "USD", lineItems: [{ name: "Essentials", quantity: 1, unitPriceCents: 24_900 }] };
    const first = await square.createOrder(input);
    expect(await square.createOrder(input)).toBe(first);
    expect([...fake.orders.values()].filter((o) => o.reference_id === input.referenceId)).toHaveLength(1);
  });

  it("publishes with the version and an idempotency key: UNPAID with a public URL", async () => {
    const { invoice } = await draft("order_01JD3Q6W4ZKXY3T5V7B9C1D2A3");
    const published = await square.publishInvoice(invoice.id, invoice.version, "inv_x:publish");
    expect(published).toMatchObject({ id: invoice.id, version: 1, status: "UNPAID" });
    expect(published.publicUrl).toMatch(/^https:\/\/squareup\.com\/pay-invoice\//);
    const [call] = fake.calls("POST", /\/publish$/);
    expect(call!.path).toBe(`/v2/invoices/${encodeURIComponent(invoice.id)}/publish`);
    expect(call!.body).toEqual({ version: 0, idempotency_key: "inv_x:publish" });
  });

  it("reads an invoice, and a missing one is null", async () => {
    const { invoice } = await draft("order_01JD3Q6W4ZKXY3T5V7B9C1D2A4");
    expect(await square.getInvoice(invoice.id)).toMatchObject({ id: invoice.id, status: "DRAFT", version: 0 });
    expect(await square.getInvoice("inv:0-nope")).toBeNull();
  });

  it("cancels a published invoice with its version; deletes a draft with ?version=", async () => {
    const a = await draft("order_01JD3Q6W4ZKXY3T5V7B9C1D2A5");
    const published = await square.publishInvoice(a.invoice.id, 0, "a:publish");
    const cancelled = await square.cancelInvoice(a.invoice.id, published.version);
    expect(cancelled).toMatchObject({ status: "CANCELED", version: 2 });
    expect(fake.calls("POST", /\/cancel$/)[0]!.body).toEqual({ version: 1 });

    const b = await draft("order_01JD3Q6W4ZKXY3T5V7B9C1D2A6");
    await square.deleteInvoice(b.invoice.id, 0);
    const [del] = fake.calls("DELETE", /^\/v2\/invoices\//);
    expect(del!.query.get("version")).toBe("0");
    expect(fake.invoices.has(b.invoice.id)).toBe(false);
  });

  it("turns Square's refusals into SquareApiError with the status and Square's codes", async () => {
    const { invoice } = await draft("order_01JD3Q6W4ZKXY3T5V7B9C1D2A7");
    const error = await square.cancelInvoice(invoice.id, 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SquareApiError);
    expect((error as SquareApiError).status).toBe(400);
    expect((error as SquareApiError).codes).toEqual(["BAD_REQUEST"]);
    expect((error as SquareApiError).message).toContain("Cannot cancel an invoice in status DRAFT");

    const stale = await square.publishInvoice(invoice.id, 7, "stale:publish").catch((e: unknown) => e);
    expect((stale as SquareApiError).status).toBe(409);
    expect((stale as SquareApiError).codes).toEqual(["CONFLICT"]);
  });

  it("retries a 5xx with the same idempotency key, and reports a persistent one", async () => {
    fake.fail("POST", /^\/v2\/orders$/, 503, undefined, 1);
    const customerId = await square.findOrCreateCustomer(customer);
    const input = { idempotencyKey: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A8", referenceId: "order_01JD3Q6W4ZKXY3T5V7B9C1D2A8", customerId, currency: "USD", lineItems: [{ name: "Essentials", quantity: 1, unitPriceCents: 24_900 }] };
    await square.createOrder(input);
    const calls = fake.calls("POST", "/v2/orders");
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.body.idempotency_key)).toEqual([input.idempotencyKey, input.idempotencyKey]);

    fake.fail("POST", /^\/v2\/invoices$/, 500, undefined, 5);
    const error = await square.createInvoice({ idempotencyKey: "x:create", orderId: "O", customerId, title: "t", dueDate: "2026-12-08" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SquareApiError);
    expect((error as SquareApiError).status).toBe(500);
  }, 30_000);

  it("a wrong token is Square's 401, and an unreachable Square has no status", async () => {
    const wrong = await createSquareSdkGateway({ accessToken: "nope", locationId: fake.locationId, baseUrl: fake.url, maxRetries: 0 });
    const refused = await wrong.getInvoice("inv:0-x").catch((e: unknown) => e);
    expect((refused as SquareApiError).status).toBe(401);
    expect((refused as SquareApiError).codes).toEqual(["UNAUTHORIZED"]);

    const closed = await new FakeSquare().start();
    const url = closed.url;
    await closed.close();
    const unreachable = await createSquareSdkGateway({ accessToken: "t", locationId: "L", baseUrl: url, maxRetries: 0 });
    const error = await unreachable.getInvoice("inv:0-x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SquareApiError);
    expect((error as SquareApiError).status).toBeNull();
  });
});
