// Webhooks over HTTP, as an integrator meets them (seed 001, quickstart steps 3-4): register an
// endpoint, create a listing, receive listing.created within seconds and verify it with the
// README's snippet; the catalog; endpoint management; rotation; 410; retries; test events and
// redelivery; the SSRF guard; tenancy. The e2e server runs two `dist/worker.js` processes.
import pg from "pg";
import { expect, test } from "@playwright/test";
import { ApiClient, createListing, expectError, expectJson, idemKey } from "../support/api";
import { mintKey, provisionAgency, type ProvisionedAgency } from "../support/cli";
import { e2eDatabaseUrl } from "../support/env";
import { startReceiver, type WebhookReceiver } from "../../server/testing/webhook-receiver";
import { loadReadmeVerifier } from "../../server/testing/readme-snippet";

let agency: ProvisionedAgency;
let other: ProvisionedAgency;
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  [agency, other] = await Promise.all([provisionAgency("hooks"), provisionAgency("hooks-other")]);
});
test.beforeEach(async () => {
  receiver = await startReceiver();
});
test.afterEach(async () => {
  await receiver.close();
});

async function register(api: ApiClient, eventTypes: string[], url = receiver.url) {
  const res = await api.post("/webhooks/endpoints", { url, event_types: eventTypes, description: "e2e" });
  expectJson(res, 201);
  return res.body as { endpoint_id: string; secret: string; url: string; event_types: string[] };
}

async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test("the quickstart: register, create a listing, receive listing.created within seconds, verify it", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const endpoint = await register(api, ["listing.created", "listing.status_changed", "media.delivery.completed"]);
  expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(endpoint.event_types).toEqual(["listing.created", "listing.status_changed", "media.delivery.completed"]);

  const started = Date.now();
  const listing = await createListing(api, agency);
  const [request1] = await receiver.waitFor(1, 5_000);
  expect(Date.now() - started).toBeLessThan(5_000);

  const verify = await loadReadmeVerifier();
  const event = verify(request1!.body, request1!.headers["x-valara-signature"] as string, endpoint.secret);
  expect(event).toMatchObject({
    event_type: "listing.created",
    api_version: "2026-05-29",
    data: { listing_number: listing.listing_number, status: "Coming Soon", property_url: listing.property_url },
  });
  expect(event.event_id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(request1!.headers["webhook-id"]).toBe(event.event_id);
  expect(request1!.headers).not.toHaveProperty("x-valara-test");

  // The change, not the read, makes events: a status change is the next one.
  await api.patch(`/listings/${listing.listing_number}/status`, { status: "Active" });
  const [, request2] = await receiver.waitFor(2, 5_000);
  expect(verify(request2!.body, request2!.headers["x-valara-signature"] as string, endpoint.secret)).toMatchObject({
    event_type: "listing.status_changed",
    data: { listing_number: listing.listing_number, previous_status: "Coming Soon", status: "Active" },
  });

  // The delivery log shows the attempts (recorded once the receiver has answered).
  const log = await eventually(async () => {
    const res = await api.get(`/webhooks/endpoints/${endpoint.endpoint_id}/deliveries`);
    expectJson(res, 200);
    return res.body.items.every((d: { status: string }) => d.status === "succeeded") ? res.body : undefined;
  });
  expect(log.total).toBe(2);
  expect(log.items.map((d: { event_type: string }) => d.event_type)).toEqual(["listing.status_changed", "listing.created"]);
  expect(log.items[0].attempts).toEqual([expect.objectContaining({ attempt_number: 1, status_code: 200, duration_ms: expect.any(Number) })]);
});

test("the catalog lists every event type with its schema, version and example", async ({ request }) => {
  const res = await new ApiClient(request, agency.key).get("/webhooks/events");
  expectJson(res, 200);
  const types = res.body.items.map((e: { event_type: string }) => e.event_type);
  for (const required of [
    "listing.created", "listing.status_changed", "listing.cancelled", "listing.section_updated", "media.uploaded", "media.delivery.completed",
    "shoot.scheduled", "shoot.rescheduled", "shoot.cancelled", "shoot.completed", "order.created", "invoice.status_changed", "invoice.paid",
    "user.created", "api_key.created", "api_key.revoked",
  ]) {
    expect(types).toContain(required);
  }
  const created = res.body.items.find((e: { event_type: string }) => e.event_type === "listing.created");
  expect(created).toMatchObject({ api_version: "2026-05-29", schema: { type: "object" }, example: { listing_number: expect.any(String) } });
  expect(created.schema.required).toContain("listing_number");
  expect(res.body.total).toBe(types.length);
});

