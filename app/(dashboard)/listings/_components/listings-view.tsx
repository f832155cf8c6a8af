"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { LISTING_STATUSES, STATUS_LABELS } from "@/server/listings/lifecycle";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, Spinner } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/components/dashboard/providers";
import { trpc, toDashboardError } from "@/lib/trpc";
import { listingsHref, readListingsUrl, type ListingsUrlState } from "./listings-url";
import { ListingsTable, ListingsTableSkeleton } from "./listings-table";

export function ListingsView() {
  const me = useMe();
  const params = useSearchParams();
  const state = readListingsUrl(new URLSearchParams(params.toString()));
  const cursor = state.cursors.at(-1);

  const query = useQuery({
    queryKey: ["listings.list", me.agency?.id, state.status, cursor ?? null, state.size],
    queryFn: () =>
      trpc.listings.list.query({ status: state.status ? STATUS_LABELS[state.status] : undefined, cursor, limit: state.size }),
    placeholderData: keepPreviousData,
  });

  const page = query.data;
  const first = state.cursors.length * state.size + 1;
  const last = first + (page?.items.length ?? 0) - 1;
  const nextHref = page?.next_cursor ? listingsHref({ ...state, cursors: [...state.cursors, page.next_cursor] }) : null;
  const prevHref = state.cursors.length ? listingsHref({ ...state, cursors: state.cursors.slice(0, -1) }) : null;

  return (
    <Card aria-label="Listings">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <StatusFilter state={state} />
        {query.isFetching && !query.isPending && (
          <span className="flex items-center gap-2 text-xs text-slate-500" role="status">
            <Spinner className="size-3.5" /> Updating…
          </span>
        )}
      </div>

      {query.isPending ? (
        <ListingsTableSkeleton />
      ) : query.isError ? (
        <div className="p-5">
          <Alert
            tone="error"
            title="Listings could not be loaded"
            actions={
              state.cursors.length ? (
                <ButtonLink href={listingsHref({ ...state, cursors: [] })} variant="secondary" size="sm">
                  Back to first page
                </ButtonLink>
              ) : null
            }
          >
            {toDashboardError(query.error).message}
          </Alert>
        </div>
      ) : page && page.items.length === 0 ? (
        state.status ? (
          <EmptyState
            title={`No ${STATUS_LABELS[state.status]} listings`}
            action={
              <ButtonLink href={listingsHref({ ...state, status: null, cursors: [] })} variant="secondary" size="sm">
                Show all listings
              </ButtonLink>
            }
          >
            None of your agency&apos;s listings has this status right now.
          </EmptyState>
        ) : state.cursors.length ? (
          <EmptyState
            title="No more listings"
            action={
              <ButtonLink href={listingsHref({ ...state, cursors: [] })} variant="secondary" size="sm">
                Back to first page
              </ButtonLink>
            }
          />
        ) : (
          <EmptyState title="No listings yet">
            Listings appear here as soon as they are created in Valara or through the API (POST /api/v1/listings).
          </EmptyState>
        )
      ) : page ? (
        <>
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")}>
            <ListingsTable listings={page.items} />
          </div>
          <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 px-4 py-3">
            <p className="text-sm text-slate-600" aria-live="polite">
              Showing <span className="font-medium text-slate-900">{first}</span>–<span className="font-medium text-slate-900">{last}</span> of{" "}
              <span className="font-medium text-slate-900">{page.total}</span>
            </p>
            <div className="flex gap-2">
              <PageLink href={prevHref}>Previous</PageLink>
              <PageLink href={nextHref}>Next</PageLink>
            </div>
          </nav>
        </>
      ) : null}
    </Card>
  );
}

function PageLink({ href, children }: { href: string | null; children: React.ReactNode }) {
  if (!href) {
    return (
      <span aria-disabled="true" role="link" className="inline-flex h-8 items-center rounded-md px-3 text-sm font-medium text-slate-500 ring-1 ring-inset ring-slate-200">
        {children}
      </span>
    );
  }
  return (
    <ButtonLink href={href} variant="secondary" size="sm" scroll={false}>
      {children}
    </ButtonLink>
  );
}

function StatusFilter({ state }: { state: ListingsUrlState }) {
  const options = [{ value: null, label: "All" }, ...LISTING_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))];
  return (
    <nav aria-label="Filter by status">
      <ul className="flex flex-wrap gap-1 rounded-lg bg-slate-100 p-1">
        {options.map((option) => {
          const current = state.status === option.value;
          return (
            <li key={option.label}>
              <Link
                href={listingsHref({ ...state, status: option.value, cursors: [] })}
                aria-current={current ? "page" : undefined}
                scroll={false}
                className={cn(
                  "block rounded-md px-3 py-1 text-sm font-medium transition-colors",
                  current ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900",
                )}
              >
                {option.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
