// Settings > API keys: the agency owner (or a platform admin acting for the agency) mints and
// revokes the keys integrators call /api/v1 with. The procedures enforce the same rule.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { getMe } from "@/lib/server/dashboard";
import { ApiKeysManager } from "./_components/api-keys-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const me = await getMe();
  if (!me) redirect("/signin?callbackUrl=/settings/api-keys");
  const header = (
    <PageHeader
      title="API keys"
      description="Keys let your own software and partners call the Valara API (/api/v1) on your agency's behalf."
    />
  );
  if (!me.can_manage_api_keys) {
    return (
      <>
        {header}
        <Alert tone="warning" title="Only the agency owner manages API keys">
          Ask {me.agency ? `${me.agency.name}'s owner` : "your agency's owner"} to create or revoke a key for you.
        </Alert>
      </>
    );
  }
  // A platform admin with no agency chosen sees the layout's "choose an agency" prompt instead.
  if (!me.agency) return null;
  return (
    <>
      {header}
      <ApiKeysManager agency={me.agency} mintingOnBehalf={me.is_platform_admin} />
    </>
  );
}
