// /manage/webhooks/catalog: every event type a person can subscribe to, readable: description,
// api_version, the fields of its data and the whole envelope a delivery carries. The same data as
// GET /api/v1/webhooks/events (both call webhooks.events).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { getMe, getServerCaller } from "@/lib/server/dashboard";
import { NoWebhooksAccess } from "../_components/access";
import { EventCatalog } from "./_components/event-catalog";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhook event catalog" };

export default async function WebhookCatalogPage() {
  const me = await getMe();
  if (!me) redirect("/signin?callbackUrl=/manage/webhooks/catalog");
  if (!me.scopes.includes("webhooks:read")) return <NoWebhooksAccess agencyName={me.agency?.name ?? null} />;
  if (!me.agency) return null;
  const catalog = await (await getServerCaller()).webhooks.events({});
  return (
    <>
      <PageHeader
        title="Webhook event catalog"
        description={`The ${catalog.total} event types an endpoint can subscribe to, what each one's data holds, and what a delivery looks like.`}
        actions={
          <ButtonLink href="/manage/webhooks" variant="secondary">
            Back to endpoints
          </ButtonLink>
        }
      />
      <EventCatalog events={catalog.items} />
    </>
  );
}
