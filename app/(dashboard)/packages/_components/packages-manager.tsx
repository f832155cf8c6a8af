"use client";
// /packages: the agency's packages and add-ons with price and duration. The owner (and platform
// admins acting for the agency: the manage_packages capability) creates, edits, retires and
// un-retires them; everyone else reads. "Show retired" (in the URL: ?retired=1) adds retired ones.
// A table from md up, cards on phones.
import { useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import type { PackageDto } from "@/server/api/routers/packages/schemas";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { LoadError, LoadingBlock } from "@/components/ui/query-state";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { useAgencyZone, useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatMoney } from "@/lib/format";
import { formatInZone } from "@/lib/time";
import { toDashboardError, trpc } from "@/lib/trpc";
import { PackageDialog } from "./package-form";

type Kind = PackageDto["kind"];

export function formatMinutes(minutes: number): string {
  if (minutes === 0) return "No extra time";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}

export function PackagesManager() {
  const me = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  // Shown at once, and kept in the address bar (a reload or a shared link keeps it).
  const [showRetired, setShowRetiredState] = useState(params.get("retired") === "1");
  const canManage = me.can.manage_packages;

  const query = useQuery({
    queryKey: ["packages.list", me.agency?.id, { include_retired: showRetired }],
    queryFn: () => trpc.packages.list.query({ include_retired: showRetired }),
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<{ editing: PackageDto | null; kind: Kind } | null>(null);
  const [confirm, setConfirm] = useState<PackageDto | null>(null);

  const setShowRetired = (on: boolean) => {
    setShowRetiredState(on);
    router.replace(on ? `${pathname}?retired=1` : pathname, { scroll: false });
  };
  const items = query.data ?? [];

  return (
    <div className="space-y-6">
      {!canManage && (
        <Alert tone="info" title="You can view packages">
          Only {me.agency?.name ?? "the agency"}&apos;s owner creates, edits and retires packages and add-ons.
        </Alert>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
            checked={showRetired}
            onChange={(event) => setShowRetired(event.target.checked)}
          />
          Show retired
        </label>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setDialog({ editing: null, kind: "package" })}>
              <Plus className="size-4" aria-hidden="true" />
              New package
            </Button>
            <Button variant="secondary" onClick={() => setDialog({ editing: null, kind: "add_on" })}>
              <Plus className="size-4" aria-hidden="true" />
              New add-on
            </Button>
          </div>
        )}
      </div>

      {query.isPending ? (
        <Card>
          <LoadingBlock label="Loading packages" className="p-5" lines={4} />
        </Card>
      ) : query.isError && !query.data ? (
        <LoadError title="Packages could not be loaded" error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
      ) : (
        (["package", "add_on"] as const).map((kind) => (
          <PackageSection
            key={kind}
            kind={kind}
            items={items.filter((p) => p.kind === kind)}
            dimmed={query.isPlaceholderData}
            showRetired={showRetired}
            canManage={canManage}
            onEdit={(p) => setDialog({ editing: p, kind: p.kind })}
            onToggleRetired={setConfirm}
          />
        ))
      )}

      <PackageDialog open={dialog !== null} onClose={() => setDialog(null)} editing={dialog?.editing ?? null} defaultKind={dialog?.kind} />
      <RetireDialog target={confirm} onClose={() => setConfirm(null)} />
    </div>
  );
}

function PackageSection({
  kind,
  items,
  dimmed,
  showRetired,
  canManage,
  onEdit,
  onToggleRetired,
}: {
  kind: Kind;
  items: PackageDto[];
  dimmed: boolean;
  showRetired: boolean;
  canManage: boolean;
  onEdit: (p: PackageDto) => void;
  onToggleRetired: (p: PackageDto) => void;
}) {
  const title = kind === "package" ? "Packages" : "Add-ons";
  const headingId = `packages-${kind}-title`;
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader
        id={headingId}
        title={title}
        description={kind === "package" ? "A listing is shot with one package; its minutes are the shoot's length." : "Sold with a package; their minutes are added to the shoot."}
      />
      {items.length === 0 ? (
        <EmptyState title={kind === "package" ? "No packages" : "No add-ons"}>
          {showRetired ? null : canManage ? `Create one with New ${kind === "package" ? "package" : "add-on"}.` : "None is offered yet."}
        </EmptyState>
      ) : (
        <div className={cn(dimmed && "opacity-60")}>
          <div className="hidden md:block">
            <Table label={title}>
              <THead>
                <tr>
                  <TH>Name</TH>
                  <TH>Code</TH>
                  <TH className="text-right">Price</TH>
                  <TH>Duration</TH>
                  <TH>Status</TH>
                  {canManage && (
                    <TH>
                      <span className="sr-only">Actions</span>
                    </TH>
                  )}
                </tr>
              </THead>
              <TBody>
                {items.map((p) => (
                  <TR key={p.code} data-package={p.code}>
                    <TD className="font-medium text-slate-900">{p.name}</TD>
                    <TD className="font-mono text-xs">{p.code}</TD>
                    <TD className="whitespace-nowrap text-right font-medium text-slate-900">{formatMoney(p.price_cents, p.currency)}</TD>
                    <TD className="whitespace-nowrap">{formatMinutes(p.duration_minutes)}</TD>
                    <TD>
                      <RetiredBadge pkg={p} />
                    </TD>
                    {canManage && (
                      <TD className="whitespace-nowrap text-right">
                        <RowActions pkg={p} onEdit={onEdit} onToggleRetired={onToggleRetired} />
                      </TD>
                    )}
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
          <ul className="divide-y divide-slate-100 md:hidden" aria-label={title}>
            {items.map((p) => (
              <li key={p.code} data-package={p.code} className="space-y-2 px-4 py-3 text-sm">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="break-words font-medium text-slate-900">{p.name}</p>
                    <p className="font-mono text-xs text-slate-500">{p.code}</p>
                  </div>
                  <span className="whitespace-nowrap font-medium text-slate-900">{formatMoney(p.price_cents, p.currency)}</span>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-slate-600">
                  <span>{formatMinutes(p.duration_minutes)}</span>
                  <RetiredBadge pkg={p} />
                </div>
                {canManage && (
                  <div className="flex flex-wrap gap-2">
                    <RowActions pkg={p} onEdit={onEdit} onToggleRetired={onToggleRetired} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Card>
  );
}

function RetiredBadge({ pkg }: { pkg: PackageDto }) {
  const zone = useAgencyZone();
  return pkg.retired_at ? (
    <Badge tone="gray">Retired {formatInZone(pkg.retired_at, zone, "date")}</Badge>
  ) : (
    <Badge tone="green" dot>
      Active
    </Badge>
  );
}

function RowActions({ pkg, onEdit, onToggleRetired }: { pkg: PackageDto; onEdit: (p: PackageDto) => void; onToggleRetired: (p: PackageDto) => void }) {
  return (
    <span className="inline-flex gap-2">
      <Button variant="secondary" size="sm" onClick={() => onEdit(pkg)} aria-label={`Edit ${pkg.name}`}>
        Edit
      </Button>
      <Button variant="secondary" size="sm" onClick={() => onToggleRetired(pkg)} aria-label={`${pkg.retired_at ? "Un-retire" : "Retire"} ${pkg.name}`}>
        {pkg.retired_at ? "Un-retire" : "Retire"}
      </Button>
    </span>
  );
}

function RetireDialog({ target, onClose }: { target: PackageDto | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const retiring = target ? target.retired_at === null : true;
  const noun = target?.kind === "add_on" ? "add-on" : "package";
  const change = useIdempotentMutation(
    (input: { code: string; retire: boolean }, context) =>
      input.retire ? trpc.packages.retire.mutate({ code: input.code }, { context }) : trpc.packages.unretire.mutate({ code: input.code }, { context }),
    {
      onSuccess: (saved) => {
        void queryClient.invalidateQueries({ queryKey: ["packages.list"] });
        toast.success(saved.retired_at ? `${saved.name} retired` : `${saved.name} is offered again`);
        setError(null);
        onClose();
      },
      onError: (e) => {
        const problem = toDashboardError(e);
        setError(problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message);
      },
    },
  );
  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          onClose();
        }
      }}
      title={target ? `${retiring ? "Retire" : "Un-retire"} ${target.name}?` : ""}
      description={
        target &&
        (retiring
          ? `New listings can no longer use the ${noun} ${target.code} (the API refuses it too). Past orders and listings keep it, and you can un-retire it later.`
          : `New listings can use the ${noun} ${target.code} again.`)
      }
      confirmLabel={retiring ? `Retire ${noun}` : `Un-retire ${noun}`}
      tone={retiring ? "danger" : "primary"}
      pending={change.isPending}
      onConfirm={() => target && change.mutate({ code: target.code, retire: retiring })}
    >
      {error && <Alert tone="error">{error}</Alert>}
    </ConfirmDialog>
  );
}
