import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createRateLimiter, type RateLimiter } from "./limiter";
import { enforceRateLimit } from "./rest";

const request = { resume() {} } as unknown as IncomingMessage;
const input = { req: request, method: "POST", template: "/listings/{listing_number}/cancel", keyId: "key_1", agencyId: "agency_1" };

describe("enforceRateLimit", () => {
  it("sets the headers, and refuses with 429 rate_limit_exceeded naming the budget once it is spent", async () => {
    const limiter = createRateLimiter({ store: "memory", limits: { cancel_listing: 1 } });
    const headers: Record<string, string> = {};
    await enforceRateLimit(limiter, input, headers, () => {});
    expect(headers["X-Rate-Limit-Remaining"]).toBe("0");
    const refused = await enforceRateLimit(limiter, input, headers, () => {}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "rate_limit_exceeded", details: [{ field: "budget", message: "cancel_listing" }] });
    expect(headers["Retry-After"]).toMatch(/^\d+$/);
  });

  it("lets the request through uncounted, and reports it, when the counters cannot be reached", async () => {
    const unreachable: RateLimiter = {
      consume: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
      consumeFor: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379")),
      usage: () => Promise.resolve([]),
    };
    const headers: Record<string, string> = {};
    const reported: unknown[] = [];
    await expect(enforceRateLimit(unreachable, input, headers, (error) => reported.push(error))).resolves.toBeUndefined();
    expect(headers).toEqual({});
    expect(reported).toHaveLength(1);
  });
});
