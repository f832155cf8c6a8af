// Adding a person to an agency: the one code path behind the operator CLI's `user create` (via
// server/agencies/agencies.ts) and the dashboard's "Add person" (users.create). The user row and
// its user.created event are written in one transaction; the password (given, or generated and
// returned once) is hashed before the transaction opens, so argon2 never holds it open.
import type { AgencyScope } from "../db/tenant";
import { isUniqueViolation } from "../db/errors";
import { newId } from "../ids";
import { AppError } from "../errors";
import { randomBytes } from "node:crypto";
import { hashPassword } from "../auth/passwords";
import type { AgencyRole } from "../auth/scopes";
import { emitEvent } from "../webhooks/emit";
import type { EventActor } from "../webhooks/actor";
import type { PersonDto } from "./manage-users";

/** A readable random password (120 bits) for accounts created without one; shown once. */
export const generatePassword = () => randomBytes(15).toString("base64url");

export const emailTaken = (email: string) =>
  new AppError("conflict", `A user with email ${email} already exists.`, [{ field: "email", message: "is already taken" }]);

/** Any client that acts for one agency: the tenant-scoped client or one of its transactions. */
type AgencyDb = AgencyScope["db"];
type Tx = Parameters<Parameters<AgencyDb["$transaction"]>[0]>[0];

export interface NewAgencyUser {
  email: string;
  name: string;
  role: AgencyRole;
  /** Omitted: one is generated and returned once as `generatedPassword`. */
  password?: string | null;
  /**
   * The team: an existing one by id (another agency's is 422 invalid_reference naming `field`),
   * or by name, created if the agency has none by that name yet (the CLI's `--team East`).
   */
  team?: { id: string; field?: string } | { name: string } | null;
}

const select = { id: true, name: true, email: true, role: true, disabledAt: true, createdAt: true, team: { select: { id: true, name: true } } } as const;

async function resolveTeam(tx: Tx, agencyId: string, team: NewAgencyUser["team"]) {
  if (!team) return null;
  if ("id" in team) {
    const found = await tx.team.findFirst({ where: { id: team.id }, select: { id: true, name: true } });
    if (!found) {
      const field = team.field ?? "team_id";
      throw new AppError("invalid_reference", `${field}: no team ${team.id} exists in your agency.`, [{ field, message: "is not a team of your agency" }]);
    }
    return found;
  }
  return tx.team.upsert({
    where: { agencyId_name: { agencyId, name: team.name } },
    create: { id: newId("team"), agencyId, name: team.name },
    update: {},
    select: { id: true, name: true },
  });
}

/**
 * Creates an agency user with their user.created event in one transaction, recorded as done by
 * `actor`. Returns the person and, when none was given, the generated password (shown once).
 * An email already in use anywhere on the platform (it is the sign-in name) is 409 on `email`.
 */
export async function createAgencyUser(
  db: AgencyDb,
  agencyId: string,
  actor: EventActor,
  input: NewAgencyUser,
): Promise<{ user: PersonDto; generatedPassword?: string }> {
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const email = input.email.trim().toLowerCase();
  try {
    const user = await db.$transaction(async (tx) => {
      const team = await resolveTeam(tx, agencyId, input.team);
      const created = await tx.user.create({
        data: { id: newId("user"), agencyId, teamId: team?.id ?? null, email, name: input.name, role: input.role, passwordHash },
        select,
      });
      await emitEvent(tx, { agencyId, actor }, "user.created", {
        user_id: created.id,
        name: created.name,
        email: created.email,
        role: created.role as AgencyRole,
        team: created.team,
      });
      return created;
    });
    return {
      user: {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role as AgencyRole,
        deactivated_at: user.disabledAt?.toISOString() ?? null,
        team: user.team,
        created_at: user.createdAt.toISOString(),
      },
      ...(input.password ? {} : { generatedPassword: password }),
    };
  } catch (error) {
    if (isUniqueViolation(error, "email")) throw emailTaken(email);
    throw error;
  }
}

/** The dashboard's "Add person": the scope's agency, recorded as the signed-in manager. */
export async function addPerson(
  scope: AgencyScope,
  input: { name: string; email: string; role: AgencyRole; team_id?: string | null; password?: string | null },
): Promise<{ user: PersonDto; generated_password: string | null }> {
  const { user, generatedPassword } = await createAgencyUser(scope.db, scope.agencyId, scope.actor, {
    name: input.name,
    email: input.email,
    role: input.role,
    password: input.password ?? null,
    team: input.team_id ? { id: input.team_id, field: "team_id" } : null,
  });
  return { user, generated_password: generatedPassword ?? null };
}
