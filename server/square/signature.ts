// Square signs each webhook delivery: x-square-hmacsha256-signature is the base64 HMAC-SHA256,
// keyed with the subscription's signature key, of the notification URL (exactly as registered)
// followed by the raw body. Written here rather than with the SDK's WebhooksHelper, which takes
// the body as a string and compares with ===; this compares in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

export function squareSignature(signatureKey: string, notificationUrl: string, rawBody: Buffer): string {
  return createHmac("sha256", signatureKey).update(notificationUrl, "utf8").update(rawBody).digest("base64");
}

export function isValidSquareSignature(input: { signatureKey: string; notificationUrl: string; rawBody: Buffer; header: string | undefined }): boolean {
  if (!input.header) return false;
  const expected = Buffer.from(squareSignature(input.signatureKey, input.notificationUrl, input.rawBody), "utf8");
  const received = Buffer.from(input.header.trim(), "utf8");
  // The length of a base64 SHA-256 is public (44 characters); only the content must not leak.
  return expected.length === received.length && timingSafeEqual(expected, received);
}
