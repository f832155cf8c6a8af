// An agency's teams (dashboard-only; changes need `manage_people`): list, create, rename, and
// moving a user into a team or out of every team. A team's name is unique in its agency, ignoring
// case ("East" and "east" would be the same team to anyone reading the People screen); the unique
// index on (agency, name) decides a race between two creations of one name.
import type { AgencyScope } from "../db/tenant";
import { isUniqueViolation } from "../db/errors";
import { AppError } from "../errors";
import { newId } from "../ids";

export interface TeamDto {
  id: string;
  name: string;
  /** Active members (deactivated users keep their team but are not counted). */
  member_count: number;
  created_at: string;
}

type Db = AgencyScope["db"];
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const nameTaken = (name: string) =>
  new AppError("conflict", `Your agency already has a team called “${name}”.`, [{ field: "name", message: "is already the name of another team" }]);

const teamNotFound = (id: string) => new AppError("not_found", `No team ${id} exists in your agency.`);

async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const clash = await tx.team.findFirst({
    where: { name: { equals: name, mode: "insensitive" }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { name: true },
  });
  if (clash) throw nameTaken(clash.name);
}

async function toDto(tx: Tx | Db, team: { id: string; name: string; createdAt: Date }): Promise<TeamDto> {
  const members = await tx.user.count({ where: { teamId: team.id, disabledAt: null } });
  return { id: team.id, name: team.name, member_count: members, created_at: team.createdAt.toISOString() };
}

/** The agency's teams by name, with how many active people are in each. */
export async function listTeams({ db }: AgencyScope): Promise<TeamDto[]> {
  const teams = await db.team.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, createdAt: true, users: { where: { disabledAt: null }, select: { id: true } } },
  });
  return teams.map((team) => ({ id: team.id, name: team.name, member_count: team.users.length, created_at: team.createdAt.toISOString() }));
}

export async function createTeam({ db, agencyId }: AgencyScope, input: { name: string }): Promise<TeamDto> {
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, input.name);
      const team = await tx.team.create({ data: { id: newId("team"), agencyId, name: input.name }, select: { id: true, name: true, createdAt: true } });
      return toDto(tx, team);
    });
  } catch (error) {
    if (isUniqueViolation(error, "name")) throw nameTaken(input.name);
    throw error;
  }
}

/** Renames a team; renaming it to its own name (or a change of case only) is allowed. */
export async function renameTeam({ db }: AgencyScope, input: { id: string; name: string }): Promise<TeamDto> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.team.findFirst({ where: { id: input.id }, select: { id: true } });
      if (!existing) throw teamNotFound(input.id);
      await assertNameFree(tx, input.name, input.id);
      const team = await tx.team.update({ where: { id: input.id }, data: { name: input.name }, select: { id: true, name: true, createdAt: true } });
      return toDto(tx, team);
    });
  } catch (error) {
    if (isUniqueViolation(error, "name")) throw nameTaken(input.name);
    throw error;
  }
}

/**
 * Puts a user in a team, or in none (`teamId` null). Another agency's user is 404; another
 * agency's team is 422 invalid_reference on `team_id`. Deactivated users may be moved too (their
 * team is kept for when they come back).
 */
export async function moveUserToTeam({ db }: AgencyScope, input: { user_id: string; team_id: string | null }) {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: input.user_id }, select: { id: true } });
    if (!user) throw new AppError("not_found", `No user ${input.user_id} exists in your agency.`);
    if (input.team_id) {
      const team = await tx.team.findFirst({ where: { id: input.team_id }, select: { id: true } });
      if (!team) throw new AppError("invalid_reference", `team_id: no team ${input.team_id} exists in your agency.`, [{ field: "team_id", message: "is not a team of your agency" }]);
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { teamId: input.team_id },
      select: { id: true, name: true, team: { select: { id: true, name: true } } },
    });
    return { user_id: updated.id, name: updated.name, team: updated.team };
  });
}
