"use client";
// The People screen's state: the people and teams queries, which dialog is open, and the write
// controls only for those whose role has manage_people (session.me's `can`, the server's table).
import { useState } from "react";
import { UserPlus } from "lucide-react";
import { Card, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { QueryState } from "@/components/ui/query-state";
import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";
import { useMe } from "@/components/dashboard/providers";
import { PeopleList, type PersonAction } from "./people-list";
import { AddPersonDialog } from "./add-person-dialog";
import { ChangeRoleDialog, DeactivateDialog, MoveTeamDialog, useReactivate } from "./person-dialogs";
import { TeamsCard } from "./teams-card";
import { usePeople, useTeams, type Person } from "./queries";

export function PeopleManager() {
  const me = useMe();
  const canManage = me.can.manage_people;
  const people = usePeople();
  const teams = useTeams();
  const [adding, setAdding] = useState(false);
  const [firstPassword, setFirstPassword] = useState<{ password: string; name: string; email: string } | null>(null);
  const [action, setAction] = useState<{ kind: Exclude<PersonAction, "reactivate">; person: Person } | null>(null);
  const reactivate = useReactivate();

  const onAction = (kind: PersonAction, person: Person) => {
    if (kind === "reactivate") reactivate.mutate({ id: person.id });
    else setAction({ kind, person });
  };

  return (
    <div className="space-y-6">
      {canManage && me.is_platform_admin && me.agency && (
        <Alert tone="info" title={`Acting for ${me.agency.name}`}>
          People you add or change here belong to {me.agency.name}; their history records you as a platform admin acting on its behalf.
        </Alert>
      )}
      <Card aria-labelledby="people-title">
        <CardHeader
          id="people-title"
          title="Everyone"
          description={canManage ? "Add people, change their role or team, and deactivate those who leave." : "Only the agency's owner changes people and teams."}
          actions={
            canManage && (
              <Button onClick={() => setAdding(true)}>
                <UserPlus className="size-4" aria-hidden="true" />
                Add person
              </Button>
            )
          }
        />
        <div className={people.isPending || people.isError ? "p-5" : undefined}>
          <QueryState query={people} label="Loading people" errorTitle="People could not be loaded" isEmpty={(list) => list.length === 0} empty="Nobody here yet">
            {(list) => <PeopleList people={list} canManage={canManage} selfId={me.user.id} onAction={onAction} pendingId={reactivate.isPending ? reactivate.variables?.id : undefined} />}
          </QueryState>
        </div>
      </Card>

      <TeamsCard teams={teams} canManage={canManage} />

      {canManage && (
        <>
          <AddPersonDialog
            open={adding}
            teams={teams.data ?? []}
            onClose={() => setAdding(false)}
            onAdded={(added) => {
              setAdding(false);
              if (added.generated_password) setFirstPassword({ password: added.generated_password, name: added.user.name, email: added.user.email });
            }}
          />
          <OneTimeSecretDialog
            secret={firstPassword?.password ?? null}
            onClose={() => setFirstPassword(null)}
            title={firstPassword ? `${firstPassword.name}'s first password` : "First password"}
            description={
              firstPassword ? (
                <>
                  They sign in at <span className="font-medium text-slate-900">/signin</span> as <span className="font-medium text-slate-900">{firstPassword.email}</span>{" "}
                  with this password, then choose their own under Your profile.
                </>
              ) : null
            }
            label="First password"
            warningTitle="This password will not be shown again"
            warning={<>Give it to them now, in person or through a channel you trust. Valara stores only a hash of it and cannot show it again.</>}
          />
          <ChangeRoleDialog person={action?.kind === "role" ? action.person : null} onClose={() => setAction(null)} />
          <MoveTeamDialog person={action?.kind === "team" ? action.person : null} teams={teams.data ?? []} onClose={() => setAction(null)} />
          <DeactivateDialog person={action?.kind === "deactivate" ? action.person : null} onClose={() => setAction(null)} />
        </>
      )}
    </div>
  );
}
