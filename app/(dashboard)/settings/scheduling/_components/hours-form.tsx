"use client";
// Business hours per weekday, one row each: open or closed, and the wall-clock opening and closing
// times. Each row is checked by scheduling.setHours' own schema (SetHoursInput) before anything is
// sent, and the rows that changed are saved one by one; a message (the client's or the server's)
// lands on the field it is about.
import { useState } from "react";
import { useForm, useWatch, type FieldErrors, type Resolver } from "react-hook-form";
import { SetHoursInput } from "@/server/api/routers/scheduling/schemas";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label, fieldAria } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError, type RouterInputs } from "@/lib/trpc";
import { WEEKDAYS, type Settings } from "./scheduling-settings";

interface DayRow {
  weekday: number;
  isOpen: boolean;
  open: string;
  close: string;
}
interface HoursValues {
  rows: DayRow[];
}

type SetHours = RouterInputs["scheduling"]["setHours"];

/** The procedure's input for one row. */
export function rowInput(row: DayRow): SetHours {
  return row.isOpen ? { weekdays: [row.weekday], open: row.open.trim(), close: row.close.trim() } : { weekdays: [row.weekday], closed: true };
}

const FIELD_OF: Record<string, keyof DayRow> = { open: "open", close: "close", closed: "isOpen", weekdays: "isOpen" };

/** Every row through SetHoursInput: its issues become the row's field errors. */
const resolver: Resolver<HoursValues> = async (values) => {
  const rows: FieldErrors<HoursValues>["rows"] = [];
  let failed = false;
  values.rows.forEach((row, index) => {
    const parsed = SetHoursInput.safeParse(rowInput(row));
    if (parsed.success) return;
    failed = true;
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[String(issue.path[0])] ?? "open";
      errors[field] ??= { type: "validate", message: issue.message };
    }
    (rows as unknown[])[index] = errors;
  });
  return failed ? { values: {}, errors: { rows } as FieldErrors<HoursValues> } : { values, errors: {} };
};

function rowsOf(settings: Settings): DayRow[] {
  return WEEKDAYS.map((day) => {
    const hours = settings.business_hours.find((h) => h.weekday === day.value);
    return { weekday: day.value, isOpen: Boolean(hours), open: hours?.open ?? "09:00", close: hours?.close ?? "17:00" };
  });
}

const same = (a: DayRow, b: DayRow) => a.isOpen === b.isOpen && (!a.isOpen || (a.open.trim() === b.open && a.close.trim() === b.close));

export function HoursForm({ settings, canManage, onSaved }: { settings: Settings; canManage: boolean; onSaved: (s: Settings) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const saved = rowsOf(settings);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<HoursValues>({ resolver, defaultValues: { rows: saved } });
  const rows = useWatch({ control, name: "rows" });
  const setHours = useIdempotentMutation((input: SetHours, context) => trpc.scheduling.setHours.mutate(input, { context }));

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    const changed = values.rows.map((row, index) => ({ row, index })).filter(({ row, index }) => !same(row, saved[index]!));
    if (changed.length === 0) return;
    let latest: Settings | null = null;
    for (const { row, index } of changed) {
      try {
        latest = await setHours.mutateAsync(rowInput(row));
      } catch (error) {
        const problem = toDashboardError(error);
        let placed = false;
        for (const issue of problem.details) {
          const field = FIELD_OF[issue.field];
          if (!field) continue;
          setError(`rows.${index}.${field}` as `rows.${number}.open`, { message: issue.message }, { shouldFocus: !placed });
          placed = true;
        }
        setFormError(`${WEEKDAYS[index]!.long} was not saved${placed ? "" : `: ${problem.message}`}.${latest ? " The days before it were." : ""}`);
        if (latest) onSaved(latest);
        return;
      }
    }
    if (latest) {
      onSaved(latest);
      reset({ rows: rowsOf(latest) });
      toast.success("Business hours saved");
    }
  });

  return (
    <Card aria-labelledby="hours-heading">
      <CardHeader id="hours-heading" title="Business hours" description="Wall-clock times in the agency's zone, 24-hour HH:MM. A closed day takes no shoots." />
      <form aria-label="Business hours" noValidate onSubmit={submit} className="px-5 py-4">
        <div className="divide-y divide-slate-100">
          {WEEKDAYS.map((day, index) => {
            const rowErrors = errors.rows?.[index];
            const isOpen = rows?.[index]?.isOpen ?? saved[index]!.isOpen;
            const openId = `hours-${day.short}-open`;
            const closeId = `hours-${day.short}-close`;
            return (
              <fieldset key={day.value} className="grid grid-cols-[6.5rem_1fr] items-start gap-x-3 gap-y-2 py-3 sm:grid-cols-[7rem_6rem_1fr]">
                <legend className="sr-only">{day.long}</legend>
                <span className="pt-2 text-sm font-medium text-slate-900" aria-hidden="true">
                  {day.long}
                </span>
                <label className="flex items-center gap-2 pt-2 text-sm text-slate-700">
                  <input type="checkbox" className="size-4 rounded border-slate-300" disabled={!canManage} {...register(`rows.${index}.isOpen`)} />
                  Open
                  <span className="sr-only"> on {day.long}</span>
                </label>
                {isOpen ? (
                  <div className="col-span-2 grid grid-cols-2 gap-3 sm:col-span-1">
                    <div>
                      <Label htmlFor={openId}>
                        Opens<span className="sr-only"> on {day.long}</span>
                      </Label>
                      <Input className="mt-1" inputMode="numeric" placeholder="08:00" disabled={!canManage} {...fieldAria(openId, rowErrors?.open?.message)} {...register(`rows.${index}.open`)} />
                      {rowErrors?.open?.message && (
                        <p id={`${openId}-error`} className="mt-1 text-sm text-red-600">
                          {rowErrors.open.message}
                        </p>
                      )}
                    </div>
                    <div>
                      <Label htmlFor={closeId}>
                        Closes<span className="sr-only"> on {day.long}</span>
                      </Label>
                      <Input className="mt-1" inputMode="numeric" placeholder="18:00" disabled={!canManage} {...fieldAria(closeId, rowErrors?.close?.message)} {...register(`rows.${index}.close`)} />
                      {rowErrors?.close?.message && (
                        <p id={`${closeId}-error`} className="mt-1 text-sm text-red-600">
                          {rowErrors.close.message}
                        </p>
                      )}
                    </div>
                  </div>
                ) : (
                  <p className="col-span-2 text-sm text-slate-600 sm:col-span-1 sm:pt-2">Closed</p>
                )}
              </fieldset>
            );
          })}
        </div>
        {formError && (
          <Alert tone="error" className="mt-3">
            {formError}
          </Alert>
        )}
        {canManage && (
          <div className="mt-3 flex justify-end">
            <Button type="submit" loading={isSubmitting}>
              Save hours
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
