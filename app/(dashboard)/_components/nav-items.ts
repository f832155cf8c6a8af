// The dashboard's navigation in one table: each screen and who sees it. A role sees what it may
// use; a read-only role sees read-only screens (their write controls are hidden on the page).
import type { Me } from "@/lib/trpc";

export interface NavItem {
  href: string;
  label: string;
  /** Shown only to those it returns true for (default: everyone). */
  visible?: (me: Me) => boolean;
}

const has = (me: Me, scope: string) => (me.scopes as readonly string[]).includes(scope);

export const NAV_ITEMS: NavItem[] = [
  { href: "/listings", label: "Listings" },
  { href: "/calendar", label: "Calendar", visible: (me) => has(me, "scheduling:read") },
  { href: "/orders", label: "Orders", visible: (me) => has(me, "listings:read") },
  { href: "/packages", label: "Packages", visible: (me) => has(me, "listings:read") },
  { href: "/people", label: "People", visible: (me) => has(me, "users:read") },
  { href: "/settings/scheduling", label: "Scheduling", visible: (me) => has(me, "scheduling:read") },
  // Pay to download is the owner's call; other roles see a listing's lock state on its page.
  { href: "/settings/delivery", label: "Delivery", visible: (me) => me.can.manage_delivery },
  { href: "/manage/webhooks", label: "Webhooks", visible: (me) => has(me, "webhooks:read") },
  { href: "/settings/api-keys", label: "API keys", visible: (me) => me.can.manage_api_keys },
  { href: "/admin/access", label: "Access control", visible: (me) => me.is_platform_admin },
];

export function visibleNavItems(me: Me): NavItem[] {
  return NAV_ITEMS.filter((item) => item.visible?.(me) ?? true);
}

export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
