"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { CreateKeyForm } from "./create-key-form";
import { NewKeyDialog } from "./new-key-dialog";
import { RevokeKeyDialog } from "./revoke-key-dialog";
import { KeysTable } from "./keys-table";
import { RotateKeyDialog, ToggleKeyDialog } from "./key-lifecycle-dialogs";
import { KeyUsage } from "./key-usage";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

export function ApiKeysManager({ agency, mintingOnBehalf }: { agency: { id: string; name: string }; mintingOnBehalf: boolean }) {
  const queryClient = useQueryClient();
  const queryKey = ["apiKeys.list", agency.id];
  const keys = useQuery({ queryKey, queryFn: () => trpc.apiKeys.list.query() });

  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<{ key: string; name: string; agencyName: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [toggling, setToggling] = useState<ApiKey | null>(null);
  const [rotating, setRotating] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey }), queryClient.invalidateQueries({ queryKey: ["apiKeys.usage", agency.id] })]);

  return (
    <div className="space-y-6">
      {mintingOnBehalf && (
        <Alert tone="info" title={`Acting for ${agency.name}`}>
          You are a platform admin. Keys you generate here belong to {agency.name}, work only with its data, and are shown to the agency as
          minted on its behalf.
        </Alert>
      )}
      {notice && (
        <Alert tone="success" actions={<Button variant="ghost" size="sm" onClick={() => setNotice(null)}>Dismiss</Button>}>
          {notice}
        </Alert>
      )}

      {formOpen && (
        <Card aria-labelledby="new-key-title">
          <CardHeader id="new-key-title" title="Generate a new key" description={`For ${agency.name}. You will see the key once, right after it is generated.`} />
          <CreateKeyForm
            agencyName={agency.name}
            onCancel={() => setFormOpen(false)}
            onCreated={(result) => {
              setFormOpen(false);
              setNotice(null);
              setCreated({ key: result.key, name: result.api_key.name, agencyName: agency.name });
              void refresh();
            }}
          />
        </Card>
      )}

      <Card aria-labelledby="keys-title">
        <CardHeader
          id="keys-title"
          title="Keys"
          description={`Keys of ${agency.name}, newest first. Revoked and expired keys stay listed for the record.`}
          actions={
            !formOpen && (
              <Button onClick={() => setFormOpen(true)}>
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
                  <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
                </svg>
                Generate new key
              </Button>
            )
          }
        />
        {keys.isPending ? (
          <div role="status" aria-label="Loading keys" className="space-y-3 px-5 py-6">
            {[0, 1, 2].map((i) => (
              <div key={i} className="h-5 animate-pulse rounded bg-slate-100" />
            ))}
          </div>
        ) : keys.isError ? (
          <div className="p-5">
            <Alert tone="error" title="Keys could not be loaded" actions={<Button variant="secondary" size="sm" onClick={() => keys.refetch()}>Try again</Button>}>
              {toDashboardError(keys.error).message}
            </Alert>
          </div>
        ) : keys.data.length === 0 ? (
          <EmptyState title="No API keys yet">Generate a key to let your website, CRM or a partner read and create listings through the API.</EmptyState>
        ) : (
          <KeysTable keys={keys.data} onRevoke={setRevoking} onToggle={setToggling} onRotate={setRotating} />
        )}
      </Card>

      {keys.data && keys.data.length > 0 && <KeyUsage agencyId={agency.id} keys={keys.data} />}

      <NewKeyDialog created={created} onClose={() => setCreated(null)} />
      <ToggleKeyDialog
        apiKey={toggling}
        onClose={() => setToggling(null)}
        onDone={(key) => {
          setToggling(null);
          setNotice(
            key.status === "disabled"
              ? `“${key.name}” is disabled. Requests with it get 401 api_key_disabled until you enable it.`
              : `“${key.name}” is enabled again.`,
          );
          void refresh();
        }}
      />
      <RotateKeyDialog
        apiKey={rotating}
        onClose={() => setRotating(null)}
        onRotated={(result) => {
          setRotating(null);
          setNotice(null);
          setCreated({ key: result.key, name: result.api_key.name, agencyName: agency.name });
          void refresh();
        }}
      />
      <RevokeKeyDialog
        apiKey={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={(key) => {
          setRevoking(null);
          setNotice(`“${key.name}” was revoked. Requests with it now get 401 api_key_revoked.`);
          void refresh();
        }}
      />
    </div>
  );
}
