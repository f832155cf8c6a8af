// Settings > Scheduling: the agency's time zone, business hours, photographers, blocked time, travel
// buffer, minimum notice and slot interval — what availability and booking are decided by. Every
// role that reads scheduling sees it; only the owner (and platform admins acting for the agency)
// may change it (manage_scheduling, which the procedures check too).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { getMe } from "@/lib/server/dashboard";
import { SchedulingSettings } from "./_components/scheduling-settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scheduling" };

export default async function SchedulingSettingsPage() {
  const me = await getMe();
  if (!me) redirect("/signin?callbackUrl=/settings/scheduling");
  if (!me.agency) return null;
  return (
    <>
      <PageHeader title="Scheduling" description="When the agency takes shoots: what the free slots on a listing, and GET /scheduling/availability, are made from." />
      <SchedulingSettings />
    </>
  );
}
