// Pay to download and past deliveries: the shapes the dashboard's procedures take and return.
// Imports nothing server-only, so the dashboard's forms can use them.
import { z } from "zod";

export const DownloadGateSchema = z.enum(["inherit", "until_paid", "never"]);

export const DeliverySettingsSchema = z.object({
  downloads_require_payment: z.boolean(),
});
export const UpdateDeliverySettingsInput = z.object({ downloads_require_payment: z.boolean() }).strict();

export const DownloadLockSchema = z.object({
  /** The listing's override: follow the agency, always lock until paid, or never lock. */
  download_gate: DownloadGateSchema,
  agency_requires_payment: z.boolean(),
  /** The effective setting. */
  requires_payment: z.boolean(),
  locked: z.boolean(),
  pay_url: z.string().nullable(),
});

export const SetDownloadGateInput = z.object({ listing_number: z.string().min(1).max(16), download_gate: DownloadGateSchema }).strict();

export const DeliverySummarySchema = z.object({
  delivery_id: z.string(),
  created_at: z.string(),
  created_by: z.string(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  state: z.enum(["active", "revoked", "expired"]),
});

export const ListingDeliveriesSchema = z.object({
  items: z.array(DeliverySummarySchema),
  download_lock: DownloadLockSchema,
});
