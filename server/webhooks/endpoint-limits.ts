// Per-endpoint limits on webhook test sends and redeliveries (budgets test_webhook and
// redeliver_webhook, per webhook endpoint, whoever asks: any key, or the dashboard), so no caller
// can make Valara hammer one receiver.
import type { BudgetName } from "../rate-limit/budgets";
import { enforceSubjectLimit } from "../rate-limit/subject-limit";

export function enforceEndpointLimit(endpointId: string, budget: Extract<BudgetName, "test_webhook" | "redeliver_webhook">): Promise<void> {
  const what = budget === "test_webhook" ? "test sends" : "redeliveries";
  return enforceSubjectLimit(
    endpointId,
    budget,
    (decision) => `Too many ${what} to this webhook endpoint: at most ${decision.limit} per 60 seconds per endpoint; retry after ${decision.retryAfterSeconds} seconds.`,
  );
}
