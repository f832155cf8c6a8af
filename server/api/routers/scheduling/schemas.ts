// Request and response shapes of scheduling: the agency's settings, hours, photographers and
// blocked time (dashboard and CLI), and GET /scheduling/availability. Imports nothing server-only.
import { z } from "zod";
import { DateTime } from "luxon";
import { canonicalTimeZone, parseClockTime } from "../../../scheduling/calendar";

// ------------------------------------------------------------------ shared pieces

export const TimeZoneSchema = z
  .string()
  .transform((value, ctx) => {
    const zone = canonicalTimeZone(value);
    if (!zone) {
      ctx.addIssue({ code: "custom", message: "must be an IANA time zone such as America/Denver (not a fixed offset)" });
      return z.NEVER;
    }
    return zone;
  })
  .meta({ description: "IANA time zone", example: "America/Los_Angeles" });

/** An instant: ISO 8601 with a UTC offset (or Z); seconds optional. */
export const InstantSchema = z
  .string()
  .trim()
  .refine((value) => /(Z|[+-]\d{2}:\d{2})$/i.test(value) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && DateTime.fromISO(value).isValid, {
    message: "must be an ISO 8601 date-time with a UTC offset, e.g. 2027-03-15T09:00:00-07:00",
  })
  .transform((value) => new Date(DateTime.fromISO(value).toMillis()))
  .meta({ description: "ISO 8601 date-time with a UTC offset", example: "2027-03-15T09:00:00-07:00" });

/** A calendar date, YYYY-MM-DD, that exists. */
export const LocalDateSchema = z.iso.date({ message: "must be a date, YYYY-MM-DD" });

/** A whole-day date (YYYY-MM-DD, in the agency's zone) or an instant with an offset, for blocked time. */
const DateOrInstantSchema = z
  .string()
  .trim()
  .refine((value) => LocalDateSchema.safeParse(value).success || InstantSchema.safeParse(value).success, {
    message: "must be a date (YYYY-MM-DD, a whole day in the agency's time zone) or an ISO 8601 date-time with a UTC offset",
  });

const WeekdaySchema = z.number().int().min(1).max(7);
export const WeekdaysSchema = z
  .array(WeekdaySchema)
  .min(1)
  .transform((days) => [...new Set(days)].sort((a, b) => a - b))
  .meta({ description: "ISO weekdays, 1 = Monday ... 7 = Sunday" });

const ClockTimeSchema = z.string().transform((value, ctx) => {
  const minutes = parseClockTime(value);
  if (minutes === undefined) {
    ctx.addIssue({ code: "custom", message: "must be a time HH:MM (00:00-24:00)" });
    return z.NEVER;
  }
  return minutes;
});

/** Someone in the agency, by user id or email. */
const UserRefSchema = z.string().trim().min(1).max(320).meta({ description: "A user id (user_...) or email address" });

// ------------------------------------------------------------------ settings (dashboard, CLI)

export const UpdateSettingsInput = z.strictObject({
  timezone: TimeZoneSchema.optional(),
  travel_buffer_minutes: z.number().int().min(0).max(8 * 60).optional(),
  minimum_notice_minutes: z.number().int().min(0).max(60 * 24 * 60).optional(),
  slot_interval_minutes: z.number().int().min(5).max(4 * 60).optional(),
});
export type UpdateSettingsInput = z.input<typeof UpdateSettingsInput>;

export const SetHoursInput = z
  .strictObject({
    weekdays: WeekdaysSchema,
    open: ClockTimeSchema.optional(),
    close: ClockTimeSchema.optional(),
    closed: z.boolean().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.closed) {
      if (input.open !== undefined || input.close !== undefined) {
        ctx.addIssue({ code: "custom", path: ["closed"], message: "give either closed or open and close, not both" });
      }
      return;
    }
    if (input.open === undefined) ctx.addIssue({ code: "custom", path: ["open"], message: "is required unless closed" });
    if (input.close === undefined) ctx.addIssue({ code: "custom", path: ["close"], message: "is required unless closed" });
    if (input.open !== undefined && input.close !== undefined && input.open >= input.close) {
      ctx.addIssue({ code: "custom", path: ["close"], message: "must be later than open" });
    }
    if (input.open === 1440) ctx.addIssue({ code: "custom", path: ["open"], message: "must be before 24:00" });
  });
export type SetHoursInput = z.input<typeof SetHoursInput>;

export const PhotographerInput = z.strictObject({
  user: UserRefSchema,
  working_days: WeekdaysSchema,
});
export type PhotographerInput = z.input<typeof PhotographerInput>;

export const UserRefInput = z.strictObject({ user: UserRefSchema });

export const AddBlockInput = z
  .strictObject({
    photographer: UserRefSchema.nullish().meta({ description: "The photographer who is off; omit to block the whole agency" }),
    from: DateOrInstantSchema,
    to: DateOrInstantSchema.meta({ description: "A date here means up to the end of that day" }),
    reason: z.string().trim().max(200).nullish(),
  });
