// Endpoint signing secrets: `whsec_` + base64 of 32 random bytes, the Standard Webhooks
// convention, so that off-the-shelf verifiers accept them as issued. Stored encrypted
// (server/security/encryption.ts): we need the secret itself to sign, so unlike an API key it
// cannot be a one-way hash.
import { randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The HMAC key of the Standard Webhooks signature: the base64-decoded part after the prefix. */
export function standardWebhooksKey(secret: string): Buffer {
  return Buffer.from(secret.slice(SECRET_PREFIX.length), "base64");
}