test("registration refuses what the SSRF guard and the catalog refuse, naming the field", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  for (const url of ["https://10.0.0.7/hook", "https://169.254.169.254/latest", "https://[fd00::1]/hook", "http://hooks.example.com/plain", "ftp://x.example/", "https://user:pw@hooks.example.com/"]) {
    const error = expectError(await api.post("/webhooks/endpoints", { url, event_types: ["listing.created"] }), 400, "validation_failed");
    expect(error.details?.map((d) => d.field), url).toEqual(["url"]);
  }
  const unknown = expectError(await api.post("/webhooks/endpoints", { url: receiver.url, event_types: ["listing.exploded"] }), 400, "validation_failed");
  expect(unknown.details?.[0]?.field).toMatch(/^event_types/);
  expectError(await api.post("/webhooks/endpoints", { url: receiver.url, event_types: [] }), 400, "validation_failed");
});

test("endpoints are managed, scoped and kept within the agency", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const endpoint = await register(api, ["api_key.created"]);
  const got = await api.get(`/webhooks/endpoints/${endpoint.endpoint_id}`);
  expectJson(got, 200);
  expect(got.body).not.toHaveProperty("secret");
  const patched = await api.patch(`/webhooks/endpoints/${endpoint.endpoint_id}`, { event_types: ["api_key.created", "api_key.revoked"], enabled: false });
  expect(patched.body).toMatchObject({ event_types: ["api_key.created", "api_key.revoked"], enabled: false, disabled_reason: "disabled_by_user" });
  expect((await api.get("/webhooks/endpoints")).body.items.map((e: { endpoint_id: string }) => e.endpoint_id)).toContain(endpoint.endpoint_id);

  const stranger = new ApiClient(request, other.key);
  for (const call of [
    stranger.get(`/webhooks/endpoints/${endpoint.endpoint_id}`),
    stranger.patch(`/webhooks/endpoints/${endpoint.endpoint_id}`, { enabled: true }),
    stranger.call("DELETE", `/webhooks/endpoints/${endpoint.endpoint_id}`),
    stranger.post(`/webhooks/endpoints/${endpoint.endpoint_id}/rotate-secret`),
    stranger.post(`/webhooks/endpoints/${endpoint.endpoint_id}/test`),
    stranger.get(`/webhooks/endpoints/${endpoint.endpoint_id}/deliveries`),
  ]) {
    expectError(await call, 404, "webhook_endpoint_not_found");
  }
  expect((await stranger.get("/webhooks/endpoints")).body.items).toEqual([]);

  const readOnly = new ApiClient(request, (await mintKey(agency.slug, "webhooks:read")).key);
  expectJson(await readOnly.get("/webhooks/endpoints"), 200);
  expectError(await readOnly.post("/webhooks/endpoints", { url: receiver.url, event_types: ["listing.created"] }), 403, "insufficient_scope");

  const deleted = await api.call("DELETE", `/webhooks/endpoints/${endpoint.endpoint_id}`);
  expectJson(deleted, 200);
  expectError(await api.get(`/webhooks/endpoints/${endpoint.endpoint_id}`), 404, "webhook_endpoint_not_found");
});

test("a replayed registration returns the same secret, which is not stored in clear", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const key = idemKey();
  const body = { url: receiver.url, event_types: ["listing.created"] };
  const first = await api.post("/webhooks/endpoints", body, { idempotencyKey: key });
  const again = await api.post("/webhooks/endpoints", body, { idempotencyKey: key });
  expect(again.headers["x-idempotent-replay"]).toBe("true");
  expect(again.body.secret).toBe(first.body.secret);
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const stored = await client.query("SELECT response_body FROM idempotency_keys WHERE key = $1", [key]);
    expect(stored.rows[0].response_body).not.toContain(first.body.secret);
    const endpoints = await client.query("SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1", [first.body.endpoint_id]);
    expect(endpoints.rows[0].secret_ciphertext).not.toContain(first.body.secret.slice(6));
  } finally {
    await client.end();
  }
});

