"use client";
// "Generate new key": validated by the same zod schema the server applies (CreateApiKeyInput),
// so a field error reads the same whether the browser or the server caught it.
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { CreateApiKeyInput } from "@/server/api/routers/api-keys/schemas";
import { SCOPES, SCOPE_DESCRIPTIONS } from "@/server/auth/scopes";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Field, Input, Select, fieldAria } from "@/components/ui/input";
import { cn } from "@/components/ui/cn";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";

export type CreatedKey = RouterOutputs["apiKeys"]["create"];

const EXPIRY_OPTIONS = [
  { value: "", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 1 year (365 days)" },
];

const FIELDS = ["name", "scopes", "expires_in_days"] as const;

export function CreateKeyForm({ agencyName, onCreated, onCancel }: { agencyName: string; onCreated: (created: CreatedKey) => void; onCancel: () => void }) {
  const scopesId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm({
    resolver: zodResolver(CreateApiKeyInput),
    defaultValues: { name: "", scopes: [], expires_in_days: null },
  });

  const create = useMutation({
    mutationFn: (input: CreateApiKeyInput) => trpc.apiKeys.create.mutate(input),
    onSuccess: onCreated,
    onError: (error) => {
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
    },
  });

  return (
    <form
      noValidate
      aria-label="Generate new key"
      onSubmit={handleSubmit((values) => {
        setFormError(null);
        create.mutate(values);
      })}
      className="space-y-6 px-5 py-5"
    >
      {formError && <Alert tone="error">{formError}</Alert>}

      <div className="grid gap-6 sm:grid-cols-2">
        <Field id="key-name" label="Name" hint="Say who or what uses it, e.g. “Website sync” or “Zapier”." error={errors.name?.message}>
          <Input autoComplete="off" maxLength={100} {...fieldAria("key-name", errors.name?.message, true)} {...register("name")} />
        </Field>

        <Controller
          control={control}
          name="expires_in_days"
          render={({ field }) => (
            <Field id="key-expiry" label="Expires" hint="An expired key stops working; mint a new one to replace it." error={errors.expires_in_days?.message}>
              <Select
                {...fieldAria("key-expiry", errors.expires_in_days?.message, true)}
                name={field.name}
                ref={field.ref}
                onBlur={field.onBlur}
                value={field.value == null ? "" : String(field.value)}
                onChange={(event) => field.onChange(event.target.value === "" ? null : Number(event.target.value))}
              >
                {EXPIRY_OPTIONS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
          )}
        />
      </div>

      <Controller
        control={control}
        name="scopes"
        render={({ field }) => {
          const selected = new Set(field.value ?? []);
          const all = selected.size === SCOPES.length;
          const some = selected.size > 0 && !all;
          const toggle = (scope: (typeof SCOPES)[number], on: boolean) => {
            const next = new Set(selected);
            if (on) next.add(scope);
            else next.delete(scope);
            field.onChange(SCOPES.filter((s) => next.has(s)));
          };
          return (
            <fieldset aria-describedby={errors.scopes ? `${scopesId}-error` : undefined}>
              <legend className="text-sm font-medium text-slate-700">Scopes</legend>
              <p className="mt-0.5 text-sm text-slate-500">What the key may do. Grant only what the integration needs.</p>
              <div className={cn("mt-3 rounded-lg border", errors.scopes ? "border-red-300" : "border-slate-200")}>
                <label className="flex cursor-pointer items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300 accent-brand-600"
                    checked={all}
                    ref={(element) => {
                      if (element) element.indeterminate = some;
                    }}
                    onChange={(event) => field.onChange(event.target.checked ? [...SCOPES] : [])}
                  />
                  <span className="text-sm font-medium text-slate-900">All scopes</span>
                </label>
                <div className="grid gap-x-6 sm:grid-cols-2">
                  {SCOPES.map((scope) => (
                    <label key={scope} className="flex cursor-pointer items-start gap-3 px-4 py-2.5">
                      <input
                        type="checkbox"
                        name={field.name}
                        value={scope}
                        className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
                        checked={selected.has(scope)}
                        onChange={(event) => toggle(scope, event.target.checked)}
                        onBlur={field.onBlur}
                        aria-labelledby={`${scopesId}-${scope}-name`}
                        aria-describedby={`${scopesId}-${scope}`}
                      />
                      <span className="min-w-0">
                        <span id={`${scopesId}-${scope}-name`} className="block font-mono text-sm text-slate-900">
                          {scope}
                        </span>
                        <span id={`${scopesId}-${scope}`} className="block text-sm text-slate-500">
                          {SCOPE_DESCRIPTIONS[scope]}
                        </span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
              {errors.scopes && (
                <p id={`${scopesId}-error`} className="mt-1.5 text-sm text-red-600">
                  {errors.scopes.message ?? errors.scopes.root?.message}
                </p>
              )}
            </fieldset>
          );
        }}
      />

      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-5">
        <p className="text-sm text-slate-500">
          The key will belong to <span className="font-medium text-slate-900">{agencyName}</span>.
        </p>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Generate key
          </Button>
        </div>
      </div>
    </form>
  );
}
