"use client";
// "Are you sure?" for actions that cannot be undone or that matter (Sold, Off Market, cancel,
// deactivate): Radix's AlertDialog, so focus starts on Cancel and only the buttons close it.
import type { ReactNode } from "react";
import { AlertDialog } from "radix-ui";
import { Button } from "./button";

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "primary",
  pending = false,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description?: ReactNode;
  /** Anything more to show (an error from the last attempt, a field). */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "primary" | "danger";
  /** The confirmed action is running: both buttons wait, the dialog stays. */
  pending?: boolean;
  /** Runs the action; the caller closes the dialog when it succeeds. */
  onConfirm: () => void;
}) {
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50 backdrop-blur-[1px]" />
        <AlertDialog.Content
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white shadow-xl ring-1 ring-slate-900/10 focus:outline-none"
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <div className="px-6 pb-4 pt-5">
            <AlertDialog.Title className="text-lg font-semibold text-slate-900">{title}</AlertDialog.Title>
            {description && (
              <AlertDialog.Description asChild>
                <div className="mt-2 text-sm text-slate-600">{description}</div>
              </AlertDialog.Description>
            )}
            {children && <div className="mt-4">{children}</div>}
          </div>
          <div className="flex flex-wrap justify-end gap-2 rounded-b-xl border-t border-slate-200 bg-slate-50 px-6 py-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={pending}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before the action's outcome is known. */}
            <Button variant={tone} loading={pending} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
