// Client deliveries in the dashboard (dashboard-only: no REST endpoint): pay to download, agency-wide
// (Settings > Delivery) and per listing, and the list of a listing's past deliveries.
import { agencyProcedure, capabilityProcedure, router } from "../../trpc";
import { listListingDeliveries } from "../../../delivery/deliveries";
import { getDeliverySettings, listingDownloadLock, setListingDownloadGate, updateDeliverySettings } from "../../../delivery/pay-settings";
import {
  DeliverySettingsSchema,
  DownloadLockSchema,
  ListingDeliveriesSchema,
  SetDownloadGateInput,
  UpdateDeliverySettingsInput,
} from "../../../delivery/schemas";
import { ListingNumberInput } from "../listings/schemas";
import { listingIdOf } from "../../../property/views";

/** The owner (and platform admins acting for the agency) decide whether downloads wait for payment. */
const deliveryManagerProcedure = capabilityProcedure("manage_delivery");

export const deliveryRouter = router({
  settings: agencyProcedure.meta({ scope: "listings:read" }).output(DeliverySettingsSchema).query(({ ctx }) => getDeliverySettings(ctx.scope)),

  updateSettings: deliveryManagerProcedure
    .input(UpdateDeliverySettingsInput)
    .output(DeliverySettingsSchema)
    .mutation(({ ctx, input }) => updateDeliverySettings(ctx.scope, input)),

  /** Every delivery of the listing, newest first, and whether its downloads are locked now. */
  listingDeliveries: agencyProcedure
    .meta({ scope: "listings:read" })
    .input(ListingNumberInput)
    .output(ListingDeliveriesSchema)
    .query(async ({ ctx, input }) => {
      const items = await listListingDeliveries(ctx.scope.db, input.listing_number);
      return { items, download_lock: await listingDownloadLock(ctx.scope, await listingIdOf(ctx.scope.db, input.listing_number)) };
    }),

  setDownloadGate: deliveryManagerProcedure
    .input(SetDownloadGateInput)
    .output(DownloadLockSchema)
    .mutation(({ ctx, input }) => setListingDownloadGate(ctx.scope, input)),
});
