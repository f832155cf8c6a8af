// Scheduling settings and availability against a real database, on PostgreSQL and PGlite.
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { TEST_OPERATOR, makeAgency, type TestAgency } from "../testing/factories";
import { withSchedule } from "../testing/scheduling";
import { AppError } from "../errors";
import { createListing } from "../listings/create-listing";
import { scheduleShoot } from "../shoots/schedule-shoot";
import { createPackage } from "../packages/packages";
import { seedDemo } from "../db/seed-demo";
import { agencyScope } from "../db/tenant";
import { appRouter } from "../api/root";
import { createCallerFactory, type UserActor } from "../api/trpc";
import { AddBlockInput, AvailabilityInput, PhotographerInput, SetHoursInput, UpdateSettingsInput } from "../api/routers/scheduling/schemas";
import {
  addBlockedTime,
  addPhotographer,
  getSchedulingSettings,
  listBlockedTime,
  removeBlockedTime,
  removePhotographer,
  setBusinessHours,
  updateSchedulingSettings,
} from "./settings";
import { getAvailability } from "./availability";

const NOW = new Date("2027-03-01T00:00:00Z");

/** The field names a zod parse refuses, or "ok". */
function refusedFields(parse: () => unknown): string[] | "ok" {
  try {
    parse();
    return "ok";
  } catch (error) {
    if (error instanceof ZodError) return error.issues.map((i) => i.path.join("."));
    throw error;
  }
}