export type AddBlockInput = z.input<typeof AddBlockInput>;

export const BlockIdInput = z.strictObject({
  id: z.string().trim().regex(/^block_[0-9A-Za-z]{26}$/, "must be a blocked time id (block_<ULID>)"),
});

export const ListBlocksInput = z.strictObject({
  include_past: z.boolean().default(false),
});

export const BusinessHoursSchema = z.object({
  weekday: z.number().int(),
  day: z.string(),
  open: z.string(),
  close: z.string(),
});

export const PhotographerSchema = z.object({
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
  working_days: z.array(z.number().int()),
  working_days_label: z.string(),
  active: z.boolean(),
});

export const BlockedTimeSchema = z.object({
  id: z.string(),
  photographer_id: z.string().nullable(),
  photographer_name: z.string().nullable(),
  starts_at: z.string(),
  ends_at: z.string(),
  reason: z.string().nullable(),
});

export const SchedulingSettingsSchema = z.object({
  timezone: z.string(),
  travel_buffer_minutes: z.number().int(),
  minimum_notice_minutes: z.number().int(),
  slot_interval_minutes: z.number().int(),
  business_hours: z.array(BusinessHoursSchema),
  photographers: z.array(PhotographerSchema),
});
export type SchedulingSettingsDto = z.infer<typeof SchedulingSettingsSchema>;

// ------------------------------------------------------------------ GET /scheduling/availability

export const MAX_AVAILABILITY_DAYS = 31;

export const AvailabilityInput = z.object({
  address: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .meta({ description: "The property's address (echoed back; travel is a fixed buffer, not routed)", example: "123 Main St, Portland, OR 97201" }),
  package: z.string().trim().toLowerCase().min(1).max(64).meta({ description: "Code of one of your agency's packages; its duration sets the slot length", example: "essentials" }),
  add_ons: z
    .string()
    .trim()
    .toLowerCase()
    .max(500)
    .optional()
    .meta({ description: "Comma-separated add-on codes whose minutes are added to the package's", example: "twilight,drone" }),
  from: LocalDateSchema.optional().meta({ description: "First day, YYYY-MM-DD in the agency's time zone (default: today there)", example: "2027-03-15" }),
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_AVAILABILITY_DAYS)
    .default(7)
    .meta({ description: `How many days from \`from\`, 1-${MAX_AVAILABILITY_DAYS}`, example: 7 }),
});
export type AvailabilityInput = z.infer<typeof AvailabilityInput>;

const LocalTime = z.string().meta({ description: "ISO 8601 in the agency's time zone, with its UTC offset", example: "2027-03-15T09:00:00-07:00" });

const DurationPart = z.object({ code: z.string(), duration_minutes: z.number().int() });

export const AvailabilitySchema = z
  .object({
    address: z.string(),
    timezone: z.string().meta({ description: "The agency's IANA time zone; slot times are local to it", example: "America/Los_Angeles" }),
    package: DurationPart,
    add_ons: z.array(DurationPart),
    duration_minutes: z.number().int().meta({ description: "The package's minutes plus the add-ons'" }),
    travel_buffer_minutes: z.number().int().meta({ description: "Kept free before and after each shoot of a photographer (a fixed allowance: addresses are not routed)" }),
    from: z.string().meta({ description: "The first day, YYYY-MM-DD", example: "2027-03-15" }),
    days: z.number().int(),
    slots: z.array(
      z.object({
        start: LocalTime,
        end: LocalTime,
        photographer_id: z.string().meta({ description: "The photographer who would take it (a user id); pass it when booking to keep them" }),
      }),
    ).meta({ description: "Ordered by start, then photographer_id" }),
  })
  .meta({ id: "Availability" });
export type AvailabilityDto = z.infer<typeof AvailabilitySchema>;

// ------------------------------------------------------------------ the dashboard calendar

export const MAX_CALENDAR_DAYS = 7;

export const CalendarInput = z.object({
  start: LocalDateSchema,
  days: z.number().int().min(1).max(MAX_CALENDAR_DAYS, { message: `must be at most ${MAX_CALENDAR_DAYS}` }).default(7),
});

export const CalendarSchema = z.object({
  timezone: z.string(),
  timezone_abbreviation: z.string(),
  start: z.string(),
  end: z.string(),
  photographers: z.array(z.object({ user_id: z.string(), name: z.string(), active: z.boolean() })),
  shoots: z.array(
    z.object({
      id: z.string(),
      listing_number: z.string(),
      address: z.string(),
      photographer_id: z.string().nullable(),
      photographer_name: z.string().nullable(),
      starts_at: z.string(),
      ends_at: z.string(),
      status: z.string(),
    }),
  ),
  blocked: z.array(z.object({ id: z.string(), photographer_id: z.string().nullable(), starts_at: z.string(), ends_at: z.string(), reason: z.string().nullable() })),
});
