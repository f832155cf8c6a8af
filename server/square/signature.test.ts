// Signatures computed independently here with node:crypto, the way Square documents them:
// base64(HMAC-SHA256(key, notification URL + raw body)).
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isValidSquareSignature, squareSignature } from "./signature";

const KEY = "qfjakbt2uWB8DKAMECF-EA";
const URL = "https://valara.example/api/integrations/square/webhook";
const BODY = Buffer.from(
  JSON.stringify({
    merchant_id: "MLEEN14GDS67J",
    type: "invoice.published",
    event_id: "9cfeaac8-d5db-4baa-943d-58b50889c3b5",
    created_at: "2026-12-01T23:14:17.587646532Z",
    data: { type: "invoice", id: "inv:0-ChCHu2mZEabLeeHahQnXDjZQECY", object: { invoice: { id: "inv:0-ChCHu2mZEabLeeHahQnXDjZQECY", status: "UNPAID", version: 1 } } },
  }),
);

const independent = (key: string, url: string, body: Buffer) => createHmac("sha256", key).update(Buffer.concat([Buffer.from(url), body])).digest("base64");
const check = (header: string | undefined, overrides: { key?: string; url?: string; body?: Buffer } = {}) =>
  isValidSquareSignature({ signatureKey: overrides.key ?? KEY, notificationUrl: overrides.url ?? URL, rawBody: overrides.body ?? BODY, header });

describe("Square webhook signatures", () => {
  it("computes base64 HMAC-SHA256 over the notification URL followed by the raw body", () => {
    expect(squareSignature(KEY, URL, BODY)).toBe(independent(KEY, URL, BODY));
    expect(squareSignature(KEY, URL, BODY)).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it("accepts the right signature", () => {
    expect(check(independent(KEY, URL, BODY))).toBe(true);
  });

  it("refuses a tampered body", () => {
    const tampered = Buffer.from(BODY.toString("utf8").replace('"UNPAID"', '"PAID"'));
    expect(tampered.equals(BODY)).toBe(false);
    expect(check(independent(KEY, URL, BODY), { body: tampered })).toBe(false);
    // One byte of whitespace is a different body too: the raw bytes are signed, not the JSON.
    expect(check(independent(KEY, URL, BODY), { body: Buffer.concat([BODY, Buffer.from(" ")]) })).toBe(false);
  });

  it("refuses a signature made for another notification URL", () => {
    const other = "https://valara.example/api/integrations/square/webhook/";
    expect(check(independent(KEY, other, BODY))).toBe(false);
    expect(check(independent(KEY, "http://valara.example/api/integrations/square/webhook", BODY))).toBe(false);
  });

  it("refuses a signature made with another key", () => {
    expect(check(independent("another-signature-key", URL, BODY))).toBe(false);
  });

  it("refuses a missing, empty, truncated or hex-encoded header", () => {
    const right = independent(KEY, URL, BODY);
    expect(check(undefined)).toBe(false);
    expect(check("")).toBe(false);
    expect(check(right.slice(0, -2))).toBe(false);
    expect(check(createHmac("sha256", KEY).update(URL).update(BODY).digest("hex"))).toBe(false);
  });

  it("checks the bytes of a non-ASCII body as sent", () => {
    const body = Buffer.from(JSON.stringify({ event_id: "e", note: "Café – 東京" }), "utf8");
    expect(check(independent(KEY, URL, body), { body })).toBe(true);
    expect(check(independent(KEY, URL, Buffer.from(body.toString("latin1"), "utf8")), { body })).toBe(false);
  });
});
