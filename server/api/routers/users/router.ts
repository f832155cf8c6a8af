import { agencyProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { listUsers } from "../../../users/list-users";
import { ListUsersInput, UserPageSchema } from "./schemas";

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
});
