"use client";
// Platform admins choose the agency they act for. The choice is stored server-side (httpOnly
// cookie, set by the actForAgency server action, which re-checks who is asking).
import { useId, useState, useTransition } from "react";
import { usePathname, useRouter } from "next/navigation";
import { Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/button";
import { actForAgency } from "../_actions/acting-agency";
import { AGENCY_KIND_LABELS } from "@/lib/format";

export interface AgencyOption {
  id: string;
  name: string;
  kind: string;
}

/** Calls the server action and, on success, reloads the current screen without its paging state. */
export function useActForAgency() {
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
      // Cursors and filters of one agency mean nothing in another.
      router.replace(pathname);
      router.refresh();
    });
  };
  return { choose, pending, error };
}

export function AgencySwitcher({ agencies, currentId }: { agencies: AgencyOption[]; currentId: string | null }) {
  const id = useId();
  const { choose, pending, error } = useActForAgency();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="whitespace-nowrap text-xs font-medium uppercase tracking-wide text-slate-500">
        Acting for
      </label>
      <Select
        id={id}
        className="h-8 w-56 py-1"
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
      {pending && <Spinner className="text-slate-400" />}
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
