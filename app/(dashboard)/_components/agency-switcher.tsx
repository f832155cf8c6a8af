"use client";
// Platform admins choose the agency they act for. The choice is stored server-side (httpOnly
// cookie, set by the actForAgency server action, which re-checks who is asking).
import { useId, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { actForAgency } from "../_actions/acting-agency";
import { AGENCY_KIND_LABELS } from "@/lib/format";

export interface AgencyOption {
  id: string;
  name: string;
  kind: string;
}

/** Calls the server action and, on success, reloads the current screen without its paging state. */
export function useActForAgency(onChosen?: () => void) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const choose = (agencyId: string) => {
    setError(null);
    startTransition(async () => {
      const result = await actForAgency(agencyId);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      onChosen?.();
      // Cursors and filters of one agency mean nothing in another: drop them, unless the user has
      // already gone to another page meanwhile (replacing would take them back).
      if (window.location.pathname === pathname) router.replace(pathname);
      router.refresh();
    });
  };
  return { choose, pending, error };
}

export function AgencySwitcher({
  agencies,
  currentId,
  stacked = false,
  onChosen,
}: {
  agencies: AgencyOption[];
  currentId: string | null;
  /** Label above a full-width select (the phone menu) instead of beside it. */
  stacked?: boolean;
  onChosen?: () => void;
}) {
  const id = useId();
  const { choose, pending, error } = useActForAgency(onChosen);
  return (
    <div className={stacked ? "space-y-1.5" : "flex items-center gap-2"}>
      <label htmlFor={id} className={cn("whitespace-nowrap text-xs font-medium uppercase tracking-wide text-slate-600", stacked && "block")}>
        Acting for
      </label>
      <Select
        id={id}
        className={stacked ? "h-10 w-full" : "h-8 w-auto max-w-xs py-1"}
        value={currentId ?? ""}
        disabled={pending}
        onChange={(event) => event.target.value && choose(event.target.value)}
      >
        {!currentId && (
          <option value="" disabled>
            Choose an agency…
          </option>
        )}
        {agencies.map((agency) => (
          <option key={agency.id} value={agency.id}>
            {agency.name} ({AGENCY_KIND_LABELS[agency.kind] ?? agency.kind})
          </option>
        ))}
      </Select>
      {pending && <Spinner className="text-slate-500" />}
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
