"use client";
// The agency's teams with how many active people each has; people managers create and rename
// them (a name is unique in the agency, ignoring case: the server says so on the field).
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { UseQueryResult } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { CreateTeamInput } from "@/server/api/routers/teams/schemas";
import { Card, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { QueryState } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError } from "@/lib/trpc";
import { useRefreshPeople, type Team } from "./queries";

export function TeamsCard({ teams, canManage }: { teams: UseQueryResult<Team[]>; canManage: boolean }) {
  const [editing, setEditing] = useState<{ team: Team | null } | null>(null);
  return (
    <Card aria-labelledby="teams-title">
      <CardHeader
        id="teams-title"
        title="Teams"
        description="Group people, e.g. by region or office. Move someone into a team from their menu above."
        actions={
          canManage && (
            <Button variant="secondary" onClick={() => setEditing({ team: null })}>
              <Plus className="size-4" aria-hidden="true" />
              New team
            </Button>
          )
        }
      />
      <div className={teams.isPending || teams.isError ? "p-5" : undefined}>
        <QueryState
          query={teams}
          label="Loading teams"
          errorTitle="Teams could not be loaded"
          isEmpty={(list) => list.length === 0}
          empty={<EmptyState title="No teams yet">{canManage ? "Create one to group people." : null}</EmptyState>}
        >
          {(list) => (
            <ul className="divide-y divide-slate-100" aria-label="Teams">
              {list.map((team) => (
                <li key={team.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3 text-sm">
                  <div className="min-w-0">
                    <p className="break-words font-medium text-slate-900">{team.name}</p>
                    <p className="text-slate-600">{team.member_count === 1 ? "1 person" : `${team.member_count} people`}</p>
                  </div>
                  {canManage && (
                    <Button variant="secondary" size="sm" onClick={() => setEditing({ team })}>
                      Rename<span className="sr-only"> {team.name}</span>
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
      {canManage && <TeamNameDialog editing={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}

type NameInput = { name: string };

function TeamNameDialog({ editing, onClose }: { editing: { team: Team | null } | null; onClose: () => void }) {
  const refresh = useRefreshPeople();
  const team = editing?.team ?? null;
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<NameInput>({ resolver: zodResolver(CreateTeamInput), defaultValues: { name: "" } });
  useEffect(() => {
    if (editing) {
      reset({ name: editing.team?.name ?? "" });
      setFormError(null);
    }
  }, [editing, reset]);

  const onError = (error: unknown) => {
    const problem = toDashboardError(error);
    const onName = problem.details.find((d) => d.field === "name");
    if (onName) setError("name", { message: onName.message }, { shouldFocus: true });
    else setFormError(problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message);
  };
  const done = async (message: string) => {
    toast.success(message);
    onClose();
    await refresh();
  };
  const create = useIdempotentMutation((input: NameInput, context) => trpc.teams.create.mutate(input, { context }), {
    onSuccess: (created) => done(`Team “${created.name}” created`),
    onError,
  });
  const rename = useIdempotentMutation((input: { id: string; name: string }, context) => trpc.teams.rename.mutate(input, { context }), {
    onSuccess: (renamed) => done(`Team renamed to “${renamed.name}”`),
    onError,
  });
  const pending = create.isPending || rename.isPending;

  return (
    <Dialog
      open={editing !== null}
      onClose={() => !pending && onClose()}
      title={team ? `Rename “${team.name}”` : "New team"}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="team-name-form" loading={pending}>
            {team ? "Rename team" : "Create team"}
          </Button>
        </>
      }
    >
      <form
        id="team-name-form"
        noValidate
        className="space-y-4"
        onSubmit={handleSubmit((values) => {
          setFormError(null);
          if (team) rename.mutate({ id: team.id, name: values.name });
          else create.mutate({ name: values.name });
        })}
      >
        {formError && <Alert tone="error">{formError}</Alert>}
        <Field id="team-name" label="Team name" error={errors.name?.message}>
          <Input autoComplete="off" maxLength={100} {...fieldAria("team-name", errors.name?.message)} {...register("name")} />
        </Field>
      </form>
    </Dialog>
  );
}
