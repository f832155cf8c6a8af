// The dashboard's tRPC client (browser only). @trpc/react-query does not match @trpc/server 11.25,
// so components call this vanilla client inside @tanstack/react-query's useQuery/useMutation.
import { TRPCClientError, createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import type { ErrorCode, FieldIssue } from "@/server/errors";

/** What a dashboard call may carry besides its input: `trpc.x.mutate(input, { context: { idempotencyKey } })`. */
export interface CallContext {
  /** Sent as X-Idempotency-Key: a retry of the same mutation with the same key replays its answer. */
  idempotencyKey?: string;
  [key: string]: unknown;
}

// Queries are batched; mutations go one per request, so that each carries its own idempotency
// key (a header) and the server can replay it exactly as /api/v1 does.
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "mutation",
      true: httpLink({
        url: "/api/trpc",
        headers: ({ op }) => {
          const key = (op.context as CallContext).idempotencyKey;
          return key ? { "X-Idempotency-Key": key } : {};
        },
      }),
      false: httpBatchLink({ url: "/api/trpc" }),
    }),
  ],
});

/**
 * A fresh idempotency key (UUID v4 form). crypto.getRandomValues works on plain-http origins too,
 * where crypto.randomUUID does not exist.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

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
