"use client";
// The listings table: search, status and agent filters, a sort, cursor paging, all of it in the
// URL (listings-url.ts) so that a link shares the view, reload keeps it and Back undoes a change.
// A table from md up; on a phone a card list (nothing scrolls sideways).
import { useEffect, useId, useRef, useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search, X } from "lucide-react";
import { LISTING_STATUSES, STATUS_LABELS } from "@/server/listings/lifecycle";
import { LISTING_AGENT_ROLES } from "@/server/auth/scopes";
import { Card } from "@/components/ui/card";
import { ButtonLink, Spinner } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/input";
import { LoadError } from "@/components/ui/query-state";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/components/dashboard/providers";
import { trpc } from "@/lib/trpc";
import { SORT_CHOICES, listingsHref, readListingsUrl, sortChoiceOf, type ListingsUrlState } from "./listings-url";
import { ListingCards, ListingsTable, ListingsTableSkeleton } from "./listings-table";

const SEARCH_DELAY_MS = 350;

export function ListingsView() {
  const me = useMe();
  const router = useRouter();
  const params = useSearchParams();
  const state = readListingsUrl(new URLSearchParams(params.toString()));
  const cursor = state.cursors.at(-1);
  const go = (next: ListingsUrlState) => router.push(listingsHref(next), { scroll: false });

  const query = useQuery({
    queryKey: ["listings.list", me.agency?.id, state.q, state.status, state.agent, state.sort, state.order, cursor ?? null, state.size],
    queryFn: () =>
      trpc.listings.list.query({
        q: state.q || undefined,
        status: state.status ? STATUS_LABELS[state.status] : undefined,
        agent_id: state.agent ?? undefined,
        sort: state.sort,
        order: state.order ?? undefined,
        cursor,
        limit: state.size,
      }),
    placeholderData: keepPreviousData,
  });

  const page = query.data;
  const first = state.cursors.length * state.size + 1;
  const last = first + (page?.items.length ?? 0) - 1;
  const nextHref = page?.next_cursor ? listingsHref({ ...state, cursors: [...state.cursors, page.next_cursor] }) : null;
  const prevHref = state.cursors.length ? listingsHref({ ...state, cursors: state.cursors.slice(0, -1) }) : null;
  const filtered = Boolean(state.q || state.status || state.agent);

  return (
    <Card aria-label="Listings">
      <Toolbar state={state} onChange={go} fetching={query.isFetching && !query.isPending} />

      {query.isPending ? (
        <ListingsTableSkeleton />
      ) : query.isError && !page ? (
        <div className="p-5">
          <LoadError title="Listings could not be loaded" error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
          {state.cursors.length > 0 && (
            <ButtonLink href={listingsHref({ ...state, cursors: [] })} variant="secondary" size="sm" className="mt-3">
              Back to first page
            </ButtonLink>
          )}
        </div>
      ) : page && page.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No listings match"
            action={
              <ButtonLink href={listingsHref({ ...state, q: "", status: null, agent: null, cursors: [] })} variant="secondary" size="sm">
                Clear search and filters
              </ButtonLink>
            }
          >
            {state.q ? <>Nothing found for “{state.q}”. Try part of the street name or the listing number.</> : "No listing has this status or agent right now."}
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
          <EmptyState
            title="No listings yet"
            action={
              me.scopes.includes("listings:write") ? (
                <ButtonLink href="/listings/new" size="sm">
                  New listing
                </ButtonLink>
              ) : null
            }
          >
            Listings appear here as soon as they are created in Valara or through the API (POST /api/v1/listings).
          </EmptyState>
        )
      ) : page ? (
        <>
          <div className={cn(query.isPlaceholderData && "opacity-60 transition-opacity")}>
            <div className="hidden md:block">
              <ListingsTable listings={page.items} />
            </div>
            <div className="md:hidden">
              <ListingCards listings={page.items} />
            </div>
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

function Toolbar({ state, onChange, fetching }: { state: ListingsUrlState; onChange: (next: ListingsUrlState) => void; fetching: boolean }) {
  const id = useId();
  const [text, setText] = useState(state.q);
  const typed = useRef(false);
  // The URL is the truth: Back, or a link, puts its search in the box.
  useEffect(() => {
    if (!typed.current) setText(state.q);
  }, [state.q]);
  // Typing searches after a pause; Enter searches at once.
  useEffect(() => {
    if (!typed.current || text.trim() === state.q) return;
    const timer = setTimeout(() => {
      typed.current = false;
      onChange({ ...state, q: text.trim(), cursors: [] });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  });

  const agents = useQuery({
    queryKey: ["users.list", "agents"],
    queryFn: () => trpc.users.list.query({ limit: 200 }),
    select: (page) => page.items.filter((u) => (LISTING_AGENT_ROLES as readonly string[]).includes(u.role)),
    staleTime: 60_000,
  });

  return (
    <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-3 lg:flex-row lg:items-end">
      <form
        role="search"
        className="min-w-0 flex-1"
        onSubmit={(event) => {
          event.preventDefault();
          typed.current = false;
          onChange({ ...state, q: text.trim(), cursors: [] });
        }}
      >
        <Label htmlFor={`${id}-q`}>Search</Label>
        <div className="relative mt-1.5">
          <Search className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500" aria-hidden="true" />
          <Input
            id={`${id}-q`}
            type="search"
            value={text}
            placeholder="Address or listing number"
            autoComplete="off"
            maxLength={200}
            className="pl-8 pr-8"
            onChange={(event) => {
              typed.current = true;
              setText(event.target.value);
            }}
          />
          {text && (
            <button
              type="button"
              className="absolute right-1.5 top-1/2 -translate-y-1/2 rounded p-1 text-slate-500 hover:text-slate-900"
              aria-label="Clear search"
              onClick={() => {
                typed.current = false;
                setText("");
                onChange({ ...state, q: "", cursors: [] });
              }}
            >
              <X className="size-4" aria-hidden="true" />
            </button>
          )}
        </div>
      </form>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3 lg:w-auto lg:flex-none">
        <div>
          <Label htmlFor={`${id}-status`}>Status</Label>
          <Select
            id={`${id}-status`}
            className="mt-1.5"
            value={state.status ?? ""}
            onChange={(event) => onChange({ ...state, status: (event.target.value || null) as ListingsUrlState["status"], cursors: [] })}
          >
            <option value="">All statuses</option>
            {LISTING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={`${id}-agent`}>Agent</Label>
          <Select id={`${id}-agent`} className="mt-1.5" value={state.agent ?? ""} onChange={(event) => onChange({ ...state, agent: event.target.value || null, cursors: [] })}>
            <option value="">All agents</option>
            {state.agent && !agents.data?.some((a) => a.id === state.agent) && <option value={state.agent}>{agents.isPending ? "Loading…" : "A former agent"}</option>}
            {agents.data?.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor={`${id}-sort`}>Sort</Label>
          <Select
            id={`${id}-sort`}
            className="mt-1.5"
            value={sortChoiceOf(state)}
            onChange={(event) => {
              const choice = SORT_CHOICES.find((c) => c.value === event.target.value) ?? SORT_CHOICES[0]!;
              onChange({ ...state, sort: choice.sort, order: choice.order, cursors: [] });
            }}
          >
            {SORT_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className={cn("items-center lg:flex lg:h-9 lg:w-24", fetching ? "flex" : "hidden")}>
        {fetching && (
          <span className="flex items-center gap-2 text-xs text-slate-500" role="status">
            <Spinner className="size-3.5" /> Updating…
          </span>
        )}
      </div>
    </div>
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

export function NewListingButton() {
  const me = useMe();
  if (!me.scopes.includes("listings:write")) return null;
  return <ButtonLink href="/listings/new">New listing</ButtonLink>;
}

