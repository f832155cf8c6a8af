"use client";
// The agency's photographers and the weekdays each works: change their days, remove one (their
// booked shoots stay theirs; the toast says how many are coming up), add a user as a photographer.
// Through scheduling.addPhotographer / removePhotographer and PhotographerInput's schema.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Combobox } from "@/components/ui/combobox";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { PhotographerInput } from "@/server/api/routers/scheduling/schemas";
import { trpc, toDashboardError } from "@/lib/trpc";
import { WEEKDAYS, type Settings } from "./scheduling-settings";

type Photographer = Settings["photographers"][number];

/** Seven checkboxes, one per weekday. */
function DaysPicker({ id, value, onChange, disabled, label, error }: { id: string; value: number[]; onChange: (days: number[]) => void; disabled: boolean; label: string; error?: string }) {
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="sr-only">{label}</legend>
      <div className="flex flex-wrap gap-1.5">
        {WEEKDAYS.map((day) => {
          const on = value.includes(day.value);
          return (
            <label
              key={day.value}
              className={`flex cursor-pointer items-center gap-1 rounded-md px-2 py-1 text-xs ring-1 ring-inset ${on ? "bg-brand-50 text-brand-700 ring-brand-600" : "bg-white text-slate-700 ring-slate-300"} ${disabled ? "cursor-default" : ""}`}
            >
              <input
                type="checkbox"
                className="size-3.5"
                checked={on}
                disabled={disabled}
                onChange={(event) => onChange(event.target.checked ? [...value, day.value].sort() : value.filter((d) => d !== day.value))}
                aria-label={`${day.long}${label ? ` (${label})` : ""}`}
              />
              <span aria-hidden="true">{day.short}</span>
            </label>
          );
        })}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The schema's message for working_days, if any (at least one day). */
function daysError(days: number[]): string | undefined {
  const parsed = PhotographerInput.shape.working_days.safeParse(days);
  return parsed.success ? undefined : "choose at least one working day";
}

export function PhotographersCard({ settings, canManage, onSaved }: { settings: Settings; canManage: boolean; onSaved: (s: Settings) => void }) {
  const active = settings.photographers.filter((p) => p.active);
  return (
    <Card aria-labelledby="photographers-heading">
      <CardHeader id="photographers-heading" title="Photographers" description="Who takes shoots, and on which weekdays." />
      <ul className="divide-y divide-slate-100">
        {active.map((p) => (
          <PhotographerRow key={p.user_id} photographer={p} canManage={canManage} onSaved={onSaved} />
        ))}
        {active.length === 0 && <li className="px-5 py-4 text-sm text-slate-600">No photographers yet: the agency offers no slots until it has one.</li>}
      </ul>
      {canManage && <AddPhotographer settings={settings} onSaved={onSaved} />}
    </Card>
  );
}

function PhotographerRow({ photographer, canManage, onSaved }: { photographer: Photographer; canManage: boolean; onSaved: (s: Settings) => void }) {
  const [days, setDays] = useState<number[]>(photographer.working_days);
  const [error, setError] = useState<string | undefined>();
  const [removing, setRemoving] = useState(false);
  const save = useIdempotentMutation((input: { user: string; working_days: number[] }, context) => trpc.scheduling.addPhotographer.mutate(input, { context }), {
    onSuccess: (saved) => {
      onSaved(saved);
      toast.success(`${photographer.name}'s working days saved`);
    },
    onError: (e) => setError(toDashboardError(e).details[0]?.message ?? toDashboardError(e).message),
  });
  const remove = useIdempotentMutation((input: { user: string }, context) => trpc.scheduling.removePhotographer.mutate(input, { context }), {
    onSuccess: ({ settings, upcoming_shoots }) => {
      setRemoving(false);
      onSaved(settings);
      toast.success(`${photographer.name} no longer takes new shoots`, {
        description: upcoming_shoots > 0 ? `${upcoming_shoots} upcoming shoot${upcoming_shoots === 1 ? " stays" : "s stay"} theirs: reschedule ${upcoming_shoots === 1 ? "it" : "them"} if needed.` : undefined,
      });
    },
    onError: (e) => setError(toDashboardError(e).message),
  });
  const dirty = days.join() !== photographer.working_days.join();
  const id = `photographer-${photographer.user_id}`;
  return (
    <li className="space-y-2 px-5 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium text-slate-900">{photographer.name}</p>
          <p className="truncate text-xs text-slate-600">
            {photographer.email} · {photographer.working_days_label}
          </p>
        </div>
        {canManage && (
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="secondary"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => {
                const problem = daysError(days);
                setError(problem);
                if (!problem) save.mutate({ user: photographer.user_id, working_days: days });
              }}
            >
              Save days<span className="sr-only"> of {photographer.name}</span>
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setRemoving(true)}>
              Remove<span className="sr-only"> {photographer.name}</span>
            </Button>
          </div>
        )}
      </div>
      <DaysPicker id={id} value={days} onChange={(d) => (setDays(d), setError(undefined))} disabled={!canManage} label={`${photographer.name}'s working days`} error={error} />
      <ConfirmDialog
        open={removing}
        onOpenChange={setRemoving}
        title={`Remove ${photographer.name} as a photographer?`}
        description="They are offered for no new shoots. Shoots already booked with them stay theirs."
        confirmLabel="Remove"
        tone="danger"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ user: photographer.user_id })}
      />
    </li>
  );
}

