// The dashboard calendar's data on PostgreSQL and PGlite: whole days in the agency's zone, shoots
// and blocked time that overlap them (cancelled shoots left out), never another agency's.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { withSchedule } from "../testing/scheduling";
import { createListing } from "../listings/create-listing";
import { scheduleShoot } from "../shoots/schedule-shoot";
import { appRouter } from "../api/root";
import { createCallerFactory, type UserActor } from "../api/trpc";
import { AddBlockInput } from "../api/routers/scheduling/schemas";
import { addBlockedTime } from "./settings";
import { getCalendar } from "./calendar-view";

describeEachDatabase("calendar", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let photographers: string[];

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    photographers = await withSchedule(agency);
    await withSchedule(other);
    const listing = await createListing(agency.scope, { address: "12 Week St", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
    // Monday 2027-03-15 (PDT, -07:00): one shoot early, one late in the evening (03:30 UTC next day).
    await scheduleShoot(agency.scope, { listing_number: listing.listingNumber, starts_at: "2027-03-15T09:00:00-07:00", photographer_id: photographers[0] });
    await scheduleShoot(agency.scope, { listing_number: listing.listingNumber, starts_at: "2027-03-15T20:30:00-07:00", photographer_id: photographers[1] });
    // The next Monday, outside a one-day range.
    await scheduleShoot(agency.scope, { listing_number: listing.listingNumber, starts_at: "2027-03-22T09:00:00-07:00" });
    await addBlockedTime(agency.scope, AddBlockInput.parse({ from: "2027-03-15T12:00:00-07:00", to: "2027-03-15T13:00:00-07:00", reason: "lunch" }));
    await addBlockedTime(agency.scope, AddBlockInput.parse({ from: "2027-03-16", to: "2027-03-16", photographer: photographers[0], reason: "day off" }));
    const otherListing = await createListing(other.scope, { address: "1 Elsewhere", owner_user_id: other.owner.id, agent_one_id: other.agents[0]!.id });
    await scheduleShoot(other.scope, { listing_number: otherListing.listingNumber, starts_at: "2027-03-15T10:00:00-07:00" });
  });

  it("returns one day's shoots and blocked time in the agency's zone, by the agency's midnight", async () => {
    const day = await getCalendar(agency.scope, { start: "2027-03-15", days: 1 });
    expect(day).toMatchObject({ timezone: "America/Los_Angeles", timezone_abbreviation: "PDT", start: "2027-03-15T00:00:00-07:00", end: "2027-03-16T00:00:00-07:00" });
    expect(day.shoots.map((s) => [s.starts_at, s.photographer_id, s.address])).toEqual([
      ["2027-03-15T09:00:00-07:00", photographers[0], "12 Week St"],
      ["2027-03-15T20:30:00-07:00", photographers[1], "12 Week St"],
    ]);
    expect(day.blocked.map((b) => [b.reason, b.photographer_id])).toEqual([["lunch", null]]);
    expect(day.photographers.map((p) => p.user_id).sort()).toEqual(photographers);
  });

  it("spans a week, and leaves cancelled shoots out", async () => {
    const week = await getCalendar(agency.scope, { start: "2027-03-15", days: 7 });
    expect(week.shoots).toHaveLength(2);
    expect(week.blocked.map((b) => b.reason)).toEqual(["lunch", "day off"]);
    const next = await getCalendar(agency.scope, { start: "2027-03-21", days: 7 });
    expect(next.shoots.map((s) => s.photographer_id)).toEqual([null]);
    await testDb().db.prisma.shoot.updateMany({ where: { agencyId: agency.id, startsAt: new Date("2027-03-22T16:00:00Z") }, data: { status: "cancelled", cancelledAt: new Date() } });
    expect((await getCalendar(agency.scope, { start: "2027-03-21", days: 7 })).shoots).toEqual([]);
  });

  it("is read through scheduling.calendar by anyone in the agency, and never shows another agency's shoots", async () => {
    const caller = (actor: UserActor) => createCallerFactory(appRouter)({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://x" });
    const agent: UserActor = { kind: "user", userId: agency.agents[0]!.id, name: "x", email: "x@x.test", role: "agent", agencyId: agency.id, actingForAgencyId: null };
    const seen = await caller(agent).scheduling.calendar({ start: "2027-03-15", days: 1 });
    expect(seen.shoots.every((s) => s.address === "12 Week St")).toBe(true);
    await expect(caller(agent).scheduling.calendar({ start: "2027-03-15", days: 8 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller(agent).scheduling.calendar({ start: "15/03/2027", days: 1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const theirs = await getCalendar(other.scope, { start: "2027-03-15", days: 1 });
    expect(theirs.shoots.map((s) => s.address)).toEqual(["1 Elsewhere"]);
  });
});
