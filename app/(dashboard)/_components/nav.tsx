"use client";
// The main navigation: tabs under the header on wider screens; on a phone the same items sit in
// the menu sheet (mobile-menu.tsx).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/components/dashboard/providers";
import { isCurrent, visibleNavItems } from "./nav-items";

export function DashboardNav() {
  const me = useMe();
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mb-px hidden gap-1 overflow-x-auto md:flex">
      {visibleNavItems(me).map((item) => {
        const current = isCurrent(pathname, item.href);
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "whitespace-nowrap rounded-t border-b-2 px-3 pb-2.5 pt-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-brand-600",
              current ? "border-brand-600 text-slate-900" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
