// Teams, dashboard-only (no REST exposure): anyone who may read users sees them; only people
// managers (the owner, platform admins acting for the agency) create and rename them.
import { z } from "zod";
import { agencyProcedure, capabilityProcedure, router } from "../../trpc";
import { createTeam, listTeams, renameTeam } from "../../../teams/teams";
import { CreateTeamInput, RenameTeamInput, TeamSchema } from "./schemas";

const peopleManagerProcedure = capabilityProcedure("manage_people");

export const teamsRouter = router({
  list: agencyProcedure
    .meta({ scope: "users:read" })
    .output(z.array(TeamSchema))
    .query(({ ctx }) => listTeams(ctx.scope)),

  create: peopleManagerProcedure
    .input(CreateTeamInput)
    .output(TeamSchema)
    .mutation(({ ctx, input }) => createTeam(ctx.scope, input)),

  rename: peopleManagerProcedure
    .input(RenameTeamInput)
    .output(TeamSchema)
    .mutation(({ ctx, input }) => renameTeam(ctx.scope, input)),
});
