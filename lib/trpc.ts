// The dashboard's tRPC client (browser only). @trpc/react-query does not match @trpc/server 11.25,
// so components call this vanilla client inside @tanstack/react-query's useQuery/useMutation.
import { TRPCClientError, createTRPCClient, httpBatchLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { ErrorCode, FieldIssue } from "@/server/errors";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/api/trpc" })],
});

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type Me = RouterOutputs["session"]["me"];

export interface DashboardError {
  /** Valara's error code (`forbidden`, `validation_failed`, ...); `network_error` when no answer came. */
  code: ErrorCode | "network_error";
  message: string;
  details: FieldIssue[];
  requestId?: string;
}

/** What the server said went wrong, in the shape every dashboard screen shows. */
export function toDashboardError(error: unknown): DashboardError {
  if (error instanceof TRPCClientError) {
    const data = (error as TRPCClientError<AppRouter>).data as
      | { code?: ErrorCode; details?: FieldIssue[]; requestId?: string }
      | undefined;
    if (data?.code) {
      return { code: data.code, message: error.message, details: data.details ?? [], requestId: data.requestId || undefined };
    }
    return { code: "network_error", message: "Could not reach Valara. Check your connection and try again.", details: [] };
  }
  return { code: "internal_error", message: "An unexpected error occurred.", details: [] };
}
