// Managing the agency's people (dashboard-only, `manage_people`): role changes, deactivation and
// reactivation. Each is one transaction with its event. Guard rails keep the agency manageable:
// nobody deactivates themself, and the last active owner can be neither demoted nor deactivated.
import { Prisma } from "../db/generated/client.ts";
import { AppError } from "../errors";
import type { AgencyScope } from "../db/tenant";
import type { AgencyRole } from "../auth/scopes";
import { emitEvent } from "../webhooks/emit";

const select = { id: true, name: true, email: true, role: true, disabledAt: true } as const;

type Tx = Parameters<Parameters<AgencyScope["db"]["$transaction"]>[0]>[0];

const userNotFound = (id: string) => new AppError("not_found", `No user ${id} exists in your agency.`);

/**
 * Locks the user and every owner of the agency for the rest of the transaction (in id order, so
 * two managers never deadlock), then reads the user. Without it two owners deactivating each
 * other at the same moment would each still see the other as active, and both would succeed.
 */
async function lockAndFindUser(tx: Tx, agencyId: string, id: string) {
  await tx.$queryRaw(
    Prisma.sql`SELECT id FROM users WHERE agency_id = ${agencyId} AND (role = 'owner' OR id = ${id}) ORDER BY id FOR UPDATE`,
  );
  return findUser(tx, id);
}

async function findUser(tx: Tx, id: string) {
  // The tenant client scopes this to the agency: another agency's user is simply not found.
  const user = await tx.user.findFirst({ where: { id }, select });
  if (!user) throw userNotFound(id);
  return user;
}

async function assertAnotherActiveOwner(tx: Tx, userId: string, what: string) {
  const others = await tx.user.count({ where: { role: "owner", disabledAt: null, id: { not: userId } } });
  if (others === 0) throw new AppError("conflict", `The agency's last owner cannot be ${what}; make someone else owner first.`);
}

export interface ManagedUser {
  id: string;
  name: string;
  email: string;
  role: AgencyRole;
  deactivated_at: string | null;
}

const dto = (user: { id: string; name: string; email: string; role: string; disabledAt: Date | null }): ManagedUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role as AgencyRole,
  deactivated_at: user.disabledAt?.toISOString() ?? null,
});

/** Changes a user's role; the last active owner keeps theirs. Idempotent: the same role is a no-op. */
export function changeUserRole(scope: AgencyScope, userId: string, role: AgencyRole): Promise<ManagedUser> {
  return scope.db.$transaction(async (tx) => {
    const user = await lockAndFindUser(tx, scope.agencyId, userId);
    if (user.role === role) return dto(user);
    if (user.role === "owner" && !user.disabledAt) await assertAnotherActiveOwner(tx, user.id, "demoted");
    return dto(await tx.user.update({ where: { id: user.id }, data: { role }, select }));
  });
}

/**
 * Deactivates a user: they cannot sign in, their sessions stop working at once (the session is
 * re-read on every request), and they leave the pickers. Listings keep their name. Emits
 * user.deactivated; deactivating an already deactivated user changes nothing and emits nothing.
 */
export function deactivateUser(scope: AgencyScope, userId: string, byUserId: string | null, now = new Date()): Promise<ManagedUser> {
  return scope.db.$transaction(async (tx) => {
    const user = await lockAndFindUser(tx, scope.agencyId, userId);
    if (user.disabledAt) return dto(user);
    if (user.id === byUserId) throw new AppError("conflict", "You cannot deactivate yourself.");
    if (user.role === "owner") await assertAnotherActiveOwner(tx, user.id, "deactivated");
    const updated = await tx.user.update({ where: { id: user.id }, data: { disabledAt: now }, select });
    await emitEvent(tx, { agencyId: scope.agencyId, actor: scope.actor }, "user.deactivated", {
      user_id: updated.id,
      name: updated.name,
      email: updated.email,
      role: updated.role as AgencyRole,
      deactivated_at: now.toISOString(),
    });
    return dto(updated);
  });
}

/** Lets a deactivated user sign in again (with their existing password). Idempotent. */
export function reactivateUser(scope: AgencyScope, userId: string): Promise<ManagedUser> {
  return scope.db.$transaction(async (tx) => {
    const user = await findUser(tx, userId);
    if (!user.disabledAt) return dto(user);
    return dto(await tx.user.update({ where: { id: user.id }, data: { disabledAt: null }, select }));
  });
}

export interface PersonDto extends ManagedUser {
  team: { id: string; name: string } | null;
  created_at: string;
}

/** Everyone in the agency for the People screen, deactivated users included (pickers use listUsers). */
export async function listPeople({ db }: AgencyScope): Promise<PersonDto[]> {
  const rows = await db.user.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { ...select, createdAt: true, team: { select: { id: true, name: true } } },
  });
  return rows.map((row) => ({ ...dto(row), team: row.team, created_at: row.createdAt.toISOString() }));
}