describeEachDatabase("scheduling", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let photographers: string[];

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    photographers = await withSchedule(agency);
    await withSchedule(other);
    await createPackage(agency.scope, { code: "twilight", name: "Twilight", kind: "add_on", duration_minutes: 30, price_cents: 100 });
  });

  describe("settings", () => {
    it("stores and reads back the settings, hours and photographers", async () => {
      const settings = await getSchedulingSettings(agency.scope);
      expect(settings).toMatchObject({ timezone: "America/Los_Angeles", travel_buffer_minutes: 30, minimum_notice_minutes: 1440, slot_interval_minutes: 30 });
      expect(settings.business_hours).toHaveLength(7);
      expect(settings.business_hours[0]).toEqual({ weekday: 1, day: "Monday", open: "08:00", close: "18:00" });
      expect(settings.photographers.map((p) => p.user_id)).toEqual(photographers);
      expect(settings.photographers[0]).toMatchObject({ working_days: [1, 2, 3, 4, 5, 6, 7], working_days_label: "Monday-Sunday", active: true });
    });

    it("validates every setting and names the field", () => {
      expect(refusedFields(() => UpdateSettingsInput.parse({ timezone: "Mars/Olympus" }))).toEqual(["timezone"]);
      expect(refusedFields(() => UpdateSettingsInput.parse({ timezone: "-07:00" }))).toEqual(["timezone"]);
      expect(refusedFields(() => UpdateSettingsInput.parse({ travel_buffer_minutes: -5 }))).toEqual(["travel_buffer_minutes"]);
      expect(refusedFields(() => UpdateSettingsInput.parse({ slot_interval_minutes: 0 }))).toEqual(["slot_interval_minutes"]);
      expect(refusedFields(() => UpdateSettingsInput.parse({ minimum_notice_minutes: 1.5 }))).toEqual(["minimum_notice_minutes"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [1], open: "18:00", close: "08:00" }))).toEqual(["close"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [1], open: "09:00", close: "09:00" }))).toEqual(["close"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [8], open: "08:00", close: "18:00" }))).toEqual(["weekdays.0"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [0], open: "08:00", close: "18:00" }))).toEqual(["weekdays.0"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [], closed: true }))).toEqual(["weekdays"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [1], open: "8am", close: "18:00" }))).toEqual(["open"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [1], open: "08:00" }))).toEqual(["close"]);
      expect(refusedFields(() => SetHoursInput.parse({ weekdays: [1], open: "08:00", close: "18:00", closed: true }))).toEqual(["closed"]);
      expect(refusedFields(() => PhotographerInput.parse({ user: "x@y.test", working_days: [] }))).toEqual(["working_days"]);
      expect(refusedFields(() => AddBlockInput.parse({ from: "tomorrow", to: "2027-03-02" }))).toEqual(["from"]);
      expect(refusedFields(() => AddBlockInput.parse({ from: "2027-03-02T09:00:00", to: "2027-03-02" }))).toEqual(["from"]);
      expect(refusedFields(() => UpdateSettingsInput.parse({ timezone: "america/new_york" }))).toBe("ok");
    });

    it("changes settings and hours, closes days, and leaves other agencies alone", async () => {
      const scratch = await makeAgency(testDb().db.prisma);
      await withSchedule(scratch);
      const changed = await updateSchedulingSettings(scratch.scope, UpdateSettingsInput.parse({ timezone: "america/denver", slot_interval_minutes: 15 }));
      expect(changed).toMatchObject({ timezone: "America/Denver", slot_interval_minutes: 15, travel_buffer_minutes: 30 });
      const hours = await setBusinessHours(scratch.scope, SetHoursInput.parse({ weekdays: [6, 7], closed: true }));
      expect(hours.business_hours.map((h) => h.weekday)).toEqual([1, 2, 3, 4, 5]);
      const late = await setBusinessHours(scratch.scope, SetHoursInput.parse({ weekdays: [5], open: "10:30", close: "24:00" }));
      expect(late.business_hours.find((h) => h.weekday === 5)).toMatchObject({ open: "10:30", close: "24:00" });
      expect((await getSchedulingSettings(agency.scope)).business_hours).toHaveLength(7);
      expect((await getSchedulingSettings(agency.scope)).timezone).toBe("America/Los_Angeles");
    });

    it("makes only the agency's own active users photographers, and removes them", async () => {
      expect(await errorCodeOf(addPhotographer(agency.scope, PhotographerInput.parse({ user: other.agents[0]!.id, working_days: [1] })))).toBe("invalid_reference");
      expect(await errorCodeOf(addPhotographer(agency.scope, PhotographerInput.parse({ user: other.owner.email, working_days: [1] })))).toBe("invalid_reference");
      const byEmail = await addPhotographer(agency.scope, PhotographerInput.parse({ user: agency.viewer.email.toUpperCase(), working_days: [2, 4] }));
      expect(byEmail.photographers.find((p) => p.user_id === agency.viewer.id)).toMatchObject({ working_days: [2, 4], active: true });
      const removed = await removePhotographer(agency.scope, { user: agency.viewer.id });
      expect(removed.settings.photographers.find((p) => p.user_id === agency.viewer.id)?.active).toBe(false);
      expect(await errorCodeOf(removePhotographer(agency.scope, { user: agency.viewer.id }))).toBe("invalid_reference");
      expect(await errorCodeOf(removePhotographer(agency.scope, { user: other.agents[0]!.id }))).toBe("invalid_reference");
      // The other agency's photographer is untouched.
      expect((await getSchedulingSettings(other.scope)).photographers.every((p) => p.active)).toBe(true);
    });

    it("blocks time for a photographer or the agency; validates the range; lists and removes per agency", async () => {
      const dayOff = await addBlockedTime(agency.scope, AddBlockInput.parse({ photographer: photographers[0], from: "2027-03-16", to: "2027-03-16", reason: "dentist" }));
      // A date is a whole day in the agency's zone, --to included.
      expect(dayOff).toMatchObject({ photographer_id: photographers[0], starts_at: "2027-03-16T00:00:00-07:00", ends_at: "2027-03-17T00:00:00-07:00", reason: "dentist" });
      const holiday = await addBlockedTime(agency.scope, AddBlockInput.parse({ from: "2027-03-17T12:00:00-07:00", to: "2027-03-17T14:00:00-07:00" }));
      expect(holiday.photographer_id).toBeNull();
      for (const bad of [
        { from: "2027-03-17T14:00:00-07:00", to: "2027-03-17T12:00:00-07:00" },
        { from: "2027-03-17T12:00:00-07:00", to: "2027-03-17T12:00:00-07:00" },
        { from: "2027-03-18", to: "2027-03-17" },
        { from: "2027-01-01", to: "2028-06-01" },
      ]) {
        const error = await addBlockedTime(agency.scope, AddBlockInput.parse(bad)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect(error).toMatchObject({ code: "validation_failed", details: [{ field: "to" }] });
      }
      expect(await errorCodeOf(addBlockedTime(agency.scope, AddBlockInput.parse({ photographer: agency.owner.id, from: "2027-03-18", to: "2027-03-18" })))).toBe(
        "invalid_reference",
      );
      expect(await errorCodeOf(addBlockedTime(agency.scope, AddBlockInput.parse({ photographer: other.agents[0]!.id, from: "2027-03-18", to: "2027-03-18" })))).toBe(
        "invalid_reference",
      );
      const listed = await listBlockedTime(agency.scope, {}, NOW);
      expect(listed.map((b) => b.id)).toEqual([dayOff.id, holiday.id]);
      expect(await listBlockedTime(other.scope, {}, NOW)).toEqual([]);
      expect(await listBlockedTime(agency.scope, {}, new Date("2027-03-18T00:00:00Z"))).toEqual([]);
      expect((await listBlockedTime(agency.scope, { include_past: true }, new Date("2027-03-18T00:00:00Z"))).map((b) => b.id)).toEqual([dayOff.id, holiday.id]);
      expect(await errorCodeOf(removeBlockedTime(other.scope, holiday.id))).toBe("not_found");
      expect((await removeBlockedTime(agency.scope, holiday.id)).id).toBe(holiday.id);
      expect((await listBlockedTime(agency.scope, {}, NOW)).map((b) => b.id)).toEqual([dayOff.id]);
      await removeBlockedTime(agency.scope, dayOff.id);
    });

    it("answers concurrent removals of the same blocked time with one success and not_found, never a database error", async () => {
      const outcomes: string[] = [];
      for (let round = 0; round < 5; round++) {
        const block = await addBlockedTime(agency.scope, AddBlockInput.parse({ from: "2027-04-01", to: "2027-04-01" }));
        // errorCodeOf rethrows anything but an AppError (Prisma's P2025), which fails the test.
        outcomes.push(...(await Promise.all(Array.from({ length: 4 }, () => errorCodeOf(removeBlockedTime(agency.scope, block.id))))));
      }
      expect(outcomes.filter((o) => o === "ok")).toHaveLength(5);
      expect(outcomes.filter((o) => o !== "ok").every((o) => o === "not_found")).toBe(true);
    });

    it("lets the owner change settings from the dashboard, not an agent; anyone in the agency reads them", async () => {
      const caller = (actor: UserActor) => createCallerFactory(appRouter)({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://x" });
      const user = (id: string, role: UserActor["role"]): UserActor => ({ kind: "user", userId: id, name: "x", email: "x@x.test", role, agencyId: agency.id, actingForAgencyId: null });
      const owner = caller(user(agency.owner.id, "owner"));
      const agent = caller(user(agency.agents[0]!.id, "agent"));
      expect((await owner.scheduling.updateSettings({ travel_buffer_minutes: 45 })).travel_buffer_minutes).toBe(45);
      await expect(agent.scheduling.updateSettings({ travel_buffer_minutes: 0 })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(agent.scheduling.setHours({ weekdays: [1], closed: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
      expect((await agent.scheduling.settings()).travel_buffer_minutes).toBe(45);
      await expect(owner.scheduling.updateSettings({ timezone: "Nowhere/Land" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await owner.scheduling.updateSettings({ travel_buffer_minutes: 30 });
    });
  });

  describe("availability", () => {
    const query = (raw: Record<string, unknown>) => AvailabilityInput.parse({ address: "1 Main St", package: "essentials", from: "2027-03-15", days: 1, ...raw });

    it("offers each photographer's free slots in local time, around shoots and blocked time", async () => {
      const listing = await createListing(agency.scope, { address: "9 Elm", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
      // photographers[0] shoots 10:00-11:30 on Monday; the agency is closed 15:00-18:00.
      await scheduleShoot(agency.scope, { listing_number: listing.listingNumber, starts_at: "2027-03-15T10:00:00-07:00", photographer_id: photographers[0] });
      const block = await addBlockedTime(agency.scope, AddBlockInput.parse({ from: "2027-03-15T15:00:00-07:00", to: "2027-03-15T18:00:00-07:00", reason: "team meeting" }));
      try {
        const result = await getAvailability(agency.scope, query({}), NOW);
        expect(result).toMatchObject({
          address: "1 Main St",
          timezone: "America/Los_Angeles",
          package: { code: "essentials", duration_minutes: 90 },
          add_ons: [],
          duration_minutes: 90,
          travel_buffer_minutes: 30,
          from: "2027-03-15",
          days: 1,
        });
        const startsOf = (id: string) => result.slots.filter((s) => s.photographer_id === id).map((s) => s.start.slice(11, 16));
        expect(startsOf(photographers[0]!)).toEqual(["08:00", "12:00", "12:30", "13:00", "13:30"]);
        expect(startsOf(photographers[1]!)).toEqual(["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30", "13:00", "13:30"]);
        expect(result.slots[0]).toEqual({ start: "2027-03-15T08:00:00-07:00", end: "2027-03-15T09:30:00-07:00", photographer_id: photographers[0] });
        // The other agency's calendar is its own.
        expect((await getAvailability(other.scope, query({}), NOW)).slots).toHaveLength(2 * 18);
      } finally {
        await removeBlockedTime(agency.scope, block.id);
      }
    });

    it("lengthens slots by add-ons and refuses unknown codes naming the known ones", async () => {
      const result = await getAvailability(agency.scope, query({ add_ons: "Twilight", from: "2027-03-20" }), NOW);
      expect(result.duration_minutes).toBe(120);
      expect(result.add_ons).toEqual([{ code: "twilight", duration_minutes: 30 }]);
      expect(result.slots.at(-1)!.end).toBe("2027-03-20T18:00:00-07:00");
      const unknown = await getAvailability(agency.scope, query({ package: "platinum" }), NOW).catch((e: AppError) => e);
      expect(unknown).toMatchObject({ code: "validation_failed", details: [{ field: "package" }] });
      expect((unknown as AppError).message).toMatch(/package: no package "platinum" in your agency; known codes: essentials/);
      // An add-on is not a package, and the reverse.
      expect(await getAvailability(agency.scope, query({ package: "twilight" }), NOW).catch((e: AppError) => e.message)).toMatch(/known codes: essentials$/);
      expect(await getAvailability(agency.scope, query({ add_ons: "essentials" }), NOW).catch((e: AppError) => e.message)).toBe(
        'add_ons: no add-on "essentials" in your agency; known add-on codes: twilight',
      );
    });

    it("validates the query", () => {
      const base = { address: "1 Main St", package: "essentials" };
      expect(refusedFields(() => AvailabilityInput.parse({ package: "essentials" }))).toEqual(["address"]);
      expect(refusedFields(() => AvailabilityInput.parse({ ...base, address: "  " }))).toEqual(["address"]);
      expect(refusedFields(() => AvailabilityInput.parse({ address: "x" }))).toEqual(["package"]);
      expect(refusedFields(() => AvailabilityInput.parse({ ...base, from: "2027-02-30" }))).toEqual(["from"]);
      expect(refusedFields(() => AvailabilityInput.parse({ ...base, from: "2027-03-15T09:00:00-07:00" }))).toEqual(["from"]);
      for (const days of ["0", "32", "1.5", "x"]) expect(refusedFields(() => AvailabilityInput.parse({ ...base, days }))).toEqual(["days"]);
      expect(AvailabilityInput.parse({ ...base, days: "31" }).days).toBe(31);
      expect(AvailabilityInput.parse(base).days).toBe(7);
    });

    it("starts from today in the agency's zone by default", async () => {
      // 2027-03-16 03:00 UTC is still the 15th in Los Angeles.
      const result = await getAvailability(agency.scope, AvailabilityInput.parse({ address: "x", package: "essentials", days: 3 }), new Date("2027-03-16T03:00:00Z"));
      expect(result.from).toBe("2027-03-15");
      expect(result.slots[0]!.start.slice(0, 10)).toBe("2027-03-17"); // a day's notice
    });

    it("is the same wall-clock day on both sides of the spring change", async () => {
      const result = await getAvailability(agency.scope, query({ from: "2027-03-13", days: 3 }), NOW);
      const firstOn = (date: string) => result.slots.find((s) => s.start.startsWith(date))!.start;
      expect([firstOn("2027-03-13"), firstOn("2027-03-14"), firstOn("2027-03-15")]).toEqual([
        "2027-03-13T08:00:00-08:00",
        "2027-03-14T08:00:00-07:00",
        "2027-03-15T08:00:00-07:00",
      ]);
    });
  });

  describe("the demo", () => {
    it("offers sensible Northlight slots from the seeded hours and photographers", async () => {
      const { prisma } = testDb().db;
      await seedDemo(prisma, NOW);
      const northlight = await prisma.agency.findUniqueOrThrow({ where: { slug: "northlight" } });
      const scope = agencyScope(prisma, northlight.id, TEST_OPERATOR);
      const people = await prisma.user.findMany({ where: { agencyId: northlight.id, email: { in: ["lead@northlight.test", "pat.photo@northlight.test"] } } });
      const theo = people.find((p) => p.email.startsWith("lead"))!.id;
      const pat = people.find((p) => p.email.startsWith("pat"))!.id;
      // The week of Monday 2027-03-15.
      const week = await getAvailability(scope, AvailabilityInput.parse({ address: "1 Main", package: "essentials", from: "2027-03-15", days: 7 }), NOW);
      const on = (date: string, id: string) => week.slots.filter((s) => s.start.startsWith(date) && s.photographer_id === id).map((s) => s.start.slice(11, 16));
      expect(on("2027-03-15", theo)).toHaveLength(18); // Monday 8:00-16:30, Theo only
      expect(on("2027-03-15", pat)).toEqual([]);
      expect(on("2027-03-16", pat)).toHaveLength(18);
      expect(on("2027-03-20", pat)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30"]); // Saturday
      expect(on("2027-03-20", theo)).toEqual([]);
      expect(week.slots.some((s) => s.start.startsWith("2027-03-21"))).toBe(false); // Sunday
      const luxury = await getAvailability(scope, AvailabilityInput.parse({ address: "1 Main", package: "luxury", add_ons: "drone,twilight", from: "2027-03-15", days: 1 }), NOW);
      expect(luxury.duration_minutes).toBe(300);
      expect(luxury.slots.at(-1)!.start).toBe("2027-03-15T13:00:00-07:00");
    });
  });
});
