"use client";
// How often the listing's public pages were seen: one bar per UTC day over the last 30 days (one
// view per visitor per day, bots not counted; see server/property/views.ts). Read through the
// dashboard-only listings.views procedure.
import { useQuery } from "@tanstack/react-query";
import { DateTime } from "luxon";
import { Card, CardHeader } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { useMe } from "@/components/dashboard/providers";
import { trpc } from "@/lib/trpc";

const dayLabel = (day: string) => DateTime.fromISO(day, { zone: "utc" }).toFormat("LLL d");

export function ViewsCard({ listingNumber }: { listingNumber: string }) {
  const me = useMe();
  const query = useQuery({
    queryKey: ["listings.views", me.agency?.id, listingNumber],
    queryFn: () => trpc.listings.views.query({ listing_number: listingNumber }),
  });
  return (
    <Card aria-labelledby="views-heading">
      <CardHeader id="views-heading" title="Property page views" description="Last 30 days, one per visitor per day (UTC)" />
      <div className="px-5 py-4">
        <QueryState query={query} label="Loading page views" errorTitle="Page views could not be loaded">
          {({ days, total }) => {
            const peak = Math.max(1, ...days.map((d) => d.views));
            const busiest = days.reduce((best, d) => (d.views > best.views ? d : best), days[0]!);
            return (
              <figure>
                <p className="text-2xl font-semibold text-slate-900" data-testid="views-total">
                  {total.toLocaleString("en-US")} <span className="text-sm font-normal text-slate-500">{total === 1 ? "view" : "views"}</span>
                </p>
                <div aria-hidden="true" className="mt-3 flex h-20 items-end gap-[2px]">
                  {days.map((d) => (
                    <div
                      key={d.day}
                      title={`${dayLabel(d.day)}: ${d.views}`}
                      className={`flex-1 rounded-t-sm ${d.views > 0 ? "bg-brand-500" : "bg-slate-200"}`}
                      style={{ height: d.views > 0 ? `${Math.max(8, (d.views / peak) * 100)}%` : "3px" }}
                    />
                  ))}
                </div>
                <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-500">
                  <span>{dayLabel(days[0]!.day)}</span>
                  <span>Today</span>
                </div>
                <figcaption className="sr-only">
                  {total} views of the public property page over the last 30 days
                  {total > 0 ? `; the most on ${dayLabel(busiest.day)} (${busiest.views}).` : "."}
                </figcaption>
              </figure>
            );
          }}
        </QueryState>
      </div>
    </Card>
  );
}
