"use client";
// Each usable key's budgets (requests per 60 s, with any override) and how much of each it used in
// the last 60 seconds (the window slides); refreshed every 15 seconds.
import { useQuery } from "@tanstack/react-query";
import { Card, CardHeader } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { trpc, type RouterOutputs } from "@/lib/trpc";

type ApiKey = RouterOutputs["apiKeys"]["list"][number];

export function KeyUsage({ agencyId, keys }: { agencyId: string; keys: ApiKey[] }) {
  const usage = useQuery({ queryKey: ["apiKeys.usage", agencyId], queryFn: () => trpc.apiKeys.usage.query(), refetchInterval: 15_000 });
  return (
    <Card aria-labelledby="usage-title">
      <CardHeader
        id="usage-title"
        title="Rate limits and use in the last minute"
        description="Each budget is counted per key over the last 60 seconds; all of the agency's keys together also share a ceiling."
      />
      <div className="px-5 py-4">
        <QueryState query={usage} label="Loading usage" errorTitle="Usage could not be loaded" isEmpty={(data) => data.keys.length === 0} empty={usage.data?.counted === false ? "Usage is not available right now (the counters cannot be reached)." : "No usable keys"}>
          {(data) => (
            <div className="space-y-2">
              {data.keys.map((row) => {
                const key = keys.find((k) => k.id === row.key_id);
                const used = row.budgets.filter((b) => b.used > 0);
                const total = used.reduce((sum, b) => sum + b.used, 0);
                return (
                  <details key={row.key_id} className="rounded-lg border border-slate-200 px-4 py-3 text-sm" data-testid={`usage-${row.key_id}`}>
                    <summary className="cursor-pointer font-medium text-slate-900 [overflow-wrap:anywhere]">
                      {key?.name ?? row.key_id} <span className="font-mono text-xs font-normal text-slate-600">{key?.display_prefix}</span>
                      <span className="ml-2 font-normal text-slate-600">
                        {total === 0 ? "no requests in the last minute" : `${total} request${total === 1 ? "" : "s"} in the last minute`}
                      </span>
                    </summary>
                    <table className="mt-3 w-full text-left text-sm">
                      <caption className="sr-only">Budgets of {key?.name ?? row.key_id}</caption>
                      <thead className="text-xs text-slate-500">
                        <tr>
                          <th scope="col" className="py-1 pr-3 font-medium">Budget</th>
                          <th scope="col" className="py-1 pr-3 text-right font-medium">Used</th>
                          <th scope="col" className="py-1 text-right font-medium">Limit / 60 s</th>
                        </tr>
                      </thead>
                      <tbody className="divide-y divide-slate-100">
                        {row.budgets.map((budget) => (
                          <tr key={budget.budget} className={budget.used >= budget.limit ? "text-red-700" : undefined}>
                            <td className="py-1 pr-3">
                              <code className="break-all font-mono text-xs">{budget.budget}</code>
                            </td>
                            <td className="py-1 pr-3 text-right tabular-nums">{budget.used}</td>
                            <td className="py-1 text-right tabular-nums">{budget.limit}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                );
              })}
            </div>
          )}
        </QueryState>
      </div>
    </Card>
  );
}
