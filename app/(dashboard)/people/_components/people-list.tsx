"use client";
// Everyone as a table from md up and as a card list on a phone (nothing scrolls sideways), each
// with a menu of what a people manager may do to them.
import { MoreHorizontal } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { useAgencyZone } from "@/components/dashboard/providers";
import { ROLE_LABELS } from "@/lib/format";
import { formatInZone } from "@/lib/time";
import type { Person } from "./queries";

export type PersonAction = "role" | "team" | "deactivate" | "reactivate";

interface ListProps {
  people: Person[];
  canManage: boolean;
  selfId: string;
  onAction: (action: PersonAction, person: Person) => void;
  /** The person being reactivated right now. */
  pendingId?: string;
}

export function PeopleList(props: ListProps) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="People">
        {props.people.map((person) => (
          <PersonCard key={person.id} person={person} {...props} />
        ))}
      </ul>
      <div className="hidden md:block">
        <PeopleTable {...props} />
      </div>
    </>
  );
}

function Status({ person }: { person: Person }) {
  const zone = useAgencyZone();
  if (!person.deactivated_at) return <Badge tone="green" dot>Active</Badge>;
  return (
    <span className="inline-flex flex-col items-start gap-0.5">
      <Badge tone="gray" dot>
        Deactivated
      </Badge>
      <span className="text-xs text-slate-600">since {formatInZone(person.deactivated_at, zone, "date")}</span>
    </span>
  );
}

function TeamName({ person }: { person: Person }) {
  return person.team ? <span>{person.team.name}</span> : <span className="text-slate-500">No team</span>;
}

function PersonMenu({ person, selfId, onAction, pendingId }: Omit<ListProps, "people" | "canManage"> & { person: Person }) {
  const active = !person.deactivated_at;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={`Actions for ${person.name}`} loading={pendingId === person.id}>
          {pendingId !== person.id && <MoreHorizontal className="size-4" aria-hidden="true" />}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem onSelect={() => onAction("role", person)}>Change role…</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onAction("team", person)}>Move to team…</DropdownMenuItem>
        {(person.id !== selfId || !active) && <DropdownMenuSeparator />}
        {active
          ? person.id !== selfId && (
              <DropdownMenuItem className="text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-800" onSelect={() => onAction("deactivate", person)}>
                Deactivate…
              </DropdownMenuItem>
            )
          : <DropdownMenuItem onSelect={() => onAction("reactivate", person)}>Reactivate</DropdownMenuItem>}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

function Who({ person, selfId }: { person: Person; selfId: string }) {
  return (
    <div className="min-w-0">
      <p className="break-words font-medium text-slate-900">
        {person.name}
        {person.id === selfId && <span className="ml-1.5 text-xs font-normal text-slate-600">(you)</span>}
      </p>
      <p className="break-all text-sm text-slate-600">{person.email}</p>
    </div>
  );
}

function PersonCard({ person, canManage, ...rest }: ListProps & { person: Person }) {
  return (
    <li className={cn("space-y-2 px-5 py-4 text-sm", person.deactivated_at && "bg-slate-50/60")} aria-label={person.name}>
      <div className="flex items-start justify-between gap-3">
        <Who person={person} selfId={rest.selfId} />
        {canManage && <PersonMenu person={person} {...rest} />}
      </div>
      <dl className="grid grid-cols-[auto_1fr] items-start gap-x-3 gap-y-1 text-slate-700">
        <dt className="text-slate-600">Role</dt>
        <dd>{ROLE_LABELS[person.role] ?? person.role}</dd>
        <dt className="text-slate-600">Team</dt>
        <dd>
          <TeamName person={person} />
        </dd>
        <dt className="text-slate-600">Status</dt>
        <dd>
          <Status person={person} />
        </dd>
      </dl>
    </li>
  );
}

function PeopleTable({ people, canManage, ...rest }: ListProps) {
  return (
    <Table label="People">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Role</TH>
          <TH>Team</TH>
          <TH>Status</TH>
          {canManage && (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          )}
        </tr>
      </THead>
      <TBody>
        {people.map((person) => (
          <TR key={person.id} className={person.deactivated_at ? "bg-slate-50/60" : undefined}>
            <TD>
              <Who person={person} selfId={rest.selfId} />
            </TD>
            <TD className="whitespace-nowrap">{ROLE_LABELS[person.role] ?? person.role}</TD>
            <TD>
              <TeamName person={person} />
            </TD>
            <TD>
              <Status person={person} />
            </TD>
            {canManage && (
              <TD className="text-right">
                <PersonMenu person={person} {...rest} />
              </TD>
            )}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
