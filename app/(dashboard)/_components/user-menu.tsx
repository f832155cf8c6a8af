"use client";
import { useEffect, useId, useRef, useState } from "react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { useMe } from "@/components/dashboard/providers";
import { ROLE_LABELS, initials } from "@/lib/format";
import { clearActingAgency } from "../_actions/acting-agency";

export function UserMenu() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const roleLabel = ROLE_LABELS[me.user.role] ?? me.user.role;

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  async function handleSignOut() {
    setSigningOut(true);
    await clearActingAgency().catch(() => {});
    await signOut({ redirect: false });
    // A full load: nothing of the signed-in session stays in memory.
    window.location.assign("/signin");
  }

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="flex items-center gap-2.5 rounded-full py-1 pl-1 pr-3 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {initials(me.user.name)}
        </span>
        <span className="hidden leading-tight sm:block">
          <span className="block text-sm font-medium text-slate-900">{me.user.name}</span>
          <span className="block text-xs text-slate-500">{roleLabel}</span>
        </span>
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 text-slate-400" fill="currentColor">
          <path d="M5.2 7.7a.75.75 0 0 1 1.06.02L10 11.67l3.74-3.95a.75.75 0 1 1 1.08 1.04l-4.28 4.5a.75.75 0 0 1-1.08 0l-4.28-4.5a.75.75 0 0 1 .02-1.06Z" />
        </svg>
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-slate-200 bg-white py-2 shadow-lg"
        >
          <div className="px-4 pb-3 pt-1">
            <p className="truncate text-sm font-medium text-slate-900">{me.user.name}</p>
            <p className="truncate text-sm text-slate-500">{me.user.email}</p>
            <p className="mt-2 text-xs text-slate-500">
              Role: <span className="font-medium text-slate-700">{roleLabel}</span>
              {me.agency && !me.is_platform_admin && <> · {me.agency.name}</>}
            </p>
          </div>
          <div className="border-t border-slate-100 px-2 pt-2">
            <Button variant="ghost" size="sm" className="w-full justify-start" loading={signingOut} onClick={handleSignOut}>
              Sign out
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
