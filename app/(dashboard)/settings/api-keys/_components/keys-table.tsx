"use client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { SCOPES } from "@/server/auth/scopes";
import { formatDate, formatDateTime, formatRelative } from "@/lib/format";
import type { RouterOutputs } from "@/lib/trpc";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

const STATUS: Record<ApiKey["status"], { label: string; tone: BadgeTone }> = {
  active: { label: "Active", tone: "green" },
  revoked: { label: "Revoked", tone: "red" },
  expired: { label: "Expired", tone: "amber" },
};

/** The keys as a table on wider screens and as a list of cards on a phone (no sideways scrolling). */
export function KeysTable({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="API keys">
        {keys.map((key) => (
          <li key={key.id} className="space-y-2 px-5 py-4 text-sm">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900">{key.name}</p>
                <p className="font-mono text-xs text-slate-600">{key.display_prefix}</p>
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
            {key.status === "active" && (
              <Button variant="secondary" size="sm" className="text-red-700" onClick={() => onRevoke(key)}>
                Revoke<span className="sr-only"> {key.name}</span>
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="hidden md:block">
        <KeysGrid keys={keys} onRevoke={onRevoke} />
      </div>
    </>
  );
}

function KeysGrid({ keys, onRevoke }: { keys: ApiKey[]; onRevoke: (key: ApiKey) => void }) {
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
          <TR key={key.id} className={key.status === "active" ? undefined : "bg-slate-50/50"}>
            <TD className="font-medium text-slate-900">{key.name}</TD>
            <TD className="whitespace-nowrap font-mono text-xs text-slate-600">{key.display_prefix}</TD>
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
              {key.status === "active" && (
                <Button variant="secondary" size="sm" className="text-red-700" onClick={() => onRevoke(key)}>
                  Revoke
                </Button>
              )}
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
