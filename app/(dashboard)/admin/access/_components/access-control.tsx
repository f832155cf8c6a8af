"use client";
// Denials and overrides: a form each (validated by the procedure's own zod schema) and the list.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select, fieldAria } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatDateTime } from "@/lib/format";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { BUDGET_NAMES, CreateDenialInput, SetOverrideInput } from "@/server/api/routers/operator/schemas";

type Denial = RouterOutputs["operator"]["denials"][number];
type Override = RouterOutputs["operator"]["overrides"][number];

const KIND_LABELS: Record<Denial["kind"], string> = { api_key: "API key", agency: "Agency", ip: "IP address or range" };
const SUBJECT_HINTS: Record<Denial["kind"], string> = {
  api_key: "The key's id (key_01J…), from the agency's API keys page or `key list`.",
  agency: "The agency's slug or id.",
  ip: "An address (198.51.100.7) or a CIDR range (198.51.100.0/24, 2001:db8::/32).",
};

export function AccessControl() {
  return (
    <div className="space-y-6">
      <DenialsCard />
      <OverridesCard />
    </div>
  );
}

function DenialsCard() {
  const queryClient = useQueryClient();
  const denials = useQuery({ queryKey: ["operator.denials"], queryFn: () => trpc.operator.denials.query() });
  const [lifting, setLifting] = useState<Denial | null>(null);
  const form = useForm<z.input<typeof CreateDenialInput>, unknown, z.output<typeof CreateDenialInput>>({
    resolver: zodResolver(CreateDenialInput),
    defaultValues: { kind: "api_key", subject: "", reason: "", expires_in_hours: null },
  });
  const kind = form.watch("kind");
  const deny = useIdempotentMutation((input: z.output<typeof CreateDenialInput>, context) => trpc.operator.deny.mutate(input, { context }), {
    onSuccess: (denial) => {
      toast.success("Denied", { description: `${KIND_LABELS[denial.kind]} ${denial.subject_label ?? denial.subject}: requests get 403 access_denied.` });
      form.reset({ kind: denial.kind, subject: "", reason: "", expires_in_hours: null });
      void queryClient.invalidateQueries({ queryKey: ["operator.denials"] });
    },
  });
  const lift = useIdempotentMutation((input: { id: string }, context) => trpc.operator.lift.mutate(input, { context }), {
    onSuccess: (denial) => {
      setLifting(null);
      lift.reset();
      toast.success("Denial lifted", { description: denial.subject_label ?? denial.subject });
      void queryClient.invalidateQueries({ queryKey: ["operator.denials"] });
    },
  });
  const errors = form.formState.errors;

  return (
    <Card aria-labelledby="denials-title">
      <CardHeader id="denials-title" title="Denials" description="Refuse an API key, an agency's whole API access, or a client address, with a reason and an optional expiry." />
      <form className="grid gap-4 border-b border-slate-100 px-5 py-5 md:grid-cols-2" noValidate onSubmit={form.handleSubmit((values) => deny.mutate(values))}>
        <Field id="deny-kind" label="Deny">
          <Select {...fieldAria("deny-kind")} {...form.register("kind")}>
            {(Object.keys(KIND_LABELS) as Denial["kind"][]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="deny-subject" label={KIND_LABELS[kind]} hint={SUBJECT_HINTS[kind]} error={errors.subject?.message}>
          <Input {...fieldAria("deny-subject", errors.subject?.message, true)} {...form.register("subject")} autoComplete="off" />
        </Field>
        <Field id="deny-reason" label="Reason" hint="Shown to the integrator in the 403's message." error={errors.reason?.message}>
          <Input {...fieldAria("deny-reason", errors.reason?.message, true)} {...form.register("reason")} />
        </Field>
        <Field id="deny-expiry" label="Expires" error={errors.expires_in_hours?.message}>
          <Select
            {...fieldAria("deny-expiry", errors.expires_in_hours?.message)}
            {...form.register("expires_in_hours", { setValueAs: (v: string) => (v === "" || v === null ? null : Number(v)) })}
          >
            <option value="">Never (until lifted)</option>
            <option value="1">In 1 hour</option>
            <option value="24">In 24 hours</option>
            <option value="168">In 7 days</option>
            <option value="720">In 30 days</option>
          </Select>
        </Field>
        <div className="md:col-span-2">
          {deny.isError && (
            <div className="mb-3">
              <Alert tone="error">{toDashboardError(deny.error).message}</Alert>
            </div>
          )}
          <Button type="submit" variant="danger" loading={deny.isPending}>
            Deny access
          </Button>
        </div>
      </form>
      <div className="px-5 py-4">
        <QueryState query={denials} label="Loading denials" errorTitle="Denials could not be loaded" isEmpty={(rows) => rows.length === 0} empty="No active denials">
          {(rows) => (
            <ul className="divide-y divide-slate-100" aria-label="Active denials">
              {rows.map((denial) => (
                <li key={denial.id} className="flex flex-wrap items-start justify-between gap-3 py-3 text-sm">
                  <div className="min-w-0 space-y-1">
                    <p className="flex flex-wrap items-center gap-2">
                      <Badge tone="red">{KIND_LABELS[denial.kind]}</Badge>
                      <code className="break-all font-mono text-xs text-slate-800">{denial.subject}</code>
                    </p>
                    {denial.subject_label && <p className="text-slate-700">{denial.subject_label}</p>}
                    <p className="text-slate-600">{denial.reason}</p>
                    <p className="text-xs text-slate-500">
                      {denial.expires_at ? `Until ${formatDateTime(denial.expires_at)}` : "Until lifted"} · since {formatDateTime(denial.created_at)}
                      {denial.created_by ? ` by ${denial.created_by.name}` : denial.created_via === "cli" ? " via operator CLI" : ""} · {denial.id}
                    </p>
                  </div>
                  <Button variant="secondary" size="sm" onClick={() => setLifting(denial)}>
                    Lift<span className="sr-only"> denial of {denial.subject}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
      <ConfirmDialog
        open={lifting !== null}
        onOpenChange={(open) => {
          if (!open) {
            setLifting(null);
            lift.reset();
          }
        }}
        title="Lift this denial?"
        description={lifting && <>Requests from {lifting.subject_label ?? lifting.subject} are served again within seconds.</>}
        confirmLabel="Lift denial"
        pending={lift.isPending}
        onConfirm={() => lifting && lift.mutate({ id: lifting.id })}
      >
        {lift.isError && <Alert tone="error">{toDashboardError(lift.error).message}</Alert>}
      </ConfirmDialog>
    </Card>
  );
}

function OverridesCard() {
  const queryClient = useQueryClient();
  const overrides = useQuery({ queryKey: ["operator.overrides"], queryFn: () => trpc.operator.overrides.query() });
  const form = useForm<z.input<typeof SetOverrideInput>, unknown, z.output<typeof SetOverrideInput>>({
    resolver: zodResolver(SetOverrideInput),
    defaultValues: { kind: "key", subject: "", budget: "read_listings_list", limit: 600 },
  });
  const set = useIdempotentMutation((input: z.output<typeof SetOverrideInput>, context) => trpc.operator.setOverride.mutate(input, { context }), {
    onSuccess: (row) => {
      toast.success("Override saved", { description: `${row.budget}: ${row.limit} per 60 s for ${row.subject_label ?? row.subject_id}` });
      void queryClient.invalidateQueries({ queryKey: ["operator.overrides"] });
    },
  });
  const remove = useIdempotentMutation((input: Override, context) => trpc.operator.removeOverride.mutate({ kind: input.kind, subject: input.subject_id, budget: input.budget }, { context }), {
    onSuccess: () => {
      toast.success("Override removed; the default applies again");
      void queryClient.invalidateQueries({ queryKey: ["operator.overrides"] });
    },
  });
  const errors = form.formState.errors;
  return (
    <Card aria-labelledby="overrides-title">
      <CardHeader
        id="overrides-title"
        title="Rate-limit overrides"
        description="Replace one budget's limit (requests per 60 seconds) for a key, or an agency's ceiling for all its keys together."
      />
      <form className="grid gap-4 border-b border-slate-100 px-5 py-5 md:grid-cols-4" noValidate onSubmit={form.handleSubmit((values) => set.mutate(values))}>
        <Field id="override-kind" label="For">
          <Select {...fieldAria("override-kind")} {...form.register("kind")}>
            <option value="key">API key</option>
            <option value="agency">Agency (ceiling)</option>
          </Select>
        </Field>
        <Field id="override-subject" label="Key id or agency slug" error={errors.subject?.message}>
          <Input {...fieldAria("override-subject", errors.subject?.message)} {...form.register("subject")} autoComplete="off" />
        </Field>
        <Field id="override-budget" label="Budget">
          <Select {...fieldAria("override-budget")} {...form.register("budget")}>
            {BUDGET_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="override-limit" label="Limit per 60 s" error={errors.limit?.message}>
          <Input type="number" min={0} {...fieldAria("override-limit", errors.limit?.message)} {...form.register("limit", { valueAsNumber: true })} />
        </Field>
        <div className="md:col-span-4">
          {set.isError && (
            <div className="mb-3">
              <Alert tone="error">{toDashboardError(set.error).message}</Alert>
            </div>
          )}
          <Button type="submit" loading={set.isPending}>
            Save override
          </Button>
        </div>
      </form>
      <div className="px-5 py-4">
        <QueryState query={overrides} label="Loading overrides" errorTitle="Overrides could not be loaded" isEmpty={(rows) => rows.length === 0} empty="No overrides: every budget has its default">
          {(rows) => (
            <ul className="divide-y divide-slate-100" aria-label="Overrides">
              {rows.map((row) => (
                <li key={row.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      <code className="font-mono">{row.budget}</code>: {row.limit} per 60 s <span className="font-normal text-slate-500">(default {row.default_limit})</span>
                    </p>
                    <p className="break-all text-slate-600">
                      {row.kind === "key" ? "Key" : "Agency"} {row.subject_label ?? row.subject_id}
                    </p>
                  </div>
                  <Button variant="secondary" size="sm" loading={remove.isPending && remove.variables?.id === row.id} onClick={() => remove.mutate(row)}>
                    Remove<span className="sr-only"> override of {row.budget}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </Card>
  );
}
