"use client";
// Client-side state of the dashboard: the react-query cache and who is signed in (session.me,
// loaded by the layout on the server). A call that finds the session gone sends the user to
// /signin and back.
import { createContext, useContext, useState, type ReactNode } from "react";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { toDashboardError, type Me } from "@/lib/trpc";
import { Toaster } from "@/components/ui/toaster";

const MeContext = createContext<Me | null>(null);

export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe() outside the dashboard layout");
  return me;
}

/** The IANA zone the signed-in user's agency works in (UTC before a platform admin picks an agency). */
export function useAgencyZone(): string {
  return useMe().agency?.timezone ?? "UTC";
}

function onSessionLost(error: unknown) {
  if (toDashboardError(error).code !== "authentication_required") return;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/signin?callbackUrl=${encodeURIComponent(here)}`);
}

export function DashboardProviders({ me, children }: { me: Me; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: onSessionLost }),
        mutationCache: new MutationCache({ onError: onSessionLost }),
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            refetchOnWindowFocus: false,
            // Valara's own errors (4xx) will not change on retry; a dropped connection might.
            retry: (failures, error) => failures < 2 && toDashboardError(error).code === "network_error",
          },
        },
      }),
  );
  return (
    <MeContext.Provider value={me}>
      <QueryClientProvider client={queryClient}>
        {children}
        <Toaster />
      </QueryClientProvider>
    </MeContext.Provider>
  );
}
