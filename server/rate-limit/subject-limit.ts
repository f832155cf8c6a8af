// Limits counted for something other than an API key (a webhook endpoint, a dashboard user), on
// the process's rate limiter (the same store as the API's budgets). If the counters cannot be
// reached the request goes on (fail open, as the API does): a limiter outage must not become an
// outage of what it protects.
import { AppError } from "../errors";
import { getLogger } from "../logger";
import type { AnyBudgetName } from "./budgets";
import { rateLimitHeaders, sharedRateLimiter, type Decision } from "./limiter";

/** Counts one request of `subject` against `budget`; throws 429 rate_limit_exceeded (with Retry-After) when over. */
export async function enforceSubjectLimit(subject: string, budget: AnyBudgetName, refusal: (decision: Decision) => string): Promise<void> {
  const limiter = sharedRateLimiter();
  if (!limiter) return;
  let decision;
  try {
    decision = await limiter.consumeFor(subject, budget);
  } catch (error) {
    getLogger().warn({ err: error, subject, budget }, "rate-limit counters unreachable; limit not enforced");
    return;
  }
  if (decision.allowed) return;
  throw new AppError("rate_limit_exceeded", refusal(decision), [{ field: "budget", message: budget }], rateLimitHeaders(decision));
}
