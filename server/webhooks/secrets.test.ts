import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decrypt as decryptSecret, encrypt as encryptSecret } from "../security/encryption";
import { generateWebhookSecret, standardWebhooksKey } from "./secrets";

describe("webhook secrets", () => {
  it("are whsec_ + base64 of 32 random bytes, different every time", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(standardWebhooksKey(a)).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });

  it("round-trip through encryption, and refuse a wrong key or a tampered ciphertext", () => {
    const key = randomBytes(32);
    const secret = generateWebhookSecret();
    const stored = encryptSecret(secret, key);
    expect(stored).not.toContain(secret.slice(6));
    expect(encryptSecret(secret, key)).not.toBe(stored); // fresh IV each time
    expect(decryptSecret(stored, key)).toBe(secret);
    expect(() => decryptSecret(stored, randomBytes(32))).toThrow();
    const [v, iv, tag, ct] = stored.split(".");
    const flipped = Buffer.from(ct!, "base64");
    flipped[0]! ^= 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64")].join("."), key)).toThrow();
  });
});
