import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { AGENCY_KIND_LABELS } from "@/lib/format";
import type { Me } from "@/lib/trpc";
import { AgencySwitcher, type AgencyOption } from "./agency-switcher";
import { DashboardNav } from "./nav";
import { MobileMenu } from "./mobile-menu";
import { UserMenu } from "./user-menu";

export function Logo() {
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden="true" className="flex size-7 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
        V
      </span>
      <span className="text-base font-semibold tracking-tight text-slate-900">Valara</span>
    </span>
  );
}

export function DashboardHeader({ me, agencies }: { me: Me; agencies: AgencyOption[] }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8">
        <div className="flex h-14 items-center justify-between gap-3">
          <div className="flex min-w-0 items-center gap-3 md:gap-4">
            <MobileMenu agencies={agencies} />
            <Link href="/listings" className="shrink-0 rounded focus-visible:outline-2 focus-visible:outline-brand-600">
              <Logo />
            </Link>
            <span aria-hidden="true" className="hidden h-6 w-px bg-slate-200 sm:block" />
            {me.is_platform_admin ? (
              <div className="flex min-w-0 items-center gap-3">
                <Badge tone="amber">Platform admin</Badge>
                {/* On a phone the switcher lives in the menu sheet; here it shows whom they act for. */}
                <span className="hidden md:block">
                  <AgencySwitcher agencies={agencies} currentId={me.agency?.id ?? null} />
                </span>
                {me.agency && <span className="truncate text-sm font-medium text-slate-900 md:hidden">{me.agency.name}</span>}
              </div>
            ) : me.agency ? (
              <p className="hidden min-w-0 items-center gap-2 text-sm sm:flex">
                <span className="sr-only">Agency:</span>
                <span className="truncate font-medium text-slate-900">{me.agency.name}</span>
                <Badge tone={me.agency.kind === "broker" ? "violet" : "brand"}>{AGENCY_KIND_LABELS[me.agency.kind] ?? me.agency.kind}</Badge>
              </p>
            ) : null}
          </div>
          <UserMenu />
        </div>
        <DashboardNav />
      </div>
    </header>
  );
}
