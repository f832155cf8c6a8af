// Per-endpoint limits on webhook test sends and redeliveries (budgets test_webhook and
// redeliver_webhook, per webhook endpoint, whoever asks: any key, or the dashboard), so no caller
// can make Valara hammer one receiver. Counted on the process's rate limiter (same store as the
// API's budgets); if the counters are unreachable the request goes on (fail open, as the API does).
import { AppError } from "../errors";
import { sharedRateLimiter, rateLimitHeaders } from "../rate-limit/limiter";
import type { BudgetName } from "../rate-limit/budgets";
import { getLogger } from "../logger";

export async function enforceEndpointLimit(endpointId: string, budget: Extract<BudgetName, "test_webhook" | "redeliver_webhook">): Promise<void> {
  const limiter = sharedRateLimiter();
  if (!limiter) return;
  let decision;
  try {
    decision = await limiter.consumeFor(endpointId, budget);
  } catch (error) {
    getLogger().warn({ err: error, endpointId, budget }, "rate-limit counters unreachable; endpoint limit not enforced");
    return;
  }
  if (decision.allowed) return;
  const what = budget === "test_webhook" ? "test sends" : "redeliveries";
  throw new AppError(
    "rate_limit_exceeded",
    `Too many ${what} to this webhook endpoint: at most ${decision.limit} per 60 seconds per endpoint; retry after ${decision.retryAfterSeconds} seconds.`,
    [{ field: "budget", message: budget }],
    rateLimitHeaders(decision),
  );
}
