// GET /scheduling/availability: the free slots for a package over some days, from the slot rules.
import { AppError } from "../errors";
import type { AgencyScope } from "../db/tenant";
import type { AvailabilityDto, AvailabilityInput } from "../api/routers/scheduling/schemas";
import { computeSlots, formatInZone, localDate, startOfLocalDay } from "./slots";
import { loadSchedulingRules, resolveShootLength } from "./rules";
import { agencySchedulingFields } from "./settings";

const badQuery = (field: string, message: string) => new AppError("validation_failed", `${field}: ${message}`, [{ field, message }]);

export function parseAddOnCodes(text: string | undefined): string[] {
  return (text ?? "")
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean);
}

export async function getAvailability({ db, agencyId }: AgencyScope, input: AvailabilityInput, now = new Date()): Promise<AvailabilityDto> {
  const length = await resolveShootLength(db, { package: input.package, addOns: parseAddOnCodes(input.add_ons) }, badQuery);
  const { timezone } = await agencySchedulingFields(db, agencyId);
  const from = input.from ?? localDate(now, timezone);
  const rules = await loadSchedulingRules(db, agencyId, {
    from: startOfLocalDay(from, timezone),
    to: startOfLocalDay(from, timezone, input.days),
  });
  const slots = computeSlots(rules, { durationMinutes: length.durationMinutes, from, days: input.days, now });
  return {
    address: input.address,
    timezone,
    package: { code: length.package.code, duration_minutes: length.package.durationMinutes },
    add_ons: length.addOns.map((a) => ({ code: a.code, duration_minutes: a.durationMinutes })),
    duration_minutes: length.durationMinutes,
    travel_buffer_minutes: rules.travelBufferMinutes,
    from,
    days: input.days,
    slots: slots.map((slot) => ({
      start: formatInZone(slot.start, timezone),
      end: formatInZone(slot.end, timezone),
      photographer_id: slot.photographerId,
    })),
  };
}
