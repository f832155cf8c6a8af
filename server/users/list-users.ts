import type { AgencyScope } from "../db/tenant";
import { paginate, type Page } from "../pagination/cursor";
import type { AgencyRole } from "../auth/scopes";
import type { AgencyUserDto, ListUsersInput } from "../api/routers/users/schemas";

/** The agency's active users (owner, team members, agents, assistants, viewers), oldest first. */
export function listUsers({ db }: AgencyScope, input: ListUsersInput): Promise<Page<AgencyUserDto>> {
  const where = { disabledAt: null, ...(input.role ? { role: input.role } : {}) };
  return paginate(
    input,
    "asc",
    (after, take) =>
      db.user.findMany({
        where: { ...where, ...after },
        orderBy: { id: "asc" },
        take,
        select: { id: true, name: true, email: true, role: true, createdAt: true, team: { select: { id: true, name: true } } },
      }),
    () => db.user.count({ where }),
    (user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role as AgencyRole,
      team: user.team,
      created_at: user.createdAt.toISOString(),
    }),
  );
}
