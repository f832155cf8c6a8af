"use client";
// A modal dialog on Radix's Dialog primitive: focus is trapped and restored, Escape and the
// backdrop close it (unless `dismissible` is false), and it is named by its title and described
// by its description. The content is mounted only while open, so nothing shown in it stays in
// the page afterwards.
import type { ReactNode } from "react";
import { Dialog as RadixDialog } from "radix-ui";
import { X } from "lucide-react";
import { cn } from "./cn";

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  className,
  role = "dialog",
  dismissible = true,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  footer?: ReactNode;
  className?: string;
  role?: "dialog" | "alertdialog";
  /** false: only the dialog's own buttons close it (no Escape, no backdrop click, no ×). */
  dismissible?: boolean;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50 backdrop-blur-[1px]" />
        <RadixDialog.Content
          role={role}
          onEscapeKeyDown={(event) => !dismissible && event.preventDefault()}
          onPointerDownOutside={(event) => !dismissible && event.preventDefault()}
          onInteractOutside={(event) => !dismissible && event.preventDefault()}
          className={cn(
            "fixed left-1/2 top-1/2 z-50 flex max-h-[90vh] w-[calc(100%-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 flex-col overflow-hidden rounded-xl bg-white shadow-xl ring-1 ring-slate-900/10 focus:outline-none",
            className,
          )}
          // Without a description, say so (Radix otherwise warns that one is missing).
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <div className={cn("relative px-6 pt-5", children ? "pb-1" : "pb-5", dismissible && "pr-12")}>
            <RadixDialog.Title className="text-lg font-semibold text-slate-900">{title}</RadixDialog.Title>
            {description && (
              <RadixDialog.Description asChild>
                <div className="mt-1 text-sm text-slate-600">{description}</div>
              </RadixDialog.Description>
            )}
            {dismissible && (
              <RadixDialog.Close
                aria-label="Close"
                className="absolute right-3 top-3 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <X className="size-4" aria-hidden="true" />
              </RadixDialog.Close>
            )}
          </div>
          {children && <div className="overflow-y-auto px-6 pb-5 pt-3">{children}</div>}
          {footer && <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-6 py-3">{footer}</div>}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
