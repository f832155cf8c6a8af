// The process's encryption key: resolved once, synchronously, and the same Buffer wherever it is
// used (stored responses in the REST handler, webhook secrets).
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { webhookSettings } from "../webhooks/endpoints";
import { decrypt, encrypt, encryptionKey } from "./encryption";

describe("the process's encryption key", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("is ENCRYPTION_KEY, resolved once and shared with the webhook settings", () => {
    const hex = randomBytes(32).toString("hex");
    vi.stubEnv("ENCRYPTION_KEY", hex);
    const key = encryptionKey();
    expect(key).toEqual(Buffer.from(hex, "hex"));
    expect(encryptionKey()).toBe(key);
    expect(webhookSettings().encryptionKey).toBe(key);
    expect(decrypt(encrypt("whsec_example", key), webhookSettings().encryptionKey)).toBe("whsec_example");
  });
});
