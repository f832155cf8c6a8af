"use client";
// Results confirmed by toasts (sonner): "Listing created", "Invitation sent"... Errors that belong
// to a field stay on the field; an error toast also says the request id to quote to support.
import { Toaster as Sonner, toast } from "sonner";
import { toDashboardError } from "@/lib/trpc";

export function Toaster() {
  return <Sonner position="top-right" closeButton richColors toastOptions={{ classNames: { toast: "text-sm" } }} />;
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
