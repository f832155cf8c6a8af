// The REST pipeline's rate-limit step (called once from server/http/rest-handler.ts, right after
// the key and its scope are known and before the body is read, the idempotency ledger is touched
// or anything else runs): a refused request costs one counter lookup and nothing else.
import type { IncomingMessage } from "node:http";
import { AppError } from "../errors";
import { budgetOf } from "./budgets";
import { rateLimitHeaders, type RateLimiter } from "./limiter";

/**
 * Counts the request against its budget; puts the rate-limit headers into `headers` (the response
 * carries them whatever it turns out to be) and throws 429 rate_limit_exceeded when over.
 * If the counters cannot be reached (Redis or the counters' PostgreSQL gone), the request goes on
 * uncounted and without the headers: a limiter outage must not become an API outage.
 */
export async function enforceRateLimit(
  limiter: RateLimiter,
  input: { req: IncomingMessage; method: string; template: string; keyId: string; agencyId: string },
  headers: Record<string, string>,
  onStoreError: (error: unknown) => void,
): Promise<void> {
  const budget = budgetOf(input.method, input.template);
  let decision;
  try {
    decision = await limiter.consume({ keyId: input.keyId, agencyId: input.agencyId, budget });
  } catch (error) {
    onStoreError(error);
    return;
  }
  Object.assign(headers, rateLimitHeaders(decision));
  if (decision.allowed) return;
  input.req.resume(); // the body is never read
  throw new AppError(
    "rate_limit_exceeded",
    `Rate limit exceeded for budget ${budget} (${decision.limit} requests per 60 seconds); retry after ${decision.retryAfterSeconds} seconds.`,
    [{ field: "budget", message: budget }],
  );
}
