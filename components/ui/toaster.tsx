"use client";
// Results confirmed by toasts (sonner): "Listing created", "Invitation sent"... Errors that belong
// to a field stay on the field; an error toast also says the request id to quote to support.
import type React from "react";
import { Toaster as Sonner, toast } from "sonner";
import { toDashboardError } from "@/lib/trpc";

// Sonner's own rich-colour text (e.g. its success green on pale green) sits just under WCAG AA's
// 4.5:1; these darker shades of the same hues pass it.
const TEXT_COLOURS = {
  "--success-text": "#166534",
  "--info-text": "#1e40af",
  "--warning-text": "#92400e",
  "--error-text": "#991b1b",
} as React.CSSProperties;

export function Toaster() {
  return <Sonner position="top-right" closeButton richColors style={TEXT_COLOURS} toastOptions={{ classNames: { toast: "text-sm" } }} />;
}

export { toast };

/** A failed action, as a toast: what the server said and the request id. */
export function toastError(title: string, error: unknown) {
  const problem = toDashboardError(error);
  toast.error(title, {
    description: problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message,
    duration: 10_000,
  });
}
