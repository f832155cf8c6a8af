"use client";
// A date chosen on a calendar (react-day-picker in a Radix popover), as an ISO date
// ("2027-03-15") in the given IANA time zone: the agency's, whatever the browser's zone is.
import { useState } from "react";
import { DayPicker, TZDate } from "react-day-picker";
import { CalendarDays } from "lucide-react";
import { DateTime } from "luxon";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";
import { cn } from "./cn";
import "react-day-picker/style.css";

export function DatePicker({
  id,
  value,
  onChange,
  timeZone,
  min,
  max,
  placeholder = "Pick a date",
  invalid,
  describedBy,
  className,
}: {
  id: string;
  /** ISO date in `timeZone`, or null. */
  value: string | null;
  onChange: (value: string) => void;
  timeZone: string;
  /** Earliest and latest selectable ISO dates. */
  min?: string;
  max?: string;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const toDate = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return new TZDate(y!, m! - 1, d!, 12, timeZone);
  };
  const selected = value ? toDate(value) : undefined;
  const label = value ? DateTime.fromISO(value, { zone: timeZone }).toLocaleString({ weekday: "short", month: "short", day: "numeric", year: "numeric" }) : placeholder;
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <button
          id={id}
          type="button"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          className={cn(
            "flex h-9 w-full items-center gap-2 rounded-md bg-white px-3 text-left text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600",
            invalid && "ring-red-500",
            className,
          )}
        >
          <CalendarDays className="size-4 text-slate-500" aria-hidden="true" />
          <span className={value ? "text-slate-900" : "text-slate-500"}>{label}</span>
        </button>
      </PopoverTrigger>
      <PopoverContent aria-label="Choose a date" className="valara-day-picker">
        <DayPicker
          mode="single"
          timeZone={timeZone}
          selected={selected}
          defaultMonth={selected ?? (min ? toDate(min) : undefined)}
          disabled={[...(min ? [{ before: toDate(min) }] : []), ...(max ? [{ after: toDate(max) }] : [])]}
          onSelect={(date) => {
            if (!date) return;
            const iso = DateTime.fromJSDate(date, { zone: timeZone }).toISODate();
            if (iso) onChange(iso);
            setOpen(false);
          }}
        />
      </PopoverContent>
    </Popover>
  );
}
