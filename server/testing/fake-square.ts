// A fake of the parts of Square's API that Valara uses (Customers, Orders, Invoices), served over
// real HTTP on 127.0.0.1 for tests: unit tests of the SDK gateway, integration tests, and the e2e
// suite (the CLI's `invoice send` is pointed at it). It checks what Square checks that matters to
// us — the Bearer token, a Square-Version header, JSON bodies shaped like Square's documented
// requests, idempotency keys (a replay returns the first answer, a reused key with another body is
// refused), invoice versions and states — and answers with Square-shaped bodies, including
// Square's error envelope {"errors":[{category, code, detail, field?}]}. Failures can be injected.
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
}

interface FakeInvoice {
  id: string;
  version: number;
  status: string;
  location_id: string;
  order_id: string;
  primary_recipient: { customer_id: string };
  payment_requests: any[];
  delivery_method: string;
  title?: string;
  description?: string;
  accepted_payment_methods?: unknown;
  public_url?: string;
  created_at: string;
  updated_at: string;
}

interface Injected {
  method: string;
  path: RegExp;
  status: number;
  errors: SquareErrorBody[];
  times: number;
}

interface SquareErrorBody {
  category: string;
  code: string;
  detail?: string;
  field?: string;
}

class SquareFault extends Error {
  constructor(
    readonly status: number,
    readonly errors: SquareErrorBody[],
  ) {
    super(errors[0]?.detail ?? errors[0]?.code);
  }
}

const invalid = (code: string, detail: string, field?: string) =>
  new SquareFault(400, [{ category: "INVALID_REQUEST_ERROR", code, detail, ...(field ? { field } : {}) }]);
const notFound = (detail: string) => new SquareFault(404, [{ category: "INVALID_REQUEST_ERROR", code: "NOT_FOUND", detail }]);

const id = (prefix = "") => `${prefix}${randomBytes(12).toString("base64url")}`;

export class FakeSquare {
  readonly requests: RecordedRequest[] = [];
  readonly customers = new Map<string, any>();
  readonly orders = new Map<string, any>();
  readonly invoices = new Map<string, FakeInvoice>();
  private readonly idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private injected: Injected[] = [];
  private server?: http.Server;
  url = "";

  constructor(
    readonly accessToken = "fake-square-token",
    readonly locationId = "LFAKE0LOCATION",
  ) {}

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next `times` requests matching method and path answer `status` with these Square errors. */
  fail(method: string, path: RegExp, status: number, errors: SquareErrorBody[] = [{ category: "API_ERROR", code: "INTERNAL_SERVER_ERROR", detail: "Injected failure" }], times = 1): void {
    this.injected.push({ method, path, status, errors, times });
  }

  clearFailures(): void {
    this.injected = [];
  }

