"use client";
// Book or reschedule a listing's shoot from real availability: a date (in the agency's zone), an
// optional photographer, and the free slots scheduling.availability offers for the package (the
// same logic as GET /scheduling/availability). The server decides again when it books; when the
// slot went meanwhile (409 slot_unavailable) the dialog says so in words and shows the slots anew.
import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { DateTime } from "luxon";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Dialog } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/input";
import { LoadError } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { cn } from "@/components/ui/cn";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatInZone, todayInZone } from "@/lib/time";
import { trpc, toDashboardError, type DashboardError, type RouterOutputs } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

type Shoot = Listing["shoots"][number];
export type Photographer = RouterOutputs["scheduling"]["settings"]["photographers"][number];

/** How far ahead the picker offers dates. */
const MAX_DAYS_AHEAD = 365;

/** One offered start: who may take it (every free photographer, in the order Valara tries them). */
interface OfferedStart {
  start: string;
  end: string;
  photographerIds: string[];
}

export function groupSlots(slots: { start: string; end: string; photographer_id: string }[], photographerId: string | null): OfferedStart[] {
  const byStart = new Map<string, OfferedStart>();
  for (const slot of slots) {
    if (photographerId && slot.photographer_id !== photographerId) continue;
    const entry = byStart.get(slot.start) ?? { start: slot.start, end: slot.end, photographerIds: [] };
    entry.photographerIds.push(slot.photographer_id);
    byStart.set(slot.start, entry);
  }
  return [...byStart.values()];
}

/** The server's reason without its pointer to the REST endpoint (the dialog shows the slots itself). */
const reasonOf = (problem: DashboardError) => problem.message.replace(/\s*Ask GET \/scheduling\/availability for free slots\.?$/, "");

