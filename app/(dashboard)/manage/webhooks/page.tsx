// /manage/webhooks: the agency's webhook endpoints. Owners (and platform admins acting for the
// agency) manage them; team members see them; other roles are told so. The procedures enforce the
// same scopes (webhooks:read / webhooks:write).
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";
import { getMe } from "@/lib/server/dashboard";
import { NoWebhooksAccess } from "./_components/access";
import { EndpointsManager } from "./_components/endpoints-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ deleted?: string | string[] }> }) {
  const me = await getMe();
  if (!me) redirect("/signin?callbackUrl=/manage/webhooks");
  if (!me.scopes.includes("webhooks:read")) return <NoWebhooksAccess agencyName={me.agency?.name ?? null} />;
  // A platform admin with no agency chosen sees the layout's "choose an agency" prompt instead.
  if (!me.agency) return null;
  const { deleted } = await searchParams;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Valara POSTs your agency's events to the endpoints you register here, each signed with the endpoint's secret."
        actions={
          <ButtonLink href="/manage/webhooks/catalog" variant="secondary">
            Event catalog
          </ButtonLink>
        }
      />
      <EndpointsManager
        agency={me.agency}
        canWrite={me.scopes.includes("webhooks:write")}
        deletedUrl={typeof deleted === "string" && deleted ? deleted : null}
      />
    </>
  );
}
