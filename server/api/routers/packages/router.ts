// Packages and add-ons, for the dashboard (dashboard-only: no REST endpoint). Reading them is
// part of creating a listing, so it needs listings:read like the other listing reads; changing
// them takes the manage_packages capability (the owner, and platform admins acting for the agency).
import { z } from "zod";
import { agencyProcedure, capabilityProcedure, router } from "../../trpc";
import { listPackages, toPackageDto } from "../../../packages/list-packages";
import { createPackage, setPackageRetired, updatePackage } from "../../../packages/packages";
import { CreatePackageInput, ListPackagesInput, PackageCodeInput, PackageSchema, UpdatePackageInput } from "./schemas";

const packageManagerProcedure = capabilityProcedure("manage_packages");

export const packagesRouter = router({
  /** Active packages and add-ons (what a new listing may use); `include_retired` adds the retired ones. */
  list: agencyProcedure
    .meta({ scope: "listings:read" })
    .input(ListPackagesInput)
    .output(z.array(PackageSchema))
    .query(({ ctx, input }) => listPackages(ctx.scope, { includeRetired: input?.include_retired ?? false })),

  create: packageManagerProcedure
    .input(CreatePackageInput)
    .output(PackageSchema)
    .mutation(async ({ ctx, input }) => toPackageDto(await createPackage(ctx.scope, input))),

  update: packageManagerProcedure
    .input(UpdatePackageInput)
    .output(PackageSchema)
    .mutation(async ({ ctx, input }) => toPackageDto(await updatePackage(ctx.scope, input))),

  retire: packageManagerProcedure
    .input(PackageCodeInput)
    .output(PackageSchema)
    .mutation(async ({ ctx, input }) => toPackageDto(await setPackageRetired(ctx.scope, input.code, true))),

  unretire: packageManagerProcedure
    .input(PackageCodeInput)
    .output(PackageSchema)
    .mutation(async ({ ctx, input }) => toPackageDto(await setPackageRetired(ctx.scope, input.code, false))),
});