function AddPhotographer({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const me = useMe();
  const users = useQuery({ queryKey: ["users.list", "all"], queryFn: () => trpc.users.list.query({ limit: 200 }), staleTime: 60_000 });
  const [user, setUser] = useState<string | null>(null);
  const [days, setDays] = useState<number[]>([1, 2, 3, 4, 5]);
  const [errors, setErrors] = useState<{ user?: string; working_days?: string; form?: string }>({});
  const taken = new Set(settings.photographers.filter((p) => p.active).map((p) => p.user_id));
  const options = (users.data?.items ?? [])
    .filter((u) => !taken.has(u.id) && u.role !== "viewer")
    .map((u) => ({ value: u.id, label: u.name, hint: u.email, keywords: [u.email] }));
  const add = useIdempotentMutation((input: { user: string; working_days: number[] }, context) => trpc.scheduling.addPhotographer.mutate(input, { context }), {
    onSuccess: (saved) => {
      onSaved(saved);
      toast.success(`${options.find((o) => o.value === user)?.label ?? "The user"} is a photographer now`);
      setUser(null);
      setErrors({});
    },
    onError: (e) => {
      const problem = toDashboardError(e);
      const field = problem.details[0]?.field;
      if (field === "user" || field === "working_days") setErrors({ [field]: problem.details[0]!.message });
      else setErrors({ form: problem.message });
    },
  });
  return (
    <form
      aria-label="Add a photographer"
      noValidate
      className="space-y-3 border-t border-slate-200 px-5 py-4"
      onSubmit={(event) => {
        event.preventDefault();
        const next = { user: user ? undefined : "choose who", working_days: daysError(days) };
        setErrors(next);
        if (!next.user && !next.working_days && user) add.mutate({ user, working_days: days });
      }}
    >
      <h3 className="text-sm font-semibold text-slate-900">Add a photographer</h3>
      <Field id="add-photographer-user" label="Person" error={errors.user}>
        <Combobox
          id="add-photographer-user"
          value={user}
          onChange={(v) => (setUser(v), setErrors({}))}
          options={options}
          loading={users.isPending}
          placeholder={users.isError ? "Users could not be loaded" : "Choose someone in the agency"}
          searchPlaceholder="Search people…"
          invalid={Boolean(errors.user)}
          describedBy={errors.user ? "add-photographer-user-error" : undefined}
        />
      </Field>
      <div>
        <p className="text-sm font-medium text-slate-700">Working days</p>
        <div className="mt-1.5">
          <DaysPicker id="add-photographer-days" value={days} onChange={(d) => (setDays(d), setErrors({}))} disabled={false} label="new photographer" error={errors.working_days} />
        </div>
      </div>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" loading={add.isPending} disabled={!me.can.manage_scheduling}>
          Add photographer
        </Button>
      </div>
    </form>
  );
}
