"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMe } from "@/components/dashboard/providers";
import { trpc, type RouterOutputs } from "@/lib/trpc";

export type Person = RouterOutputs["users"]["people"][number];
export type Team = RouterOutputs["teams"]["list"][number];

export function usePeople() {
  const me = useMe();
  return useQuery({ queryKey: ["users.people", me.agency?.id], queryFn: () => trpc.users.people.query() });
}

export function useTeams() {
  const me = useMe();
  return useQuery({ queryKey: ["teams.list", me.agency?.id], queryFn: () => trpc.teams.list.query() });
}

/** After any change to people or teams: the lists here and the pickers elsewhere (users.list). */
export function useRefreshPeople() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ["users.people"] }),
      queryClient.invalidateQueries({ queryKey: ["teams.list"] }),
      queryClient.invalidateQueries({ queryKey: ["users.list"] }),
    ]);
}
