// Scheduling: GET /scheduling/availability for integrators, and the agency's scheduling settings
// for the dashboard (not REST: the operator CLI and the dashboard change them).
import { z } from "zod";
import { agencyProcedure, capabilityProcedure, router } from "../../trpc";
import { rest } from "../../rest-meta";
import { getAvailability } from "../../../scheduling/availability";
import { getCalendar } from "../../../scheduling/calendar-view";
import {
  addBlockedTime,
  addPhotographer,
  getSchedulingSettings,
  listBlockedTime,
  removeBlockedTime,
  removePhotographer,
  setBusinessHours,
  updateSchedulingSettings,
} from "../../../scheduling/settings";
import {
  AddBlockInput,
  AvailabilityInput,
  AvailabilitySchema,
  BlockIdInput,
  BlockedTimeSchema,
  CalendarInput,
  CalendarSchema,
  ListBlocksInput,
  PhotographerInput,
  SchedulingSettingsSchema,
  SetHoursInput,
  UpdateSettingsInput,
  UserRefInput,
} from "./schemas";

/** Dashboard-only: the agency's owner (or a platform admin acting for it) changes its scheduling. */
const schedulingManagerProcedure = capabilityProcedure("manage_scheduling");

const readSettings = agencyProcedure.meta({ scope: "scheduling:read" });

export const schedulingRouter = router({
  availability: agencyProcedure
    .meta(
      rest({
        method: "GET",
        path: "/scheduling/availability",
        scope: "scheduling:read",
        tag: "Scheduling",
        summary: "Free shoot slots",
        description:
          "Free start times for a package (plus optional add-ons) over `days` days from `from`, per photographer, in the agency's time zone. " +
          "A slot fits inside business hours, starts on the agency's slot interval, respects the minimum notice, the photographers' working days " +
          "and blocked time, and keeps the travel buffer (a fixed allowance: addresses are not routed) around each photographer's other shoots. " +
          "Book one with POST /listings/{listing_number}/shoots.",
      }),
    )
    .input(AvailabilityInput)
    .output(AvailabilitySchema)
    .query(({ ctx, input }) => getAvailability(ctx.scope, input)),

  settings: readSettings.output(SchedulingSettingsSchema).query(({ ctx }) => getSchedulingSettings(ctx.scope)),

  updateSettings: schedulingManagerProcedure
    .input(UpdateSettingsInput)
    .output(SchedulingSettingsSchema)
    .mutation(({ ctx, input }) => updateSchedulingSettings(ctx.scope, input)),

  setHours: schedulingManagerProcedure
    .input(SetHoursInput)
    .output(SchedulingSettingsSchema)
    .mutation(({ ctx, input }) => setBusinessHours(ctx.scope, input)),

  addPhotographer: schedulingManagerProcedure
    .input(PhotographerInput)
    .output(SchedulingSettingsSchema)
    .mutation(({ ctx, input }) => addPhotographer(ctx.scope, input)),

  removePhotographer: schedulingManagerProcedure
    .input(UserRefInput)
    .output(z.object({ settings: SchedulingSettingsSchema, upcoming_shoots: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const { settings, upcomingShoots } = await removePhotographer(ctx.scope, input);
      return { settings, upcoming_shoots: upcomingShoots };
    }),

  /** Dashboard-only: shoots and blocked time by photographer over one to seven days. */
  calendar: readSettings
    .input(CalendarInput)
    .output(CalendarSchema)
    .query(({ ctx, input }) => getCalendar(ctx.scope, input)),

  blockedTime: readSettings
    .input(ListBlocksInput)
    .output(z.array(BlockedTimeSchema))
    .query(({ ctx, input }) => listBlockedTime(ctx.scope, input)),

  addBlockedTime: schedulingManagerProcedure
    .input(AddBlockInput)
    .output(BlockedTimeSchema)
    .mutation(({ ctx, input }) => addBlockedTime(ctx.scope, input)),

  removeBlockedTime: schedulingManagerProcedure
    .input(BlockIdInput)
    .output(BlockedTimeSchema)
    .mutation(({ ctx, input }) => removeBlockedTime(ctx.scope, input.id)),
});
