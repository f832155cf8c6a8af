"use client";
// What a platform admin sees before choosing an agency: every dashboard screen acts for one.
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { AGENCY_KIND_LABELS } from "@/lib/format";
import { useActForAgency } from "./agency-switcher";

export interface AgencySummary {
  id: string;
  slug: string;
  name: string;
  kind: string;
  users: number;
  listings: number;
  api_keys: number;
}

export function ChooseAgency({ agencies }: { agencies: AgencySummary[] }) {
  const { choose, pending, error } = useActForAgency();
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Choose an agency to act for"
        description="As a platform admin you belong to no agency. Pick the agency whose listings and API keys you want to work with; you can switch at any time from the header (on a phone, from the menu)."
      />
      <Card aria-label="Agencies">
        {error && <Alert tone="error" className="m-5">{error}</Alert>}
        {agencies.length === 0 ? (
          <EmptyState title="No agencies yet">Create one with the operator CLI: npm run cli -- agency create.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {agencies.map((agency) => (
              <li key={agency.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <div className="min-w-0">
                  <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                    {agency.name}
                    <Badge tone={agency.kind === "broker" ? "violet" : "brand"}>{AGENCY_KIND_LABELS[agency.kind] ?? agency.kind}</Badge>
                  </p>
                  <p className="mt-0.5 text-sm text-slate-500">
                    {agency.slug} · {agency.users} users · {agency.listings} listings · {agency.api_keys} API keys
                  </p>
                </div>
                <Button variant="secondary" size="sm" disabled={pending} onClick={() => choose(agency.id)}>
                  Act for {agency.name}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
