"use client";
// Choosing event types from the catalog, each with its description, grouped by what it is about.
import { useId } from "react";
import { EVENT_TYPES, type EventType } from "@/server/webhooks/catalog";
import { cn } from "@/components/ui/cn";
import { EVENT_GROUPS, eventDescription } from "./event-groups";

export function EventTypesField({
  value,
  onChange,
  onBlur,
  name,
  error,
}: {
  value: readonly string[];
  onChange: (next: EventType[]) => void;
  onBlur?: () => void;
  name: string;
  error?: string;
}) {
  const id = useId();
  const selected = new Set(value);
  const all = EVENT_TYPES.every((type) => selected.has(type));
  const some = selected.size > 0 && !all;
  // Keep the catalog's order whatever order they were ticked in.
  const set = (types: readonly EventType[], on: boolean) => {
    const next = new Set(selected);
    for (const type of types) {
      if (on) next.add(type);
      else next.delete(type);
    }
    onChange(EVENT_TYPES.filter((type) => next.has(type)));
  };
  return (
    <fieldset aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="text-sm font-medium text-slate-700">Event types</legend>
      <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-500">
        Valara sends only the events you choose. <span className="font-medium text-slate-700">{selected.size}</span> of {EVENT_TYPES.length}{" "}
        selected.
      </p>
      <div className={cn("mt-3 rounded-lg border", error ? "border-red-300" : "border-slate-200")}>
        <label className="flex cursor-pointer items-center gap-3 border-b border-slate-200 bg-slate-50 px-4 py-2.5">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 accent-brand-600"
            checked={all}
            ref={(element) => {
              if (element) element.indeterminate = some;
            }}
            onChange={(event) => set(EVENT_TYPES, event.target.checked)}
          />
          <span className="text-sm font-medium text-slate-900">All event types</span>
        </label>
        <div className="divide-y divide-slate-100">
          {EVENT_GROUPS.map((group) => (
            <div key={group.label} role="group" aria-labelledby={`${id}-${group.label}`} className="px-4 py-3">
              <p id={`${id}-${group.label}`} className="text-xs font-medium uppercase tracking-wide text-slate-500">
                {group.label}
              </p>
              <div className="mt-1 grid gap-x-6 sm:grid-cols-2">
                {group.types.map((type) => (
                  <label key={type} className="flex cursor-pointer items-start gap-3 py-1.5">
                    <input
                      type="checkbox"
                      name={name}
                      value={type}
                      className="mt-0.5 size-4 rounded border-slate-300 accent-brand-600"
                      checked={selected.has(type)}
                      onChange={(event) => set([type], event.target.checked)}
                      onBlur={onBlur}
                      aria-labelledby={`${id}-${type}-name`}
                      aria-describedby={`${id}-${type}`}
                    />
                    <span className="min-w-0">
                      <span id={`${id}-${type}-name`} className="block font-mono text-sm text-slate-900">
                        {type}
                      </span>
                      <span id={`${id}-${type}`} className="block text-sm text-slate-500">
                        {eventDescription(type)}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
