"use client";
// Registering an endpoint, and changing one: validated by the schema the server applies
// (CreateEndpointInput), so a field error reads the same whether the browser or the server caught
// it. The server also checks the URL (HTTPS, a public address); its answer lands on the field.
import { useId, useState, type ReactNode } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { CreateEndpointInput } from "@/server/api/routers/webhooks/schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { toDashboardError } from "@/lib/trpc";
import { EventTypesField } from "./event-types-field";

const FIELDS = ["url", "event_types", "description"] as const;

export interface EndpointFormValues {
  url: string;
  event_types: CreateEndpointInput["event_types"];
  description: string | null;
}

export function EndpointForm({
  label,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
  footerNote,
}: {
  /** The form's accessible name. */
  label: string;
  initial?: EndpointFormValues;
  submitLabel: string;
  /** Resolves when saved; a rejection is shown on the form (field errors on their fields). */
  onSubmit: (values: EndpointFormValues) => Promise<unknown>;
  onCancel?: () => void;
  footerNote?: ReactNode;
}) {
  const id = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm({
    resolver: zodResolver(CreateEndpointInput),
    defaultValues: { url: initial?.url ?? "", event_types: initial?.event_types ?? [], description: initial?.description ?? "" },
  });
  const editing = initial !== undefined;

  return (
    <form
      noValidate
      aria-label={label}
      onSubmit={handleSubmit(async (values) => {
        setFormError(null);
        const submitted: EndpointFormValues = { url: values.url, event_types: values.event_types, description: values.description || null };
        try {
          await onSubmit(submitted);
          // What was saved is the new starting point (Save is offered again only after a change).
          if (editing) reset({ ...submitted, description: submitted.description ?? "" });
        } catch (error) {
          const problem = toDashboardError(error);
          let placed = false;
          for (const issue of problem.details) {
            const field = FIELDS.find((f) => issue.field === f || issue.field.startsWith(`${f}.`));
            if (field) {
              setError(field, { message: issue.message });
              placed = true;
            }
          }
          if (!placed) setFormError(problem.message);
        }
      })}
      className="space-y-6 px-5 py-5"
    >
      {formError && <Alert tone="error">{formError}</Alert>}

      <div className="grid gap-6 sm:grid-cols-2">
        <Field
          id={`${id}-url`}
          label="Endpoint URL"
          hint="An HTTPS URL on your server that accepts POST requests."
          error={errors.url?.message}
        >
          <Input
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://hooks.example.com/valara"
            maxLength={2048}
            className="font-mono"
            {...fieldAria(`${id}-url`, errors.url?.message, true)}
            {...register("url")}
          />
        </Field>
        <Field id={`${id}-description`} label="Description (optional)" hint="What receives these events, e.g. “CRM sync”." error={errors.description?.message}>
          <Input autoComplete="off" maxLength={500} {...fieldAria(`${id}-description`, errors.description?.message, true)} {...register("description")} />
        </Field>
      </div>

      <Controller
        control={control}
        name="event_types"
        render={({ field }) => (
          <EventTypesField
            name={field.name}
            value={field.value ?? []}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={errors.event_types?.message ?? errors.event_types?.root?.message}
          />
        )}
      />

      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-5">
        <div className="text-sm text-slate-500">{footerNote}</div>
        <div className="flex gap-2">
          {onCancel && (
            <Button variant="secondary" onClick={onCancel} disabled={isSubmitting}>
              Cancel
            </Button>
          )}
          {editing && isDirty && (
            <Button variant="ghost" onClick={() => reset()} disabled={isSubmitting}>
              Undo changes
            </Button>
          )}
          <Button type="submit" loading={isSubmitting} disabled={editing && !isDirty}>
            {submitLabel}
          </Button>
        </div>
      </div>
    </form>
  );
}
