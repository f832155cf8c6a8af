import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { buildEnvelope, signedRequest } from "./signing";
import { generateWebhookSecret } from "./secrets";

const event = { id: "evt_01JD3Q6W4ZKXY3T5V7B9C1D2EF", type: "listing.created", apiVersion: "2026-05-29", data: { listing_number: "K7Q4MX" } };

describe("signed deliveries", () => {
  it("carry the seed's envelope, with a fresh nonce per attempt", () => {
    const now = new Date("2026-11-26T12:00:00Z");
    const a = buildEnvelope(event, now);
    expect(a).toEqual({
      event_id: event.id,
      event_type: "listing.created",
      api_version: "2026-05-29",
      timestamp: 1795694400,
      nonce: expect.stringMatching(/^[0-9a-f]{32}$/),
      data: { listing_number: "K7Q4MX" },
    });
    expect(buildEnvelope(event, now).nonce).not.toBe(a.nonce);
  });

  it("sign the exact body: X-Valara-Signature is sha256=<hex HMAC> keyed with the secret as issued", () => {
    const secret = generateWebhookSecret();
    const { body, headers } = signedRequest(buildEnvelope(event, new Date()), [secret]);
    const expected = createHmac("sha256", secret).update(body).digest("hex");
    expect(headers["X-Valara-Signature"]).toBe(`sha256=${expected}`);
    expect(JSON.parse(body).event_id).toBe(event.id);
  });

  it("satisfy an off-the-shelf Standard Webhooks verifier", () => {
    const secret = generateWebhookSecret();
    const { body, headers } = signedRequest(buildEnvelope(event, new Date()), [secret]);
    const verified = new Webhook(secret).verify(body, {
      "webhook-id": headers["webhook-id"]!,
      "webhook-timestamp": headers["webhook-timestamp"]!,
      "webhook-signature": headers["webhook-signature"]!,
    });
    expect(verified).toMatchObject({ event_id: event.id });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("during a rotation carry one signature per secret, each verifiable on its own", () => {
    const [next, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const { body, headers } = signedRequest(buildEnvelope(event, new Date()), [next, previous]);
    const parts = headers["X-Valara-Signature"]!.split(",");
    expect(parts).toEqual([
      `sha256=${createHmac("sha256", next).update(body).digest("hex")}`,
      `sha256=${createHmac("sha256", previous).update(body).digest("hex")}`,
    ]);
    for (const secret of [next, previous]) {
      expect(() => new Webhook(secret).verify(body, headers)).not.toThrow();
    }
  });

  it("add X-Valara-Test: true to a test event only, outside what is signed", () => {
    const secret = generateWebhookSecret();
    const envelope = buildEnvelope(event, new Date());
    const real = signedRequest(envelope, [secret]);
    const test = signedRequest(envelope, [secret], { test: true });
    expect(real.headers).not.toHaveProperty("X-Valara-Test");
    expect(test.headers["X-Valara-Test"]).toBe("true");
    expect(test.headers["X-Valara-Signature"]).toBe(real.headers["X-Valara-Signature"]);
  });
});
