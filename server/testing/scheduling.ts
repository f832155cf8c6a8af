// Scheduling set-up for tests: hours, settings and photographers, through the domain functions.
import { PhotographerInput, SetHoursInput, UpdateSettingsInput } from "../api/routers/scheduling/schemas";
import { addPhotographer, setBusinessHours, updateSchedulingSettings } from "../scheduling/settings";
import type { TestAgency } from "./factories";

/**
 * Opens the agency every day 08:00-18:00 in Los Angeles (1440 minutes' notice, 30-minute buffer
 * and interval) and makes its two agents photographers who work every day. Returns their ids in
 * the order Valara tries them (ascending).
 */
export async function withSchedule(agency: TestAgency, options: { photographers?: number } = {}): Promise<string[]> {
  await updateSchedulingSettings(
    agency.scope,
    UpdateSettingsInput.parse({ timezone: "America/Los_Angeles", travel_buffer_minutes: 30, minimum_notice_minutes: 1440, slot_interval_minutes: 30 }),
  );
  await setBusinessHours(agency.scope, SetHoursInput.parse({ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "08:00", close: "18:00" }));
  const ids = agency.agents.slice(0, options.photographers ?? 2).map((a) => a.id);
  for (const id of ids) await addPhotographer(agency.scope, PhotographerInput.parse({ user: id, working_days: [1, 2, 3, 4, 5, 6, 7] }));
  return [...ids].sort();
}
