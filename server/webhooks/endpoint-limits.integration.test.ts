// Test sends and redeliveries are limited per webhook endpoint, whoever asks.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { createRateLimiter, setSharedRateLimiter, sharedRateLimiter } from "../rate-limit/limiter";
import { AppError } from "../errors";
import { createEndpoint, redeliver, sendTestEvent, type WebhookSettings } from "./endpoints";

describeEachDatabase("per-endpoint webhook limits", (testDb) => {
  let agency: TestAgency;
  const settings: WebhookSettings = { encryptionKey: randomBytes(32), guard: { allowLoopback: true } };
  const previous = sharedRateLimiter();
  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma, { packages: false });
    setSharedRateLimiter(createRateLimiter({ store: "memory", limits: { test_webhook: 2, redeliver_webhook: 3 } }));
  });
  afterAll(() => setSharedRateLimiter(previous));
  const register = () => createEndpoint(agency.scope, { url: "http://127.0.0.1:9/hooks", event_types: ["listing.created"] }, settings);

  it("a third test send to one endpoint within a minute is 429 with Retry-After; another endpoint is unaffected", async () => {
    const one = await register();
    const two = await register();
    const first = await sendTestEvent(agency.scope, one.endpoint_id);
    await sendTestEvent(agency.scope, one.endpoint_id);
    const refused = await sendTestEvent(agency.scope, one.endpoint_id).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limit_exceeded");
    expect((refused as AppError).headers?.["Retry-After"]).toMatch(/^\d+$/);
    expect((refused as AppError).details).toEqual([{ field: "budget", message: "test_webhook" }]);
    expect(await errorCodeOf(sendTestEvent(agency.scope, two.endpoint_id))).toBe("ok");
    // Redeliveries have a budget of their own, per endpoint.
    for (let i = 0; i < 3; i++) expect(await errorCodeOf(redeliver(agency.scope, first.delivery_id))).toBe("ok");
    expect(await errorCodeOf(redeliver(agency.scope, first.delivery_id))).toBe("rate_limit_exceeded");
  });
});
