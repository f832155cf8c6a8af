// Packages and add-ons, for the dashboard (dashboard-only: no REST endpoint). Reading them is
// part of creating a listing, so it needs listings:read like the other listing reads.
import { z } from "zod";
import { agencyProcedure, router } from "../../trpc";
import { listPackages } from "../../../packages/list-packages";
import { PackageSchema } from "./schemas";

export const packagesRouter = router({
  list: agencyProcedure
    .meta({ scope: "listings:read" })
    .output(z.array(PackageSchema))
    .query(({ ctx }) => listPackages(ctx.scope)),
});
