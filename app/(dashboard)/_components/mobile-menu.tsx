"use client";
// On a phone: one "Menu" button in the header opens a sheet with the navigation and, for
// platform admins, the agency switcher (the header has no room for either at 375 px).
import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Dialog as RadixDialog } from "radix-ui";
import { Menu, X } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/components/dashboard/providers";
import { isCurrent, visibleNavItems } from "./nav-items";
import { AgencySwitcher, type AgencyOption } from "./agency-switcher";

export function MobileMenu({ agencies }: { agencies: AgencyOption[] }) {
  const me = useMe();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger
        aria-label="Open menu"
        className="-ml-1.5 rounded-md p-1.5 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 md:hidden"
      >
        <Menu className="size-5" aria-hidden="true" />
      </RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40 md:hidden" />
        <RadixDialog.Content
          aria-describedby={undefined}
          className="fixed inset-y-0 left-0 z-50 flex w-[min(20rem,85vw)] flex-col overflow-y-auto bg-white shadow-xl focus:outline-none md:hidden"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
            <RadixDialog.Title className="text-base font-semibold text-slate-900">Menu</RadixDialog.Title>
            <RadixDialog.Close aria-label="Close menu" className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600">
              <X className="size-5" aria-hidden="true" />
            </RadixDialog.Close>
          </div>
          {me.is_platform_admin && (
            <div className="border-b border-slate-200 px-4 py-4">
              <AgencySwitcher agencies={agencies} currentId={me.agency?.id ?? null} stacked onChosen={() => setOpen(false)} />
            </div>
          )}
          <nav aria-label="Main" className="flex flex-col gap-0.5 p-2">
            {visibleNavItems(me).map((item) => {
              const current = isCurrent(pathname, item.href);
              return (
                <Link
                  key={item.href}
                  href={item.href}
                  onClick={() => setOpen(false)}
                  aria-current={current ? "page" : undefined}
                  className={cn(
                    "rounded-md px-3 py-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-brand-600",
                    current ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100",
                  )}
                >
                  {item.label}
                </Link>
              );
            })}
          </nav>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
