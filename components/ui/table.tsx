import type { ComponentProps } from "react";
import { cn } from "./cn";

/**
 * A box that scrolls sideways when its content is wider than the screen (a wide table on a phone).
 * It is a named, focusable region so that a keyboard can scroll it too.
 */
export function HorizontalScroll({ label, className, ...props }: ComponentProps<"div"> & { label: string }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      data-allow-overflow
      className={cn("relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600", className)}
      {...props}
    />
  );
}

export function Table({ className, label, ...props }: ComponentProps<"table"> & { label?: string }) {
  const table = <table aria-label={label} className={cn("min-w-full divide-y divide-slate-200 text-sm", className)} {...props} />;
  return label ? <HorizontalScroll label={label}>{table}</HorizontalScroll> : <div className="overflow-x-auto">{table}</div>;
}

export function THead(props: ComponentProps<"thead">) {
  return <thead className="bg-slate-50" {...props} />;
}

export function TBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-slate-100 bg-white" {...props} />;
}

export function TR({ className, ...props }: ComponentProps<"tr">) {
  return <tr className={cn("align-top hover:bg-slate-50/60", className)} {...props} />;
}

export function TH({ className, ...props }: ComponentProps<"th">) {
  return (
    <th
      scope="col"
      className={cn("whitespace-nowrap px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500", className)}
      {...props}
    />
  );
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td className={cn("px-4 py-3 text-slate-700", className)} {...props} />;
}
