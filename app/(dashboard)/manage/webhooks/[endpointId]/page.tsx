// /manage/webhooks/<endpoint id>: one endpoint's settings, secret, test events and delivery log.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getMe } from "@/lib/server/dashboard";
import { NoWebhooksAccess } from "../_components/access";
import { EndpointDetail } from "./_components/endpoint-detail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function EndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const { endpointId } = await params;
  const me = await getMe();
  if (!me) redirect(`/signin?callbackUrl=${encodeURIComponent(`/manage/webhooks/${endpointId}`)}`);
  if (!me.scopes.includes("webhooks:read")) return <NoWebhooksAccess agencyName={me.agency?.name ?? null} />;
  if (!me.agency) return null;
  return <EndpointDetail agency={me.agency} endpointId={endpointId} canWrite={me.scopes.includes("webhooks:write")} />;
}
