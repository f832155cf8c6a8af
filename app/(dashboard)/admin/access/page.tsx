// Platform admins only: deny an API key, an agency's API access or a client address (403
// access_denied on /api/v1), and override rate-limit budgets for a key or an agency.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { getMe } from "@/lib/server/dashboard";
import { AccessControl } from "./_components/access-control";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API access control" };

export default async function AccessControlPage() {
  const me = await getMe();
  if (!me) redirect("/signin?callbackUrl=/admin/access");
  const header = (
    <PageHeader
      title="API access control"
      description="Operator tools for abuse and capacity, across every agency: denials answer 403 access_denied on /api/v1 within seconds; overrides replace a budget's limit."
    />
  );
  if (!me.is_platform_admin) {
    return (
      <>
        {header}
        <Alert tone="warning" title="Only platform admins control API access">
          Ask Valara support if an integration is being refused.
        </Alert>
      </>
    );
  }
  return (
    <>
      {header}
      <AccessControl />
    </>
  );
}
