import { z } from "zod";
import { agencyProcedure, capabilityProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { listUsers } from "../../../users/list-users";
import { changeUserRole, deactivateUser, listPeople, reactivateUser } from "../../../users/manage-users";
import { ChangeUserRoleInput, ListUsersInput, ManagedUserSchema, PersonSchema, UserIdInput, UserPageSchema } from "./schemas";

// Managing people is dashboard-only (no REST exposure): the owner, or a platform admin acting
// for the agency.
const peopleManagerProcedure = capabilityProcedure("manage_people");

export const usersRouter = router({
  list: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/users",
        scope: "users:read",
        tag: "Users",
        summary: "List users",
        description: "Your agency's users (owner, team members, agents, assistants, viewers), oldest first.",
        errors: ["invalid_cursor"],
      }),
    )
    .input(ListUsersInput)
    .output(UserPageSchema)
    .query(({ ctx, input }) => listUsers(ctx.scope, input)),

  /** Dashboard-only: everyone, deactivated users included, for the People screen. */
  people: agencyProcedure
    .meta({ scope: "users:read" })
    .output(z.array(PersonSchema))
    .query(({ ctx }) => listPeople(ctx.scope)),

  changeRole: peopleManagerProcedure
    .input(ChangeUserRoleInput)
    .output(ManagedUserSchema)
    .mutation(({ ctx, input }) => changeUserRole(ctx.scope, input.id, input.role)),

  deactivate: peopleManagerProcedure
    .input(UserIdInput)
    .output(ManagedUserSchema)
    .mutation(({ ctx, input }) => deactivateUser(ctx.scope, input.id, ctx.actor.userId)),

  reactivate: peopleManagerProcedure
    .input(UserIdInput)
    .output(ManagedUserSchema)
    .mutation(({ ctx, input }) => reactivateUser(ctx.scope, input.id)),
});