test("after a rotation deliveries carry both signatures, and each secret verifies", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const endpoint = await register(api, ["listing.created"]);
  const rotated = await api.post(`/webhooks/endpoints/${endpoint.endpoint_id}/rotate-secret`);
  expectJson(rotated, 200);
  expect(rotated.body.secret).not.toBe(endpoint.secret);
  expect(Date.parse(rotated.body.secret_rotation_ends_at) - Date.now()).toBeGreaterThan(23 * 3_600_000);
  await createListing(api, agency);
  const [delivery] = await receiver.waitFor(1, 10_000);
  const header = delivery!.headers["x-valara-signature"] as string;
  expect(header.split(",")).toHaveLength(2);
  expect((await loadReadmeVerifier())(delivery!.body, header, rotated.body.secret).event_type).toBe("listing.created");
  expect((await loadReadmeVerifier())(delivery!.body, header, endpoint.secret).event_type).toBe("listing.created");
});

test("a receiver that fails is retried; one that answers 410 is disabled", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  receiver.answers.push({ status: 503, body: "busy" });
  const flaky = await register(api, ["listing.created"]);
  await createListing(api, agency);
  await receiver.waitFor(2, 20_000); // the first retry comes about 5 seconds later
  const log = await eventually(async () => {
    const res = await api.get(`/webhooks/endpoints/${flaky.endpoint_id}/deliveries`);
    return res.body.items[0]?.status === "succeeded" ? res.body.items[0] : undefined;
  });
  expect(log.attempts.map((a: { status_code: number }) => a.status_code)).toEqual([503, 200]);
  expect(log.attempts[0].response_excerpt).toBe("busy");
  await api.call("DELETE", `/webhooks/endpoints/${flaky.endpoint_id}`);

  const goneReceiver = await startReceiver();
  try {
    goneReceiver.fallback = { status: 410 };
    const gone = await register(api, ["listing.created"], goneReceiver.url);
    await createListing(api, agency);
    const disabled = await eventually(async () => {
      const res = await api.get(`/webhooks/endpoints/${gone.endpoint_id}`);
      return res.body.enabled === false ? res.body : undefined;
    });
    expect(disabled).toMatchObject({ enabled: false, disabled_reason: "gone" });
    expect(goneReceiver.requests).toHaveLength(1);
    // Re-enabling starts afresh.
    goneReceiver.fallback = { status: 200 };
    const enabled = await api.patch(`/webhooks/endpoints/${gone.endpoint_id}`, { enabled: true });
    expect(enabled.body).toMatchObject({ enabled: true, disabled_reason: null });
  } finally {
    await goneReceiver.close();
  }
});

test("a test event and a redelivery arrive through the same pipeline", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const endpoint = await register(api, ["order.created"]);
  const queued = await api.post(`/webhooks/endpoints/${endpoint.endpoint_id}/test`, { event_type: "order.created" });
  expectJson(queued, 202);
  const [test1] = await receiver.waitFor(1, 10_000);
  const verify = await loadReadmeVerifier();
  expect(verify(test1!.body, test1!.headers["x-valara-signature"] as string, endpoint.secret)).toMatchObject({
    event_id: queued.body.event_id,
    event_type: "order.created",
  });
  expect(test1!.headers["x-valara-test"]).toBe("true");
  const log = await api.get(`/webhooks/endpoints/${endpoint.endpoint_id}/deliveries`);
  expect(log.body.items).toEqual([expect.objectContaining({ event_id: queued.body.event_id, test: true })]);
  const again = await api.post(`/webhooks/deliveries/${queued.body.delivery_id}/redeliver`);
  expectJson(again, 202);
  const [, test2] = await receiver.waitFor(2, 10_000);
  expect(JSON.parse(test2!.body).event_id).toBe(queued.body.event_id);
  expectError(await new ApiClient(request, other.key).post(`/webhooks/deliveries/${queued.body.delivery_id}/redeliver`), 404, "webhook_delivery_not_found");
});