export function ShootPicker({
  listing,
  shoot,
  photographers,
  open,
  onClose,
  onDone,
}: {
  listing: Listing;
  /** The shoot to move; none: book a new one. */
  shoot?: Shoot;
  photographers: Photographer[];
  open: boolean;
  onClose: () => void;
  onDone: () => Promise<unknown>;
}) {
  const me = useMe();
  const zone = useAgencyZone();
  const today = todayInZone(zone);
  const lastDay = DateTime.fromISO(today, { zone }).plus({ days: MAX_DAYS_AHEAD }).toISODate()!;
  const [date, setDate] = useState(() => (shoot ? (DateTime.fromISO(shoot.starts_at, { zone }).toISODate() ?? today) : today));
  const [photographerId, setPhotographerId] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [problem, setProblem] = useState<DashboardError | null>(null);
  const [takenNotice, setTakenNotice] = useState<string | null>(null);

  // The listing's package (a moved shoot keeps its own); a listing without one picks a package.
  const packages = useQuery({
    queryKey: ["packages.list", me.agency?.id],
    queryFn: () => trpc.packages.list.query(),
    staleTime: 60_000,
    enabled: open && !shoot?.package && !listing.package,
  });
  const [pickedPackage, setPickedPackage] = useState<string | null>(null);
  const packageCode = shoot?.package ?? listing.package ?? pickedPackage;

  const active = photographers.filter((p) => p.active);
  const nameOf = (id: string) => photographers.find((p) => p.user_id === id)?.name ?? "a photographer";

  const availability = useQuery({
    queryKey: ["scheduling.availability", me.agency?.id, listing.address, packageCode, date],
    queryFn: () => trpc.scheduling.availability.query({ address: listing.address, package: packageCode!, from: date, days: 1 }),
    enabled: open && Boolean(packageCode),
    staleTime: 0,
  });
  const offered = useMemo(() => groupSlots(availability.data?.slots ?? [], photographerId), [availability.data, photographerId]);
  const choice = offered.find((o) => o.start === chosen) ?? null;

  const finish = async (verb: string, result: { starts_at: string; photographer_id: string | null }) => {
    toast.success(`Shoot ${verb}`, {
      description: `${formatInZone(result.starts_at, zone, "dateTime")}${result.photographer_id ? ` with ${nameOf(result.photographer_id)}` : ""}`,
    });
    onClose();
    await onDone();
  };
  const onRefused = async (error: unknown) => {
    const refusal = toDashboardError(error);
    if (refusal.code === "slot_unavailable") {
      setProblem(null);
      setTakenNotice(reasonOf(refusal));
      setChosen(null);
      await availability.refetch();
    } else {
      setTakenNotice(null);
      setProblem(refusal);
    }
  };
  const book = useIdempotentMutation(
    (input: RouterOutputsInput["book"], context) => trpc.shoots.book.mutate(input, { context }),
    { onSuccess: (result) => finish("booked", result), onError: onRefused },
  );
  const move = useIdempotentMutation(
    (input: RouterOutputsInput["reschedule"], context) => trpc.shoots.reschedule.mutate(input, { context }),
    { onSuccess: (result) => finish("rescheduled", result), onError: onRefused },
  );
  const pending = book.isPending || move.isPending;

  const submit = () => {
    if (!choice) return;
    setProblem(null);
    setTakenNotice(null);
    const photographer = photographerId ?? null;
    if (shoot) {
      move.mutate({ listing_number: listing.listing_number, shoot_id: shoot.shoot_id, start: choice.start, photographer_id: photographer });
    } else {
      book.mutate({ listing_number: listing.listing_number, start: choice.start, photographer_id: photographer, package: listing.package ? null : packageCode });
    }
  };

  const stepDay = (days: number) => {
    const next = DateTime.fromISO(date, { zone }).plus({ days }).toISODate()!;
    if (next < today || next > lastDay) return;
    setDate(next);
    setChosen(null);
  };

  const title = shoot ? "Reschedule shoot" : "Book a shoot";
  const dayLabel = formatInZone(DateTime.fromISO(date, { zone }).set({ hour: 12 }).toJSDate(), zone, "date");
  return (
    <Dialog
      open={open}
      onClose={() => !pending && onClose()}
      title={title}
      description={
        shoot ? (
          <>
            Now {formatInZone(shoot.starts_at, zone, "dateTime")}. Pick a new start; the shoot keeps its length.
          </>
        ) : (
          <>Free starts for {listing.address}. Times are in the agency&apos;s time zone ({zone}).</>
        )
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Close
          </Button>
          <Button onClick={submit} disabled={!choice} loading={pending}>
            {shoot ? "Move shoot" : "Book shoot"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        {!shoot?.package && !listing.package && (
          <Field id="shoot-package" label="Package">
            <Select
              id="shoot-package"
              value={pickedPackage ?? ""}
              onChange={(event) => (setPickedPackage(event.target.value || null), setChosen(null))}
              disabled={packages.isPending}
            >
              <option value="">{packages.isPending ? "Loading packages…" : "Choose a package"}</option>
              {(packages.data ?? [])
                .filter((p) => p.kind === "package")
                .map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.name} ({p.duration_minutes} min)
                  </option>
                ))}
            </Select>
          </Field>
        )}

        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="shoot-date" label="Date">
            <div className="flex gap-1">
              <Button variant="secondary" size="sm" className="h-9 px-2" aria-label="Previous day" disabled={date <= today} onClick={() => stepDay(-1)}>
                <ChevronLeft className="size-4" aria-hidden="true" />
              </Button>
              <DatePicker id="shoot-date" value={date} onChange={(value) => (setDate(value), setChosen(null))} timeZone={zone} min={today} max={lastDay} />
              <Button variant="secondary" size="sm" className="h-9 px-2" aria-label="Next day" disabled={date >= lastDay} onClick={() => stepDay(1)}>
                <ChevronRight className="size-4" aria-hidden="true" />
              </Button>
            </div>
          </Field>
          <Field id="shoot-photographer" label="Photographer">
            <Select
              id="shoot-photographer"
              value={photographerId ?? ""}
              onChange={(event) => (setPhotographerId(event.target.value || null), setChosen(null))}
            >
              <option value="">Any free photographer</option>
              {active.map((p) => (
                <option key={p.user_id} value={p.user_id}>
                  {p.name} ({p.working_days_label})
                </option>
              ))}
            </Select>
          </Field>
        </div>

        {takenNotice && (
          <Alert tone="warning" title="That slot was just taken — pick another">
            <p>{takenNotice}. The free slots below are up to date.</p>
          </Alert>
        )}
        {problem && (
          <Alert tone="error" title={shoot ? "The shoot was not moved" : "The shoot was not booked"}>
            <p>{problem.message}</p>
            {problem.requestId && (
              <p className="mt-1 text-xs">
                Request id: <span className="select-all font-mono">{problem.requestId}</span>
              </p>
            )}
          </Alert>
        )}

        <fieldset>
          <legend className="text-sm font-medium text-slate-700">
            Free starts on {dayLabel}
            {availability.data && <span className="font-normal text-slate-600"> · {availability.data.duration_minutes} min</span>}
          </legend>
          <div className="mt-2">
            {!packageCode ? (
              <p className="text-sm text-slate-600">Choose the package to shoot first.</p>
            ) : availability.isPending ? (
              <div role="status" aria-label="Loading free slots" className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                {Array.from({ length: 6 }, (_, i) => (
                  <div key={i} className="h-10 animate-pulse rounded-md bg-slate-200" />
                ))}
              </div>
            ) : availability.isError ? (
              <LoadError title="The free slots could not be loaded" error={availability.error} onRetry={() => availability.refetch()} retrying={availability.isFetching} />
            ) : offered.length === 0 ? (
              <p className="rounded-md bg-slate-50 px-3 py-4 text-sm text-slate-600">
                No free start on this day{photographerId ? ` for ${nameOf(photographerId)}` : ""}. Try another day
                {photographerId ? " or any photographer" : ""}.
              </p>
            ) : (
              <div role="radiogroup" aria-label="Free slots" className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                {offered.map((slot) => {
                  const selected = slot.start === chosen;
                  const who = photographerId ? nameOf(photographerId) : slot.photographerIds.length === 1 ? nameOf(slot.photographerIds[0]!) : `${slot.photographerIds.length} photographers`;
                  return (
                    <button
                      key={slot.start}
                      type="button"
                      role="radio"
                      aria-checked={selected}
                      aria-label={`${formatInZone(slot.start, zone, "time")} to ${formatInZone(slot.end, zone, "timeZone")}, ${who}`}
                      onClick={() => setChosen(slot.start)}
                      className={cn(
                        "rounded-md px-2 py-1.5 text-left text-sm ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600",
                        selected ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-slate-900 ring-slate-300 hover:bg-slate-50",
                      )}
                    >
                      <span className="block font-medium">{formatInZone(slot.start, zone, "timeZone")}</span>
                      <span className={cn("block truncate text-xs", selected ? "text-white" : "text-slate-600")}>{who}</span>
                    </button>
                  );
                })}
              </div>
            )}
          </div>
        </fieldset>
      </div>
    </Dialog>
  );
}

type RouterOutputsInput = {
  book: Parameters<typeof trpc.shoots.book.mutate>[0];
  reschedule: Parameters<typeof trpc.shoots.reschedule.mutate>[0];
};
