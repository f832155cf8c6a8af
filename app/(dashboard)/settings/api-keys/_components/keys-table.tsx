"use client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { SCOPES } from "@/server/auth/scopes";
import { formatDate, formatDateTime, formatRelative } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc";
import { formatInZone } from "@/lib/time";
import { useAgencyZone } from "@/components/dashboard/providers";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

const STATUS: Record<ApiKey["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  disabled: { label: "Disabled", tone: "gray" },
  rotating: { label: "Rotated", tone: "amber" },
  revoked: { label: "Revoked", tone: "red" },
  expired: { label: "Expired", tone: "amber" },
};

export interface KeyActions {
  onRevoke: (key: ApiKey) => void;
  onToggle: (key: ApiKey) => void;
  onRotate: (key: ApiKey) => void;
}

/** Disable/enable, rotate, revoke: whichever the key's status allows. */
function ActionButtons({ apiKey, actions }: { apiKey: ApiKey; actions: KeyActions }) {
  const { status } = apiKey;
  if (status === "revoked" || status === "expired") return null;
  const named = <span className="sr-only"> {apiKey.name}</span>;
  return (
    <div className="flex flex-wrap justify-end gap-2 md:flex-nowrap">
      {status === "active" && (
        <Button variant="secondary" size="sm" onClick={() => actions.onRotate(apiKey)}>
          Rotate{named}
        </Button>
      )}
      <Button variant="secondary" size="sm" onClick={() => actions.onToggle(apiKey)}>
        {status === "disabled" ? "Enable" : "Disable"}
        {named}
      </Button>
      <Button variant="secondary" size="sm" className="text-red-700" onClick={() => actions.onRevoke(apiKey)}>
        Revoke{named}
      </Button>
    </div>
  );
}

/** "Works until …" for a rotated key, "Replaces …" for its replacement. */
function RotationNote({ apiKey, keys }: { apiKey: ApiKey; keys: ApiKey[] }) {
  const zone = useAgencyZone();
  if (apiKey.grace_ends_at && apiKey.status === "rotating") {
    return (
      <p className="text-xs text-amber-800" data-testid="grace-ends">
        Rotated; works until <time dateTime={apiKey.grace_ends_at}>{formatInZone(apiKey.grace_ends_at, zone)}</time>
      </p>
    );
  }
  const previous = apiKey.rotated_from_key_id ? keys.find((k) => k.id === apiKey.rotated_from_key_id) : undefined;
  if (previous) return <p className="text-xs text-slate-500">Replaces {previous.display_prefix}</p>;
  return null;
}

/** The key's id (not a secret): what support, the CLI and the access-control page name it by. */
function KeyId({ id }: { id: string }) {
  return <p className="break-all font-mono text-[11px] text-slate-600">{id}</p>;
}

/** The keys as a table on wider screens and as a list of cards on a phone (no sideways scrolling). */
export function KeysTable({ keys, ...actions }: { keys: ApiKey[] } & KeyActions) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="API keys">
        {keys.map((key) => (
          <li key={key.id} className="space-y-2 px-5 py-4 text-sm">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900">{key.name}</p>
                <p className="font-mono text-xs text-slate-600">{key.display_prefix}</p>
                <KeyId id={key.id} />
                <RotationNote apiKey={key} keys={keys} />
              </div>
              <Badge tone={STATUS[key.status].tone} dot>
                {STATUS[key.status].label}
              </Badge>
            </div>
            <Scopes scopes={key.scopes} />
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-600">
              <dt>Created</dt>
              <dd>
                {formatDate(key.created_at)}{" "}
                {key.created_via === "cli" ? "via operator CLI" : key.created_by ? `by ${key.created_by.name}` : "by a removed user"}
                {key.minted_on_behalf && " (on behalf)"}
              </dd>
              <dt>Last used</dt>
              <dd>{key.last_used_at ? formatRelative(key.last_used_at) : "Never"}</dd>
              <dt>Expires</dt>
              <dd>{key.expires_at ? formatDate(key.expires_at) : "Never"}</dd>
            </dl>
            <div className="flex justify-start">
              <ActionButtons apiKey={key} actions={actions} />
            </div>
          </li>
        ))}
      </ul>
      <div className="hidden md:block">
        <KeysGrid keys={keys} actions={actions} />
      </div>
    </>
  );
}

function KeysGrid({ keys, actions }: { keys: ApiKey[]; actions: KeyActions }) {
  return (
    <Table label="API keys">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Key</TH>
          <TH>Scopes</TH>
          <TH>Status</TH>
          <TH>Created</TH>
          <TH>Last used</TH>
          <TH>Expires</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {keys.map((key) => (
          <TR key={key.id} className={key.status === "active" ? undefined : "bg-slate-50/50"} data-key-id={key.id}>
            <TD className="min-w-40 max-w-xs break-words font-medium text-slate-900 [overflow-wrap:anywhere]">{key.name}</TD>
            <TD className="whitespace-nowrap font-mono text-xs text-slate-600">
              {key.display_prefix}
              <KeyId id={key.id} />
              <div className="max-w-[14rem] whitespace-normal font-sans">
                <RotationNote apiKey={key} keys={keys} />
              </div>
            </TD>
            <TD>
              <Scopes scopes={key.scopes} />
            </TD>
            <TD>
              <Badge tone={STATUS[key.status].tone} dot>
                {STATUS[key.status].label}
              </Badge>
            </TD>
            <TD className="whitespace-nowrap">
              <time dateTime={key.created_at} title={formatDateTime(key.created_at)}>
                {formatDate(key.created_at)}
              </time>
              <div className="text-xs text-slate-500">
                {key.created_via === "cli" ? "via operator CLI" : key.created_by ? `by ${key.created_by.name}` : "by a removed user"}
              </div>
              {key.minted_on_behalf && (
                <Badge tone="amber" className="mt-1">
                  Minted on behalf
                </Badge>
              )}
            </TD>
            <TD className="whitespace-nowrap">
              {key.last_used_at ? (
                <time dateTime={key.last_used_at} title={formatDateTime(key.last_used_at)}>
                  {formatRelative(key.last_used_at)}
                </time>
              ) : (
                <span className="text-slate-500">Never</span>
              )}
            </TD>
            <TD className="whitespace-nowrap">
              {key.expires_at ? (
                <time dateTime={key.expires_at} title={formatDateTime(key.expires_at)}>
                  {formatDate(key.expires_at)}
                </time>
              ) : (
                <span className="text-slate-500">Never</span>
              )}
              {key.status === "revoked" && key.revoked_at && (
                <div className="text-xs text-slate-500">revoked {formatDate(key.revoked_at)}</div>
              )}
            </TD>
            <TD className="text-right">
              <ActionButtons apiKey={key} actions={actions} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

function Scopes({ scopes }: { scopes: readonly string[] }) {
  if (scopes.length === SCOPES.length) return <Badge tone="brand">All scopes</Badge>;
  return (
    <ul className="flex max-w-xs flex-wrap gap-1" aria-label="Scopes">
      {scopes.map((scope) => (
        <li key={scope}>
          <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{scope}</code>
        </li>
      ))}
    </ul>
  );
}
