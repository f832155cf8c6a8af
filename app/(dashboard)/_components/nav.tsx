"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/components/dashboard/providers";
import type { Me } from "@/lib/trpc";

interface NavItem {
  href: string;
  label: string;
  /** Shown only to those it returns true for. */
  visible?: (me: Me) => boolean;
}

// Shoots, Orders, Media and Users join this list as their screens are built.
const NAV: NavItem[] = [
  { href: "/listings", label: "Listings" },
  { href: "/manage/webhooks", label: "Webhooks", visible: (me) => me.scopes.includes("webhooks:read") },
  { href: "/settings/api-keys", label: "API keys", visible: (me) => me.can_manage_api_keys },
];

export function DashboardNav() {
  const me = useMe();
  const pathname = usePathname();
  const items = NAV.filter((item) => item.visible?.(me) ?? true);
  return (
    <nav aria-label="Main" className="-mb-px flex gap-1 overflow-x-auto">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "whitespace-nowrap border-b-2 px-3 pb-2.5 pt-2 text-sm font-medium transition-colors",
              current ? "border-brand-600 text-slate-900" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
