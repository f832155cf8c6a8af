"use client";
// Time zone (searchable), travel buffer, minimum notice and slot interval: scheduling.updateSettings,
// validated by its own schema (UpdateSettingsInput); the server's messages land on their fields.
import { useMemo, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { UpdateSettingsInput } from "@/server/api/routers/scheduling/schemas";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Combobox } from "@/components/ui/combobox";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { zoneAbbreviation } from "@/lib/time";
import { trpc, toDashboardError } from "@/lib/trpc";
import { placeFieldErrors, type Settings } from "./scheduling-settings";

type FormInput = z.input<typeof UpdateSettingsInput>;
type FormOutput = z.output<typeof UpdateSettingsInput>;
const FIELDS = ["timezone", "travel_buffer_minutes", "minimum_notice_minutes", "slot_interval_minutes"] as const;

function allZones(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

export function GeneralForm({ settings, canManage, onSaved }: { settings: Settings; canManage: boolean; onSaved: (s: Settings) => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const zoneOptions = useMemo(
    () => allZones(settings.timezone).map((zone) => ({ value: zone, label: zone.replaceAll("_", " "), hint: zoneAbbreviation(zone), keywords: [zone, zoneAbbreviation(zone)] })),
    [settings.timezone],
  );
  const values = {
    timezone: settings.timezone,
    travel_buffer_minutes: settings.travel_buffer_minutes,
    minimum_notice_minutes: settings.minimum_notice_minutes,
    slot_interval_minutes: settings.slot_interval_minutes,
  };
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(UpdateSettingsInput), defaultValues: values });

  const save = useIdempotentMutation((input: FormOutput, context) => trpc.scheduling.updateSettings.mutate(input, { context }), {
    onSuccess: (saved) => {
      setFormError(null);
      reset({
        timezone: saved.timezone,
        travel_buffer_minutes: saved.travel_buffer_minutes,
        minimum_notice_minutes: saved.minimum_notice_minutes,
        slot_interval_minutes: saved.slot_interval_minutes,
      });
      onSaved(saved);
      toast.success("Scheduling settings saved");
    },
    onError: (error) => {
      const problem = toDashboardError(error);
      const placed = placeFieldErrors(problem.details, FIELDS, setError);
      setFormError(placed ? null : problem.message);
    },
  });

  const number = (name: (typeof FIELDS)[number], label: string, hint: string, min: number, max: number) => (
    <Field id={`settings-${name}`} label={label} hint={hint} error={errors[name]?.message}>
      <Input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        disabled={!canManage}
        {...fieldAria(`settings-${name}`, errors[name]?.message, true)}
        {...register(name, { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })}
      />
    </Field>
  );

  return (
    <Card aria-labelledby="general-heading">
      <CardHeader id="general-heading" title="Time zone and booking rules" />
      <form
        aria-label="Time zone and booking rules"
        noValidate
        className="space-y-4 px-5 py-4"
        onSubmit={handleSubmit((input) => {
          setFormError(null);
          save.mutate(input);
        })}
      >
        <Field id="settings-timezone" label="Time zone" hint="Shoots, hours and blocked time are in this zone." error={errors.timezone?.message}>
          <Controller
            control={control}
            name="timezone"
            render={({ field }) => (
              <Combobox
                id="settings-timezone"
                value={field.value ?? null}
                onChange={(zone) => zone && field.onChange(zone)}
                options={zoneOptions}
                searchPlaceholder="Search time zones…"
                disabled={!canManage}
                invalid={Boolean(errors.timezone)}
                describedBy={errors.timezone ? "settings-timezone-error" : "settings-timezone-hint"}
              />
            )}
          />
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          {number("travel_buffer_minutes", "Travel buffer (minutes)", "Kept free around each shoot.", 0, 480)}
          {number("minimum_notice_minutes", "Minimum notice (minutes)", "How far ahead a shoot must start.", 0, 86400)}
          {number("slot_interval_minutes", "Slot interval (minutes)", "Step between offered starts.", 5, 240)}
        </div>
        {formError && <Alert tone="error">{formError}</Alert>}
        {canManage && (
          <div className="flex justify-end">
            <Button type="submit" loading={save.isPending} disabled={!isDirty}>
              Save settings
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
