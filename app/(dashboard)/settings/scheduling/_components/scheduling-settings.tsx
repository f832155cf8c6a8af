"use client";
// The scheduling settings screen: loads scheduling.settings once and hands each section its part.
// A role without manage_scheduling sees every value and no control that changes one.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert } from "@/components/ui/alert";
import { QueryState } from "@/components/ui/query-state";
import { useMe } from "@/components/dashboard/providers";
import { trpc, type RouterOutputs } from "@/lib/trpc";
import { GeneralForm } from "./general-form";
import { HoursForm } from "./hours-form";
import { PhotographersCard } from "./photographers-card";
import { BlockedTimeCard } from "./blocked-time-card";

export type Settings = RouterOutputs["scheduling"]["settings"];

export const settingsKey = (agencyId: string | undefined) => ["scheduling.settings", agencyId];

export function SchedulingSettings() {
  const me = useMe();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: settingsKey(me.agency?.id), queryFn: () => trpc.scheduling.settings.query() });
  const canManage = me.can.manage_scheduling;
  /** Shows what the server answered (every settings mutation returns the whole settings). */
  const onSaved = (settings: Settings) => {
    queryClient.setQueryData(settingsKey(me.agency?.id), settings);
    // Free slots and the calendar are made from these.
    void queryClient.invalidateQueries({ queryKey: ["scheduling.availability"] });
    void queryClient.invalidateQueries({ queryKey: ["scheduling.calendar"] });
  };
  return (
    <div className="space-y-6">
      {!canManage && (
        <Alert tone="info" title="Only the agency's owner changes scheduling">
          You can see how the agency takes shoots; ask {me.agency ? `${me.agency.name}'s owner` : "the owner"} to change it.
        </Alert>
      )}
      <QueryState query={query} label="Loading scheduling settings" errorTitle="The scheduling settings could not be loaded">
        {(settings) => (
          <div className="grid gap-6 xl:grid-cols-2">
            <div className="min-w-0 space-y-6">
              <GeneralForm settings={settings} canManage={canManage} onSaved={onSaved} />
              <HoursForm settings={settings} canManage={canManage} onSaved={onSaved} />
            </div>
            <div className="min-w-0 space-y-6">
              <PhotographersCard settings={settings} canManage={canManage} onSaved={onSaved} />
              <BlockedTimeCard settings={settings} canManage={canManage} />
            </div>
          </div>
        )}
      </QueryState>
    </div>
  );
}

/** Puts the server's field messages on the form's fields; returns whether any landed. */
export function placeFieldErrors<T extends string>(
  details: { field: string; message: string }[],
  fields: readonly T[],
  setError: (field: T, error: { message: string }, options: { shouldFocus: boolean }) => void,
  map: (field: string) => string = (f) => f,
): boolean {
  let placed = false;
  for (const issue of details) {
    const field = map(issue.field) as T;
    if ((fields as readonly string[]).includes(field)) {
      setError(field, { message: issue.message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  return placed;
}

export const WEEKDAYS = [
  { value: 1, short: "Mon", long: "Monday" },
  { value: 2, short: "Tue", long: "Tuesday" },
  { value: 3, short: "Wed", long: "Wednesday" },
  { value: 4, short: "Thu", long: "Thursday" },
  { value: 5, short: "Fri", long: "Friday" },
  { value: 6, short: "Sat", long: "Saturday" },
  { value: 7, short: "Sun", long: "Sunday" },
] as const;
