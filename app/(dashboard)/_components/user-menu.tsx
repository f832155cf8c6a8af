"use client";
import { useState } from "react";
import Link from "next/link";
import { signOut } from "next-auth/react";
import { ChevronDown, LogOut, UserRound } from "lucide-react";
import { useMe } from "@/components/dashboard/providers";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { ROLE_LABELS, initials } from "@/lib/format";
import { clearActingAgency } from "../_actions/acting-agency";

export function UserMenu() {
  const me = useMe();
  const [signingOut, setSigningOut] = useState(false);
  const roleLabel = ROLE_LABELS[me.user.role] ?? me.user.role;

  async function handleSignOut() {
    setSigningOut(true);
    await clearActingAgency().catch(() => {});
    await signOut({ redirect: false });
    // A full load: nothing of the signed-in session stays in memory.
    window.location.assign("/signin");
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex items-center gap-2.5 rounded-full py-1 pl-1 pr-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 sm:pr-3"
      >
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {initials(me.user.name)}
        </span>
        {/* On a phone only the initials show: the button is named for screen readers instead. */}
        <span className="sr-only sm:hidden">Account menu</span>
        <span className="hidden leading-tight sm:block">
          <span className="block text-sm font-medium text-slate-900">{me.user.name}</span>
          <span className="block text-xs text-slate-600">{roleLabel}</span>
        </span>
        <ChevronDown aria-hidden="true" className="size-4 text-slate-500" />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-64">
        <DropdownMenuLabel className="pb-2 pt-1.5">
          <span className="block truncate text-sm font-medium text-slate-900">{me.user.name}</span>
          <span className="block truncate text-sm font-normal text-slate-600">{me.user.email}</span>
          <span className="mt-2 block text-xs font-normal text-slate-600">
            Role: <span className="font-medium text-slate-700">{roleLabel}</span>
            {me.agency && !me.is_platform_admin && <> · {me.agency.name}</>}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/profile">
            <UserRound className="size-4" aria-hidden="true" />
            Your profile
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem
          disabled={signingOut}
          onSelect={(event) => {
            event.preventDefault();
            void handleSignOut();
          }}
        >
          <LogOut className="size-4" aria-hidden="true" />
          {signingOut ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
