"use client";
// Query keys of the webhooks screens (per agency: a platform admin can switch) and the one change
// both screens offer, enabling or disabling an endpoint.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { trpc } from "@/lib/trpc";

export const webhookKeys = {
  list: (agencyId: string) => ["webhooks.list", agencyId] as const,
  endpoint: (agencyId: string, endpointId: string) => ["webhooks.get", agencyId, endpointId] as const,
  deliveries: (agencyId: string, endpointId: string) => ["webhooks.deliveries", agencyId, endpointId] as const,
};

/** After a change: whatever shows endpoints or deliveries loads again. */
export function invalidateWebhooks(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ predicate: (query) => String(query.queryKey[0]).startsWith("webhooks.") });
}

export function useSetEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ endpointId, enabled }: { endpointId: string; enabled: boolean }) =>
      trpc.webhooks.update.mutate({ endpoint_id: endpointId, enabled }),
    onSettled: () => invalidateWebhooks(queryClient),
  });
}
