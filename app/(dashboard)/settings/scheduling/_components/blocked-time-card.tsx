"use client";
// Blocked time: whole days off for one photographer, or for the whole agency (a holiday), in the
// agency's zone. Lists what has not ended yet (scheduling.blockedTime); adds and removes through
// scheduling.addBlockedTime / removeBlockedTime, with the server's messages on their fields.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DatePicker } from "@/components/ui/date-picker";
import { Field, Input, Select, fieldAria } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { AddBlockInput } from "@/server/api/routers/scheduling/schemas";
import { formatInZone, todayInZone } from "@/lib/time";
import { trpc, toDashboardError, type RouterInputs, type RouterOutputs } from "@/lib/trpc";
import type { Settings } from "./scheduling-settings";

type Block = RouterOutputs["scheduling"]["blockedTime"][number];
type AddBlock = RouterInputs["scheduling"]["addBlockedTime"];

/** "Mon, Jul 5, 2027" for a whole day; with times when the block does not start or end at midnight. */
export function describeBlock(block: Pick<Block, "starts_at" | "ends_at">, zone: string): string {
  const start = formatInZone(block.starts_at, zone, "dateTime");
  // Whole days end at the next midnight: show the last day they cover.
  const midnight = (iso: string) => /T00:00(:00)?/.test(iso);
  if (midnight(block.starts_at) && midnight(block.ends_at)) {
    const lastDay = new Date(Date.parse(block.ends_at) - 1);
    const first = formatInZone(block.starts_at, zone, "date");
    const last = formatInZone(lastDay, zone, "date");
    return first === last ? `${first} (all day)` : `${first} – ${last} (all day)`;
  }
  return `${start} – ${formatInZone(block.ends_at, zone, "dateTime")}`;
}

export function BlockedTimeCard({ settings, canManage }: { settings: Settings; canManage: boolean }) {
  const me = useMe();
  const zone = useAgencyZone();
  const queryClient = useQueryClient();
  const key = ["scheduling.blockedTime", me.agency?.id];
  const blocks = useQuery({ queryKey: key, queryFn: () => trpc.scheduling.blockedTime.query({ include_past: false }) });
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    void queryClient.invalidateQueries({ queryKey: ["scheduling.availability"] });
    void queryClient.invalidateQueries({ queryKey: ["scheduling.calendar"] });
  };
  const remove = useIdempotentMutation((input: { id: string }, context) => trpc.scheduling.removeBlockedTime.mutate(input, { context }), {
    onSuccess: (removed) => {
      toast.success("Blocked time removed", { description: describeBlock(removed, zone) });
      changed();
    },
    onError: (e) => toast.error("The blocked time was not removed", { description: toDashboardError(e).message }),
  });
  return (
    <Card aria-labelledby="blocked-heading">
      <CardHeader id="blocked-heading" title="Blocked time" description="Days off for a photographer, or for the whole agency. Times in the agency's zone." />
      <QueryState query={blocks} label="Loading blocked time" errorTitle="Blocked time could not be loaded">
        {(items) => (
          <ul className="divide-y divide-slate-100">
            {items.map((block) => (
              <li key={block.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{block.photographer_name ?? "Whole agency"}</p>
                  <p className="text-slate-600">
                    {describeBlock(block, zone)}
                    {block.reason && <> · {block.reason}</>}
                  </p>
                </div>
                {canManage && (
                  <Button size="sm" variant="secondary" loading={remove.isPending && remove.variables?.id === block.id} onClick={() => remove.mutate({ id: block.id })}>
                    Remove<span className="sr-only"> blocked time {describeBlock(block, zone)}</span>
                  </Button>
                )}
              </li>
            ))}
            {items.length === 0 && <li className="px-5 py-4 text-sm text-slate-600">No blocked time ahead.</li>}
          </ul>
        )}
      </QueryState>
      {canManage && <AddBlock settings={settings} zone={zone} onAdded={changed} />}
    </Card>
  );
}

type Errors = Partial<Record<"photographer" | "from" | "to" | "reason" | "form", string>>;

function AddBlock({ settings, zone, onAdded }: { settings: Settings; zone: string; onAdded: () => void }) {
  const today = todayInZone(zone);
  const [photographer, setPhotographer] = useState("");
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const add = useIdempotentMutation((input: AddBlock, context) => trpc.scheduling.addBlockedTime.mutate(input, { context }), {
    onSuccess: (block) => {
      toast.success("Time blocked", { description: `${block.photographer_name ?? "Whole agency"}: ${describeBlock(block, zone)}` });
      setFrom(null);
      setTo(null);
      setReason("");
      setErrors({});
      onAdded();
    },
    onError: (e) => {
      const problem = toDashboardError(e);
      const next: Errors = {};
      for (const issue of problem.details) if (["photographer", "from", "to", "reason"].includes(issue.field)) next[issue.field as keyof Errors] ??= issue.message;
      if (Object.keys(next).length === 0) next.form = problem.message;
      setErrors(next);
    },
  });
  return (
    <form
      aria-label="Block time"
      noValidate
      className="space-y-3 border-t border-slate-200 px-5 py-4"
      onSubmit={(event) => {
        event.preventDefault();
        const input: AddBlock = { photographer: photographer || null, from: from ?? "", to: to ?? from ?? "", reason: reason.trim() || null };
        const parsed = AddBlockInput.safeParse(input);
        const next: Errors = {};
        if (!from) next.from = "choose the first day";
        if (!parsed.success) for (const issue of parsed.error.issues) next[String(issue.path[0]) as keyof Errors] ??= issue.message;
        if (from && to && to < from) next.to = "must be on or after the first day";
        setErrors(next);
        if (Object.keys(next).length === 0) add.mutate(input);
      }}
    >
      <h3 className="text-sm font-semibold text-slate-900">Block time</h3>
      <Field id="block-photographer" label="Who" error={errors.photographer}>
        <Select value={photographer} onChange={(e) => setPhotographer(e.target.value)} {...fieldAria("block-photographer", errors.photographer)}>
          <option value="">Whole agency</option>
          {settings.photographers
            .filter((p) => p.active)
            .map((p) => (
              <option key={p.user_id} value={p.user_id}>
                {p.name}
              </option>
            ))}
        </Select>
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="block-from" label="First day" error={errors.from}>
          <DatePicker id="block-from" value={from} onChange={(v) => (setFrom(v), setErrors({}))} timeZone={zone} min={today} invalid={Boolean(errors.from)} describedBy={errors.from ? "block-from-error" : undefined} />
        </Field>
        <Field id="block-to" label="Last day" hint="Leave empty for one day." error={errors.to}>
          <DatePicker id="block-to" value={to} onChange={(v) => (setTo(v), setErrors({}))} timeZone={zone} min={from ?? today} invalid={Boolean(errors.to)} describedBy={errors.to ? "block-to-error" : "block-to-hint"} placeholder="Same day" />
        </Field>
      </div>
      <Field id="block-reason" label="Reason (optional)" error={errors.reason}>
        <Input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} {...fieldAria("block-reason", errors.reason)} />
      </Field>
      {errors.form && <Alert tone="error">{errors.form}</Alert>}
      <div className="flex justify-end">
        <Button type="submit" variant="secondary" loading={add.isPending}>
          Block time
        </Button>
      </div>
    </form>
  );
}
