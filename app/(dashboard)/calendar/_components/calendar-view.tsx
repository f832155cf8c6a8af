"use client";
// /calendar: the agency's shoots by day or week. From md up, react-big-calendar's time grid (a
// column per photographer in the day view; each shoot names its photographer in the week view),
// blocked time as shaded background; on phones, a list by day (a seven-column grid cannot fit
// 375 px). The day and the view live in the URL (?view=week&date=2027-03-15), so a reload or a
// shared link shows the same. Clicking a shoot opens its listing.
import { useMemo } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { DateTime } from "luxon";
import { Calendar, Views, luxonLocalizer, type View } from "react-big-calendar";
import "react-big-calendar/lib/css/react-big-calendar.css";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { LoadError, LoadingBlock } from "@/components/ui/query-state";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { todayInZone } from "@/lib/time";
import { trpc } from "@/lib/trpc";
import {
  agendaByDay,
  blockEvents,
  floating,
  rangeLabel,
  rangeStart,
  resourcesOf,
  shootEvents,
  step,
  timeRange,
  type BlockEvent,
  type CalendarMode,
  type ShootEvent,
} from "./calendar-model";

const localizer = luxonLocalizer(DateTime, { firstDayOfWeek: 1 });
const DAYS: Record<CalendarMode, number> = { day: 1, week: 7 };

export function CalendarView() {
  const me = useMe();
  const zone = useAgencyZone();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const mode: CalendarMode = params.get("view") === "day" ? "day" : "week";
  const requested = params.get("date");
  const date = requested && DateTime.fromISO(requested).isValid ? requested : todayInZone(zone);
  const start = rangeStart(date, mode);

  const go = (next: { date?: string; view?: CalendarMode }) => {
    const search = new URLSearchParams({ view: next.view ?? mode, date: next.date ?? date });
    router.replace(`${pathname}?${search}`, { scroll: false });
  };

  const query = useQuery({
    queryKey: ["scheduling.calendar", me.agency?.id, start, mode],
    queryFn: () => trpc.scheduling.calendar.query({ start, days: DAYS[mode] }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const { resources, events, background } = useMemo(() => {
    if (!data) return { resources: [], events: [] as ShootEvent[], background: [] as BlockEvent[] };
    const resources = resourcesOf(data);
    return { resources, events: shootEvents(data, resources), background: blockEvents(data, resources) };
  }, [data]);
  const abbreviation = data?.timezone_abbreviation ?? "";
  const isToday = date === todayInZone(zone);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" size="sm" onClick={() => go({ date: step(date, mode, -1) })} aria-label={mode === "week" ? "Previous week" : "Previous day"}>
            <ChevronLeft className="size-4" aria-hidden="true" />
          </Button>
          <Button variant="secondary" size="sm" onClick={() => go({ date: todayInZone(zone) })} disabled={isToday}>
            Today
          </Button>
          <Button variant="secondary" size="sm" onClick={() => go({ date: step(date, mode, 1) })} aria-label={mode === "week" ? "Next week" : "Next day"}>
            <ChevronRight className="size-4" aria-hidden="true" />
          </Button>
          <h2 className="text-base font-semibold text-slate-900" aria-live="polite">
            {rangeLabel(start, mode)}
          </h2>
        </div>
        <div role="group" aria-label="View" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
          {(["day", "week"] as const).map((m) => (
            <button
              key={m}
              type="button"
              aria-pressed={mode === m}
              onClick={() => go({ view: m })}
              className={cn(
                "rounded px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                mode === m ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-100",
              )}
            >
              {m === "day" ? "Day" : "Week"}
            </button>
          ))}
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Times in {zone}
        {abbreviation && ` (${abbreviation})`}.
      </p>

      {query.isError && !data ? (
        <LoadError title="Could not load the calendar" error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
      ) : !data ? (
        <LoadingBlock label="Loading the calendar" lines={6} />
      ) : (
        <>
          {query.isError && <LoadError title="Could not refresh the calendar" error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />}
          {data.photographers.length === 0 && (
            <p className="text-sm text-slate-700">
              No photographers yet: add them in <Link className="font-medium text-brand-700 underline" href="/settings/scheduling">scheduling settings</Link> to see a column for each.
            </p>
          )}
          <Card className="valara-calendar hidden p-2 md:block" aria-label="Calendar grid">
            <Calendar<ShootEvent, { id: string; title: string }>
              localizer={localizer}
              date={floating(`${start}T12:00:00`)}
              onNavigate={() => {}}
              view={(mode === "day" ? Views.DAY : Views.WEEK) as View}
              onView={() => {}}
              views={[Views.DAY, Views.WEEK]}
              toolbar={false}
              events={events}
              backgroundEvents={background as unknown as ShootEvent[]}
              resources={mode === "day" && resources.length ? resources : undefined}
              resourceIdAccessor="id"
              resourceTitleAccessor="title"
              scrollToTime={floating(`${start}T07:00:00`)}
              step={30}
              timeslots={2}
              style={{ height: 720 }}
              tooltipAccessor={(event) => `${event.title} · ${timeRange(event.start, event.end)} ${abbreviation}${event.photographerName ? ` · ${event.photographerName}` : ""}`}
              components={{ event: ({ event }) => <ShootLabel event={event} showPhotographer={mode === "week"} /> }}
              eventPropGetter={(event) => ({ className: (event as unknown as BlockEvent).kind === "blocked" ? "valara-blocked" : `valara-shoot valara-shoot-${event.status}` })}
              onSelectEvent={(event) => event.kind === "shoot" && router.push(`/listings/${event.listingNumber}`)}
              formats={{ timeGutterFormat: "h a", dayFormat: "ccc d" }}
            />
          </Card>
          <div className="space-y-4 md:hidden">
            {agendaByDay(data, start, DAYS[mode]).map((day) => (
              <section key={day.date} aria-labelledby={`day-${day.date}`}>
                <h3 id={`day-${day.date}`} className="mb-2 text-sm font-semibold text-slate-900">
                  {day.label}
                </h3>
                {day.items.length === 0 ? (
                  <p className="text-sm text-slate-600">Nothing booked.</p>
                ) : (
                  <ul className="space-y-2">
                    {day.items.map((item) => (
                      <li key={item.id}>
                        {item.kind === "shoot" ? (
                          <Link
                            href={`/listings/${item.listingNumber}`}
                            className="block rounded-md border border-slate-200 bg-white p-3 hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                          >
                            <span className="block text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">{item.title}</span>
                            <span className="block text-sm text-slate-700">
                              {timeRange(item.start, item.end)} {abbreviation}
                            </span>
                            <span className="block text-xs text-slate-600 [overflow-wrap:anywhere]">{item.detail}</span>
                          </Link>
                        ) : (
                          <div className="rounded-md border border-dashed border-slate-300 bg-slate-100 p-3">
                            <span className="block text-sm font-medium text-slate-800 [overflow-wrap:anywhere]">{item.title}</span>
                            <span className="block text-sm text-slate-700">
                              {timeRange(item.start, item.end)} {abbreviation} · {item.detail}
                            </span>
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function ShootLabel({ event, showPhotographer }: { event: ShootEvent; showPhotographer: boolean }) {
  if ((event as unknown as BlockEvent).kind === "blocked") return <span className="text-xs">{event.title}</span>;
  return (
    <span className="block text-xs leading-tight">
      <span className="block font-medium">{event.title}</span>
      <span className="block">
        {event.listingNumber}
        {showPhotographer && ` · ${event.photographerName ?? "No photographer"}`}
      </span>
    </span>
  );
}
