// Request and response shapes of a listing's shoots: book, reschedule, cancel, complete. Imports nothing
// server-only.
import { z } from "zod";
import { ListingNumberSchema } from "../listings/schemas";
import { InstantSchema } from "../scheduling/schemas";

export const ShootIdSchema = z
  .string()
  .trim()
  .regex(/^shoot_[0-9A-Za-z]{26}$/i, "must be a shoot id (shoot_<ULID>)")
  .transform((id) => `shoot_${id.slice(6).toUpperCase()}`)
  .meta({ description: "The shoot's id", example: "shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF" });

const PhotographerIdSchema = z
  .string()
  .trim()
  .regex(/^user_[0-9A-Za-z]{26}$/, "must be a user id (user_<ULID>)")
  .meta({ description: "The photographer (a user id, as availability's photographer_id); omit to let Valara choose a free one" });

const StartSchema = InstantSchema.meta({
  description: "When the shoot starts: one of the `start` values GET /scheduling/availability offers (ISO 8601 with a UTC offset)",
  example: "2027-03-15T09:00:00-07:00",
});

export const BookShootInput = z.strictObject({
  listing_number: ListingNumberSchema,
  start: StartSchema,
  photographer_id: PhotographerIdSchema.nullish(),
  package: z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(64)
    .nullish()
    .meta({ description: "The package to shoot (its duration sets the shoot's length); default: the listing's package" }),
  add_ons: z
    .array(z.string().trim().toLowerCase().min(1).max(64))
    .max(20)
    .nullish()
    .meta({ description: "Add-on codes whose minutes are added to the package's", example: ["twilight"] }),
});
export type BookShootInput = z.infer<typeof BookShootInput>;

export const ShootPathInput = z.strictObject({
  listing_number: ListingNumberSchema,
  shoot_id: ShootIdSchema,
});
export type ShootPathInput = z.infer<typeof ShootPathInput>;

export const RescheduleShootInput = ShootPathInput.extend({
  start: StartSchema,
  photographer_id: PhotographerIdSchema.nullish().meta({
    description: "The photographer; omit to keep the current one if free at the new time, else any free one",
  }),
});
export type RescheduleShootInput = z.infer<typeof RescheduleShootInput>;

const Timestamp = z.string().meta({ description: "ISO 8601, UTC", example: "2027-03-15T16:00:00.000Z" });
const LocalTime = z.string().meta({ description: "The same instant in the agency's time zone, with its UTC offset", example: "2027-03-15T09:00:00-07:00" });

export const ShootSchema = z
  .object({
    shoot_id: z.string(),
    listing_number: z.string(),
    status: z.enum(["scheduled", "completed", "cancelled"]),
    starts_at: Timestamp,
    ends_at: Timestamp,
    starts_at_local: LocalTime,
    ends_at_local: LocalTime,
    timezone: z.string().meta({ description: "The agency's IANA time zone", example: "America/Los_Angeles" }),
    duration_minutes: z.number().int(),
    photographer_id: z.string().nullable(),
    package: z.string().nullable().meta({ description: "Code of the package booked (null for a shoot an operator scheduled directly)" }),
    created_at: Timestamp,
    rescheduled_at: Timestamp.nullable(),
    completed_at: Timestamp.nullable().meta({ description: "When the shoot was marked completed" }),
    cancelled_at: Timestamp.nullable(),
  })
  .meta({ id: "Shoot" });
export type ShootDto = z.infer<typeof ShootSchema>;
