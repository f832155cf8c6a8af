import { z } from "zod";
import { agencyProcedure, capabilityProcedure, router, userProcedure } from "../../trpc";
import { rest } from "../../rest-meta";
import { listUsers } from "../../../users/list-users";
import { changeUserRole, deactivateUser, listPeople, reactivateUser } from "../../../users/manage-users";
import { addPerson } from "../../../users/create-user";
import { changePassword, updateProfile } from "../../../users/profile";
import { moveUserToTeam } from "../../../teams/teams";
import {
  AddPersonInput,
  AddedPersonSchema,
  ChangePasswordInput,
  ChangeUserRoleInput,
  ListUsersInput,
  ManagedUserSchema,
  MoveToTeamInput,
  MovedToTeamSchema,
  PersonSchema,
  ProfileSchema,
  UpdateProfileInput,
  UserIdInput,
  UserPageSchema,
} from "./schemas";

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

  /** "Add person": the user and their user.created event; a generated first password is returned once. */
  create: peopleManagerProcedure
    .input(AddPersonInput)
    .output(AddedPersonSchema)
    .mutation(({ ctx, input }) => addPerson(ctx.scope, input)),

  /** Puts a user in a team, or in none. */
  moveToTeam: peopleManagerProcedure
    .input(MoveToTeamInput)
    .output(MovedToTeamSchema)
    .mutation(({ ctx, input }) => moveUserToTeam(ctx.scope, input)),

  // Self-service: any signed-in user, platform admins included, changes only their own account.
  updateProfile: userProcedure
    .input(UpdateProfileInput)
    .output(ProfileSchema)
    .mutation(({ ctx, input }) => updateProfile(ctx.db.prisma, ctx.actor.userId, input)),

  changePassword: userProcedure
    .input(ChangePasswordInput)
    .output(z.object({ changed: z.literal(true) }))
    .mutation(({ ctx, input }) => changePassword(ctx.db.prisma, ctx.actor.userId, input)),
});
