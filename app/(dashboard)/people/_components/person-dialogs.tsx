"use client";
// One change to one person at a time: role, team, deactivation (confirmed first), reactivation.
// A refusal (the last owner, yourself) is shown in the server's words inside the dialog.
import { useEffect, useState } from "react";
import { AGENCY_ROLES, type AgencyRole } from "@/server/auth/scopes";
import { Dialog } from "@/components/ui/dialog";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/input";
import { toast, toastError } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { ROLE_LABELS } from "@/lib/format";
import { trpc, toDashboardError, type DashboardError } from "@/lib/trpc";
import { useRefreshPeople, type Person, type Team } from "./queries";

export const ROLE_HINTS: Record<AgencyRole, string> = {
  owner: "Everything, including people, API keys, scheduling and packages.",
  team_member: "Listings, media and invoices.",
  agent: "Listings and media; can be a listing's agent.",
  assistant: "Listings and media, not as a listing's agent.",
  viewer: "Reads everything, changes nothing.",
};

function Problem({ problem }: { problem: DashboardError | null }) {
  if (!problem) return null;
  return (
    <Alert tone="error" title="That did not work">
      <p>{problem.message}</p>
      {problem.requestId && <p className="mt-1 text-xs">Request id: <span className="font-mono">{problem.requestId}</span></p>}
    </Alert>
  );
}

export function ChangeRoleDialog({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const refresh = useRefreshPeople();
  const [role, setRole] = useState<AgencyRole>("agent");
  const [problem, setProblem] = useState<DashboardError | null>(null);
  useEffect(() => {
    if (person) {
      setRole(person.role);
      setProblem(null);
    }
  }, [person]);
  const change = useIdempotentMutation((input: { id: string; role: AgencyRole }, context) => trpc.users.changeRole.mutate(input, { context }), {
    onSuccess: async (updated) => {
      toast.success(`${updated.name} is now ${ROLE_LABELS[updated.role]?.toLowerCase() ?? updated.role}`);
      onClose();
      await refresh();
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  return (
    <Dialog
      open={person !== null}
      onClose={() => !change.isPending && onClose()}
      title={person ? `Change ${person.name}'s role` : "Change role"}
      description="The new role applies at once, on their next click."
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={change.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="change-role-form" loading={change.isPending}>
            Change role
          </Button>
        </>
      }
    >
      <form
        id="change-role-form"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!person) return;
          setProblem(null);
          change.mutate({ id: person.id, role });
        }}
      >
        <Problem problem={problem} />
        <Field id="change-role" label="Role" hint={ROLE_HINTS[role]}>
          <Select id="change-role" aria-describedby="change-role-hint" value={role} onChange={(event) => setRole(event.target.value as AgencyRole)}>
            {AGENCY_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
      </form>
    </Dialog>
  );
}

export function MoveTeamDialog({ person, teams, onClose }: { person: Person | null; teams: Team[]; onClose: () => void }) {
  const refresh = useRefreshPeople();
  const [teamId, setTeamId] = useState("");
  const [problem, setProblem] = useState<DashboardError | null>(null);
  useEffect(() => {
    if (person) {
      setTeamId(person.team?.id ?? "");
      setProblem(null);
    }
  }, [person]);
  const move = useIdempotentMutation((input: { user_id: string; team_id: string | null }, context) => trpc.users.moveToTeam.mutate(input, { context }), {
    onSuccess: async (moved) => {
      toast.success(moved.team ? `${moved.name} is in ${moved.team.name}` : `${moved.name} is in no team`);
      onClose();
      await refresh();
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  return (
    <Dialog
      open={person !== null}
      onClose={() => !move.isPending && onClose()}
      title={person ? `Move ${person.name}` : "Move to team"}
      description={teams.length === 0 ? "Your agency has no teams yet: create one under Teams first." : "Pick their team, or no team."}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={move.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="move-team-form" loading={move.isPending}>
            Move
          </Button>
        </>
      }
    >
      <form
        id="move-team-form"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!person) return;
          setProblem(null);
          move.mutate({ user_id: person.id, team_id: teamId || null });
        }}
      >
        <Problem problem={problem} />
        <Field id="move-team" label="Team">
          <Select id="move-team" value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            <option value="">No team</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </Select>
        </Field>
      </form>
    </Dialog>
  );
}

export function DeactivateDialog({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const refresh = useRefreshPeople();
  const [problem, setProblem] = useState<DashboardError | null>(null);
  useEffect(() => setProblem(null), [person]);
  const deactivate = useIdempotentMutation((input: { id: string }, context) => trpc.users.deactivate.mutate(input, { context }), {
    onSuccess: async (updated) => {
      toast.success(`${updated.name} was deactivated`, { description: "They can no longer sign in." });
      onClose();
      await refresh();
    },
    onError: (error) => setProblem(toDashboardError(error)),
  });
  return (
    <ConfirmDialog
      open={person !== null}
      onOpenChange={(open) => !open && onClose()}
      title={person ? `Deactivate ${person.name}?` : "Deactivate"}
      description={
        <>
          They are signed out at once and can no longer sign in, and they leave the people pickers. Listings they are on keep their name. You can
          reactivate them later.
        </>
      }
      confirmLabel="Deactivate"
      tone="danger"
      pending={deactivate.isPending}
      onConfirm={() => person && deactivate.mutate({ id: person.id })}
    >
      {problem && <Problem problem={problem} />}
    </ConfirmDialog>
  );
}

export function useReactivate() {
  const refresh = useRefreshPeople();
  return useIdempotentMutation((input: { id: string }, context) => trpc.users.reactivate.mutate(input, { context }), {
    onSuccess: async (updated) => {
      toast.success(`${updated.name} was reactivated`, { description: "They can sign in again with their password." });
      await refresh();
    },
    onError: (error) => toastError("Could not reactivate", error),
  });
}
