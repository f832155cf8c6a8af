// The claim's lease against the send it covers: no DB needed for the numbers.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUT_MS, LEASE_MARGIN_MS, WebhookWorker, leaseFor } from "./worker";

const options = { prisma: {} as never, encryptionKey: Buffer.alloc(32), guard: { allowLoopback: false }, logger: pino({ level: "silent" }) };

describe("the webhook worker's lease", () => {
  it("outlasts a send's hard timeout with room for recording the outcome", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(15_000);
    expect(leaseFor(DEFAULT_TIMEOUT_MS)).toBe(60_000);
    expect(LEASE_MARGIN_MS).toBeGreaterThanOrEqual(2 * DEFAULT_TIMEOUT_MS);
    expect(leaseFor(2_000)).toBe(2_000 + LEASE_MARGIN_MS);
  });

  it("is derived from the timeout unless given, and refused if it would not outlast a send", () => {
    expect(() => new WebhookWorker({ ...options, timeoutMs: 30_000 })).not.toThrow();
    expect(() => new WebhookWorker({ ...options, leaseMs: 15_000 })).toThrow(/must exceed timeoutMs/);
    expect(() => new WebhookWorker({ ...options, timeoutMs: 5_000, leaseMs: 4_000 })).toThrow(/must exceed timeoutMs/);
  });
});