  /** Requests matching method and path (a path prefix or pattern). */
  calls(method: string, path: RegExp | string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && (typeof path === "string" ? r.path === path : path.test(r.path)));
  }

  /** What the seller does in Square's dashboard, or the customer on the payment page. */
  setStatus(invoiceId: string, status: string): FakeInvoice {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw new Error(`fake square: no invoice ${invoiceId}`);
    invoice.status = status;
    invoice.version += 1;
    invoice.updated_at = new Date().toISOString();
    return invoice;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: any;
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(payload));
    };
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return send(400, { errors: [{ category: "INVALID_REQUEST_ERROR", code: "INVALID_CONTENT_TYPE", detail: "Malformed JSON" }] });
    }
    const method = req.method ?? "GET";
    this.requests.push({ method, path: url.pathname, query: url.searchParams, headers: req.headers, body });
    try {
      if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
        throw new SquareFault(401, [{ category: "AUTHENTICATION_ERROR", code: "UNAUTHORIZED", detail: "This request could not be authorized." }]);
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(String(req.headers["square-version"] ?? ""))) throw invalid("INVALID_SQUARE_VERSION_FORMAT", "Square-Version must be YYYY-MM-DD");
      if (text && !String(req.headers["content-type"] ?? "").startsWith("application/json")) throw invalid("INVALID_CONTENT_TYPE", "Content-Type must be application/json");
      const injected = this.injected.find((i) => i.method === method && i.path.test(url.pathname) && i.times > 0);
      if (injected) {
        injected.times -= 1;
        throw new SquareFault(injected.status, injected.errors);
      }
      const [status, payload] = this.idempotent(method, url.pathname, body, () => this.route(method, url, body ?? {}));
      send(status, payload);
    } catch (error) {
      if (error instanceof SquareFault) return send(error.status, { errors: error.errors });
      send(500, { errors: [{ category: "API_ERROR", code: "INTERNAL_SERVER_ERROR", detail: String(error) }] });
    }
  }

  /** Square replays the first answer to a repeated idempotency key; another body under it is refused. */
  private idempotent(method: string, path: string, body: any, run: () => unknown): [number, unknown] {
    const key = body?.idempotency_key;
    if (typeof key !== "string" || key === "") return [200, run()];
    const { idempotency_key: _ignored, ...rest } = body;
    const fingerprint = `${method} ${path} ${JSON.stringify(rest)}`;
    const seen = this.idempotency.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) throw invalid("IDEMPOTENCY_KEY_REUSED", "The idempotency key was used with a different request", "idempotency_key");
      return [seen.status, seen.body];
    }
    const payload = run();
    this.idempotency.set(key, { fingerprint, status: 200, body: payload });
    return [200, payload];
  }

  private route(method: string, url: URL, body: any): unknown {
    const path = url.pathname;
    const invoiceAction = /^\/v2\/invoices\/([^/]+)(?:\/(publish|cancel))?$/.exec(path);
    if (method === "POST" && path === "/v2/customers/search") return this.searchCustomers(body);
    if (method === "POST" && path === "/v2/customers") return this.createCustomer(body);
    if (method === "POST" && path === "/v2/orders") return this.createOrder(body);
    if (method === "POST" && path === "/v2/invoices") return this.createInvoice(body);
    if (invoiceAction) {
      const invoiceId = decodeURIComponent(invoiceAction[1]!);
      const action = invoiceAction[2];
      if (method === "GET" && !action) return { invoice: this.invoice(invoiceId) };
      if (method === "POST" && action === "publish") return this.publish(invoiceId, body);
      if (method === "POST" && action === "cancel") return this.cancel(invoiceId, body);
      if (method === "DELETE" && !action) return this.delete(invoiceId, url.searchParams.get("version"));
    }
    throw notFound(`No route ${method} ${path}`);
  }

  private invoice(invoiceId: string): FakeInvoice {
    const invoice = this.invoices.get(invoiceId);
    if (!invoice) throw notFound(`Invoice ${invoiceId} not found.`);
    return invoice;
  }

  private checkVersion(invoice: FakeInvoice, version: unknown): void {
    if (typeof version !== "number") throw invalid("MISSING_REQUIRED_PARAMETER", "Field must be set", "version");
    if (version !== invoice.version) {
      throw new SquareFault(409, [{ category: "INVALID_REQUEST_ERROR", code: "CONFLICT", detail: `Version ${version} does not match the invoice's current version ${invoice.version}.`, field: "version" }]);
    }
  }

  private searchCustomers(body: any) {
    const exact = body?.query?.filter?.reference_id?.exact;
    const found = [...this.customers.values()].filter((c) => exact === undefined || c.reference_id === exact);
    const limited = typeof body?.limit === "number" ? found.slice(0, body.limit) : found;
    return limited.length ? { customers: limited } : {};
  }

  private createCustomer(body: any) {
    if (!body.given_name && !body.family_name && !body.company_name && !body.email_address && !body.phone_number) {
      throw invalid("BAD_REQUEST", "At least one of given_name, family_name, company_name, email_address, phone_number is required");
    }
    const now = new Date().toISOString();
    const customer = { id: id("C"), created_at: now, updated_at: now, ...body, idempotency_key: undefined, creation_source: "THIRD_PARTY", version: 0 };
    this.customers.set(customer.id, customer);
    return { customer };
  }

  private createOrder(body: any) {
    const order = body.order;
    if (!order || order.location_id !== this.locationId) throw invalid("INVALID_VALUE", "order.location_id must be the seller's location", "order.location_id");
    if (order.customer_id && !this.customers.has(order.customer_id)) throw invalid("INVALID_VALUE", "Unknown customer", "order.customer_id");
    const items = order.line_items;
    if (!Array.isArray(items) || items.length === 0) throw invalid("MISSING_REQUIRED_PARAMETER", "An order needs line items", "order.line_items");
    const currencies = new Set<string>();
    let total = 0;
    for (const [index, item] of items.entries()) {
      if (typeof item.name !== "string" || !item.name) throw invalid("MISSING_REQUIRED_PARAMETER", "Ad hoc line items need a name", `order.line_items[${index}].name`);
      if (typeof item.quantity !== "string" || !/^\d+$/.test(item.quantity)) throw invalid("INVALID_VALUE", "quantity is a decimal string", `order.line_items[${index}].quantity`);
      const money = item.base_price_money;
      if (!money || !Number.isInteger(money.amount) || typeof money.currency !== "string") throw invalid("INVALID_VALUE", "base_price_money needs an integer amount and a currency", `order.line_items[${index}].base_price_money`);
      currencies.add(money.currency);
      total += money.amount * Number(item.quantity);
    }
    if (currencies.size > 1) throw invalid("INVALID_VALUE", "All line items must use one currency", "order.line_items");
    const now = new Date().toISOString();
    const created = { ...order, id: id("O"), state: "OPEN", version: 1, created_at: now, updated_at: now, total_money: { amount: total, currency: [...currencies][0] } };
    this.orders.set(created.id, created);
    return { order: created };
  }

  private createInvoice(body: any) {
    const invoice = body.invoice;
    if (!invoice) throw invalid("MISSING_REQUIRED_PARAMETER", "Field must be set", "invoice");
    const order = this.orders.get(invoice.order_id);
    if (!order) throw invalid("INVALID_VALUE", "Unknown order", "invoice.order_id");
    if ([...this.invoices.values()].some((i) => i.order_id === order.id)) throw invalid("BAD_REQUEST", "The order already has an invoice", "invoice.order_id");
    if (invoice.location_id && invoice.location_id !== order.location_id) throw invalid("INVALID_VALUE", "location_id must match the order's", "invoice.location_id");
    if (!this.customers.has(invoice.primary_recipient?.customer_id)) throw invalid("INVALID_VALUE", "Unknown customer", "invoice.primary_recipient.customer_id");
    const requests = invoice.payment_requests;
    if (!Array.isArray(requests) || requests.length !== 1 || requests[0].request_type !== "BALANCE") {
      throw invalid("INVALID_VALUE", "One BALANCE payment request expected", "invoice.payment_requests");
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(requests[0].due_date ?? "")) throw invalid("INVALID_VALUE", "due_date is YYYY-MM-DD", "invoice.payment_requests[0].due_date");
    if (!["EMAIL", "SHARE_MANUALLY", "SMS"].includes(invoice.delivery_method)) throw invalid("INVALID_VALUE", "delivery_method", "invoice.delivery_method");
    const now = new Date().toISOString();
    const created: FakeInvoice = {
      ...invoice,
      id: `inv:0-${id()}`,
      version: 0,
      status: "DRAFT",
      location_id: order.location_id,
      payment_requests: [{ ...requests[0], uid: id(), computed_amount_money: order.total_money, total_completed_amount_money: { amount: 0, currency: order.total_money.currency } }],
      created_at: now,
      updated_at: now,
    };
    this.invoices.set(created.id, created);
    return { invoice: created };
  }

  private publish(invoiceId: string, body: any) {
    const invoice = this.invoice(invoiceId);
    this.checkVersion(invoice, body?.version);
    if (invoice.status !== "DRAFT") throw invalid("BAD_REQUEST", `Cannot publish an invoice in status ${invoice.status}`);
    invoice.status = "UNPAID";
    invoice.version += 1;
    invoice.public_url = `https://squareup.com/pay-invoice/${encodeURIComponent(invoice.id)}`;
    invoice.updated_at = new Date().toISOString();
    return { invoice };
  }

  private cancel(invoiceId: string, body: any) {
    const invoice = this.invoice(invoiceId);
    this.checkVersion(invoice, body?.version);
    if (!["UNPAID", "SCHEDULED", "PARTIALLY_PAID"].includes(invoice.status)) throw invalid("BAD_REQUEST", `Cannot cancel an invoice in status ${invoice.status}`);
    invoice.status = "CANCELED";
    invoice.version += 1;
    invoice.updated_at = new Date().toISOString();
    return { invoice };
  }

  private delete(invoiceId: string, version: string | null) {
    const invoice = this.invoice(invoiceId);
    this.checkVersion(invoice, version === null ? undefined : Number(version));
    if (invoice.status !== "DRAFT") throw invalid("BAD_REQUEST", "Only a draft invoice can be deleted");
    this.invoices.delete(invoiceId);
    const order = this.orders.get(invoice.order_id);
    if (order) order.state = "CANCELED";
    return {};
  }
}
