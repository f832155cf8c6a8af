// The signed-in dashboard: header (agency, navigation, user menu; for platform admins the agency
// switcher) around every screen. proxy.ts already sent signed-out visitors to /signin; this also
// catches a session whose user was disabled or deleted since.
import { redirect } from "next/navigation";
import { DashboardProviders } from "@/components/dashboard/providers";
import { getMe, getServerCaller } from "@/lib/server/dashboard";
import { DashboardHeader } from "./_components/header";
import { ChooseAgency } from "./_components/choose-agency";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const me = await getMe();
  if (!me) redirect("/signin");
  const agencies = me.is_platform_admin ? await (await getServerCaller()).agencies.list() : [];

  return (
    <DashboardProviders me={me}>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow-lg ring-2 ring-brand-600 focus:not-sr-only focus:fixed focus:left-4 focus:top-3 focus:z-50"
        >
          Skip to content
        </a>
        <DashboardHeader me={me} agencies={agencies} />
        <main id="main" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:px-6 sm:py-8 lg:px-8">
          {me.is_platform_admin && !me.agency ? <ChooseAgency agencies={agencies} /> : children}
        </main>
      </div>
    </DashboardProviders>
  );
}
