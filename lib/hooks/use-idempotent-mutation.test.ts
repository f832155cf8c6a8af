import { describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { createAttempts } from "./use-idempotent-mutation";

function keys() {
  let n = 0;
  return () => `key-${++n}`;
}

const refusal = (code: string) => TRPCClientError.from({ error: { message: code, code: -32600, data: { code, requestId: "req_1" } } });

describe("createAttempts", () => {
  it("joins a second call made while the first is in flight (a double click sends once)", async () => {
    const attempts = createAttempts(keys());
    const sent: string[] = [];
    let finish!: (value: string) => void;
    const send = (_input: { a: number }, { idempotencyKey }: { idempotencyKey: string }) => {
      sent.push(idempotencyKey);
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = attempts.run({ a: 1 }, send);
    const second = attempts.run({ a: 1 }, send);
    finish("done");
    expect(await first).toBe("done");
    expect(await second).toBe("done");
    expect(sent).toEqual(["key-1"]);
  });

  it("keeps the key for a retry after no answer, and takes a new one after success", async () => {
    const attempts = createAttempts(keys());
    const sent: string[] = [];
    let fail = true;
    const send = async (_input: object, { idempotencyKey }: { idempotencyKey: string }) => {
      sent.push(idempotencyKey);
      if (fail) throw new TypeError("Failed to fetch");
      return "ok";
    };
    await expect(attempts.run({ b: 2, a: 1 }, send)).rejects.toThrow();
    fail = false;
    // Same input in another key order: the same change.
    await attempts.run({ a: 1, b: 2 }, send);
    await attempts.run({ a: 1, b: 2 }, send);
    expect(sent).toEqual(["key-1", "key-1", "key-2"]);
  });

  it("takes a new key after a definite refusal, and for a different input", async () => {
    const attempts = createAttempts(keys());
    const sent: string[] = [];
    const send = async (input: { n: number }, { idempotencyKey }: { idempotencyKey: string }) => {
      sent.push(idempotencyKey);
      if (input.n === 1) throw refusal("slot_unavailable");
      if (input.n === 2) throw refusal("idempotency_key_in_use");
      return "ok";
    };
    await expect(attempts.run({ n: 1 }, send)).rejects.toThrow();
    await expect(attempts.run({ n: 1 }, send)).rejects.toThrow();
    await expect(attempts.run({ n: 2 }, send)).rejects.toThrow();
    await expect(attempts.run({ n: 2 }, send)).rejects.toThrow();
    expect(sent).toEqual(["key-1", "key-2", "key-3", "key-3"]);
  });
});
