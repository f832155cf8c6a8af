"use client";
// A searchable picker (users, packages): a button that opens a popover with a search box and a
// list, on Radix Popover + cmdk (keyboard navigation, filtering, aria-activedescendant). Give it
// the same `id` as its <label htmlFor>. With `onSearchChange` the caller filters (for example on
// the server) and cmdk shows the options as given.
import { useState, type ReactNode } from "react";
import { Command } from "cmdk";
import { Check, ChevronsUpDown, X } from "lucide-react";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";
import { Spinner } from "./button";
import { cn } from "./cn";

export interface ComboboxOption {
  value: string;
  label: string;
  /** A second line (an email, a price). */
  hint?: ReactNode;
  /** Extra words the search matches (an email, a code). */
  keywords?: string[];
  disabled?: boolean;
}

export function Combobox({
  id,
  value,
  onChange,
  options,
  placeholder = "Choose…",
  searchPlaceholder = "Search…",
  emptyText = "Nothing matches.",
  onSearchChange,
  loading = false,
  clearable = false,
  disabled = false,
  invalid = false,
  describedBy,
  className,
}: {
  id: string;
  value: string | null;
  onChange: (value: string | null) => void;
  options: ComboboxOption[];
  placeholder?: string;
  searchPlaceholder?: string;
  emptyText?: string;
  onSearchChange?: (search: string) => void;
  loading?: boolean;
  /** Offer a way back to no value. */
  clearable?: boolean;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const selected = options.find((option) => option.value === value) ?? null;
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <div className={cn("relative", className)}>
        <PopoverTrigger asChild>
          <button
            id={id}
            type="button"
            role="combobox"
            aria-expanded={open}
            aria-haspopup="listbox"
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            disabled={disabled}
            className={cn(
              "flex h-9 w-full items-center justify-between gap-2 rounded-md bg-white px-3 text-left text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:cursor-not-allowed disabled:bg-slate-50",
              invalid && "ring-red-500",
              clearable && selected && "pr-16",
            )}
          >
            <span className={cn("truncate", selected ? "text-slate-900" : "text-slate-500")}>{selected?.label ?? placeholder}</span>
            <ChevronsUpDown className="size-4 shrink-0 text-slate-500" aria-hidden="true" />
          </button>
        </PopoverTrigger>
        {clearable && selected && !disabled && (
          <button
            type="button"
            aria-label={`Clear ${selected.label}`}
            onClick={() => onChange(null)}
            className="absolute right-8 top-1/2 -translate-y-1/2 rounded p-1 text-slate-500 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <X className="size-3.5" aria-hidden="true" />
          </button>
        )}
      </div>
      <PopoverContent className="w-(--radix-popover-trigger-width) min-w-64 p-0" align="start">
        <Command shouldFilter={!onSearchChange} label={searchPlaceholder}>
          <div className="flex items-center border-b border-slate-200 px-3">
            <Command.Input
              placeholder={searchPlaceholder}
              onValueChange={onSearchChange}
              className="h-10 w-full bg-transparent text-sm text-slate-900 placeholder:text-slate-500 focus:outline-none"
            />
            {loading && <Spinner className="text-slate-500" />}
          </div>
          <Command.List className="max-h-64 overflow-y-auto p-1">
            <Command.Empty className="px-3 py-6 text-center text-sm text-slate-600">{loading ? "Searching…" : emptyText}</Command.Empty>
            {options.map((option) => (
              <Command.Item
                key={option.value}
                value={option.value}
                keywords={[option.label, ...(option.keywords ?? [])]}
                disabled={option.disabled}
                onSelect={() => {
                  onChange(option.value);
                  setOpen(false);
                }}
                className="flex cursor-default items-center gap-2 rounded-md px-2.5 py-2 text-sm text-slate-700 data-[disabled=true]:opacity-50 data-[selected=true]:bg-slate-100 data-[selected=true]:text-slate-900"
              >
                <Check className={cn("size-4 shrink-0 text-brand-600", option.value === value ? "opacity-100" : "opacity-0")} aria-hidden="true" />
                <span className="min-w-0">
                  <span className="block truncate">{option.label}</span>
                  {option.hint && <span className="block truncate text-xs text-slate-600">{option.hint}</span>}
                </span>
              </Command.Item>
            ))}
          </Command.List>
        </Command>
      </PopoverContent>
    </Popover>
  );
}
