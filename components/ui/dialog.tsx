"use client";
// A modal dialog on the native <dialog> element: focus is trapped and restored by the browser,
// Escape closes it, and it is exposed as role="dialog" with its title as the accessible name.
// The content is rendered only while open, so nothing shown in it stays in the page afterwards.
import { useEffect, useId, useRef, type ReactNode } from "react";
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
  /** false: only the dialog's own buttons close it (no Escape, no backdrop click). */
  dismissible?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onCancel={(event) => {
        if (!dismissible) event.preventDefault();
      }}
      onClick={(event) => {
        // A click on the backdrop (outside the panel) lands on the <dialog> itself.
        if (dismissible && event.target === event.currentTarget) onClose();
      }}
      className={cn(
        "fixed inset-0 m-auto h-fit max-h-[90vh] w-[calc(100%-2rem)] max-w-lg overflow-visible rounded-xl bg-transparent p-0 backdrop:bg-slate-900/50 backdrop:backdrop-blur-[1px]",
        className,
      )}
    >
      {open && (
        <div className="overflow-y-auto rounded-xl bg-white shadow-xl ring-1 ring-slate-900/10">
          <div className={cn("px-6 pt-5", children ? "pb-1" : "pb-5")}>
            <h2 id={titleId} className="text-lg font-semibold text-slate-900">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm text-slate-500">
                {description}
              </div>
            )}
          </div>
          {children && <div className="px-6 pb-5 pt-3">{children}</div>}
          {footer && <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-200 bg-slate-50 px-6 py-3">{footer}</div>}
        </div>
      )}
    </dialog>
  );
}
