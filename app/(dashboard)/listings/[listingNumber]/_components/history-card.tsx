"use client";
// The listing's history: what happened, by whom, when (in the agency's zone), newest first, read
// from the events Valara writes for webhooks (listings.history).
import { useInfiniteQuery } from "@tanstack/react-query";
import { Bot, KeyRound, ShieldCheck, Terminal, Upload, User } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { LoadError, LoadingBlock } from "@/components/ui/query-state";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { describeActor, type ActorKind } from "@/server/webhooks/actor";
import { formatInZone } from "@/lib/time";
import { trpc } from "@/lib/trpc";
import { describeEvent } from "./history-summary";

const ICONS: Record<ActorKind, typeof User> = { user: User, platform_admin: ShieldCheck, api_key: KeyRound, upload_ticket: Upload, cli: Terminal, system: Bot };

export function historyQueryKey(agencyId: string | undefined, listingNumber: string) {
  return ["listings.history", agencyId, listingNumber];
}

export function HistoryCard({ listingNumber }: { listingNumber: string }) {
  const me = useMe();
  const zone = useAgencyZone();
  const history = useInfiniteQuery({
    queryKey: historyQueryKey(me.agency?.id, listingNumber),
    queryFn: ({ pageParam }) => trpc.listings.history.query({ listing_number: listingNumber, limit: 20, cursor: pageParam || undefined }),
    initialPageParam: "",
    getNextPageParam: (page) => page.next_cursor || undefined,
  });

  return (
    <Card aria-labelledby="history-heading">
      <CardHeader id="history-heading" title="History" description="Who did what, and when." />
      <div className="px-5 py-4">
        {history.isPending ? (
          <LoadingBlock label="Loading history" />
        ) : history.isError && !history.data ? (
          <LoadError title="History could not be loaded" error={history.error} onRetry={() => history.refetch()} retrying={history.isFetching} />
        ) : history.data.pages[0]!.items.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing recorded yet. Changes made from now on appear here.</p>
        ) : (
          <>
            <ol className="space-y-4" aria-label="History entries">
              {history.data.pages.flatMap((page) => page.items).map((entry) => {
                const Icon = entry.actor ? ICONS[entry.actor.kind] : Bot;
                return (
                  <li key={entry.event_id} className="flex gap-3 text-sm">
                    <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-600" aria-hidden="true">
                      <Icon className="size-3.5" />
                    </span>
                    <div className="min-w-0">
                      <p className="break-words text-slate-900">{describeEvent(entry.type, entry.data, zone)}</p>
                      <p className="text-slate-600">
                        <span data-testid="history-actor">{describeActor(entry.actor)}</span>
                        {" · "}
                        <time dateTime={entry.occurred_at}>{formatInZone(entry.occurred_at, zone, "dateTime")}</time>
                      </p>
                    </div>
                  </li>
                );
              })}
            </ol>
            {history.hasNextPage && (
              <Button size="sm" variant="secondary" className="mt-4" loading={history.isFetchingNextPage} onClick={() => history.fetchNextPage()}>
                Show older
              </Button>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
