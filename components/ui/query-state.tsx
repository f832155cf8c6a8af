"use client";
// The one way a screen shows a query that is loading, failed or empty. A failure says what the
// server said, offers Retry and shows the request id to quote to support.
import type { ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import { toDashboardError } from "@/lib/trpc";
import { Alert } from "./alert";
import { Button } from "./button";
import { EmptyState } from "./empty-state";
import { cn } from "./cn";

export function LoadError({ title, error, onRetry, retrying, className }: { title: string; error: unknown; onRetry?: () => void; retrying?: boolean; className?: string }) {
  const problem = toDashboardError(error);
  return (
    <Alert
      tone="error"
      title={title}
      className={className}
      actions={
        onRetry && (
          <Button variant="secondary" size="sm" onClick={onRetry} loading={retrying}>
            {!retrying && <RotateCw className="size-3.5" aria-hidden="true" />}
            Retry
          </Button>
        )
      }
    >
      <p>{problem.message}</p>
      {problem.requestId && (
        <p className="mt-1 text-xs">
          Request id: <span className="select-all font-mono">{problem.requestId}</span>
        </p>
      )}
    </Alert>
  );
}

/** Skeleton lines while something loads; announced once as "Loading …". */
export function LoadingBlock({ label, lines = 3, className }: { label: string; lines?: number; className?: string }) {
  return (
    <div role="status" aria-label={label} className={cn("space-y-3", className)}>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className={cn("h-5 animate-pulse rounded bg-slate-200", i === 0 ? "w-2/3" : i % 2 ? "w-full" : "w-5/6")} />
      ))}
    </div>
  );
}

/**
 * Renders `children(data)` once the query has data; otherwise its loading skeleton, its error
 * (with Retry and the request id) or, when `isEmpty(data)`, the empty state.
 */
export function QueryState<T>({
  query,
  label,
  errorTitle,
  isEmpty,
  empty,
  loading,
  children,
}: {
  query: UseQueryResult<T>;
  /** What is loading, for screen readers ("Loading listings"). */
  label: string;
  errorTitle: string;
  isEmpty?: (data: T) => boolean;
  /** The empty state: a title string or a whole node. */
  empty?: ReactNode;
  loading?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <>{loading ?? <LoadingBlock label={label} />}</>;
  if (query.isError && query.data === undefined) {
    return <LoadError title={errorTitle} error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />;
  }
  const data = query.data as T;
  if (isEmpty?.(data)) return <>{typeof empty === "string" ? <EmptyState title={empty} /> : empty}</>;
  return <>{children(data)}</>;
}
