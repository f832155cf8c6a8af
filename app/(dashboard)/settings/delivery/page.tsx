// Settings > Delivery: pay to download, agency-wide. Every role that reads listings sees whether
// downloads wait for payment; only the owner (and platform admins acting for the agency) change it
// (manage_delivery, which the procedures check too). Each listing may override it on its page.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { getMe } from "@/lib/server/dashboard";
import { DeliverySettings } from "./_components/delivery-settings";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Delivery" };

export default async function DeliverySettingsPage() {
  const me = await getMe();
  if (!me) redirect("/signin?callbackUrl=/settings/delivery");
  if (!me.agency) return null;
  return (
    <>
      <PageHeader title="Delivery" description="How clients receive the work: whether their gallery downloads wait until the listing's invoice is paid." />
      <DeliverySettings />
    </>
  );
}
