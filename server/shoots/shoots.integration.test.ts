// Booking, rescheduling, cancelling and completing shoots against a real database, on PostgreSQL
// and PGlite, including bookings racing for one slot, and the shoot.* events each change writes.
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { withSchedule } from "../testing/scheduling";
import { AppError } from "../errors";
import { createListing } from "../listings/create-listing";
import { changeListingStatus } from "../listings/change-status";
import { cancelListing } from "../listings/cancel-listing";
import { loadListing, toListingDto } from "../listings/load";
import { createPackage } from "../packages/packages";
import { AddBlockInput, AvailabilityInput } from "../api/routers/scheduling/schemas";
import { BookShootInput, RescheduleShootInput, ShootPathInput } from "../api/routers/shoots/schemas";
import { addBlockedTime, removePhotographer } from "../scheduling/settings";
import { getAvailability } from "../scheduling/availability";
import { EVENT_CATALOG } from "../webhooks/catalog";
import type { AgencyScope } from "../db/tenant";
import { bookShoot, cancelShoot, completeShoot, rescheduleShoot } from "./shoots";
import { scheduleShoot } from "./schedule-shoot";

const NOW = new Date("2027-03-01T00:00:00Z");
const HOUR = 3_600_000;

describeEachDatabase("shoots", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  let photographers: string[];

  const listing = async (a: TestAgency = agency, pkg: string | null = "essentials") =>
    (await createListing(a.scope, { address: "12 Elm St", owner_user_id: a.owner.id, agent_one_id: a.agents[0]!.id, package: pkg })).listingNumber;
  const book = (raw: Record<string, unknown>, a: TestAgency = agency, now = NOW) => bookShoot(a.scope, BookShootInput.parse(raw), now);
  const reschedule = (raw: Record<string, unknown>, now = NOW, a: TestAgency = agency) => rescheduleShoot(a.scope, RescheduleShootInput.parse(raw), now);
  const cancel = (raw: Record<string, unknown>, now = NOW, a: TestAgency = agency) => cancelShoot(a.scope, ShootPathInput.parse(raw), now);
  const complete = (raw: Record<string, unknown>, now: Date, scope: AgencyScope = agency.scope) => completeShoot(scope, ShootPathInput.parse(raw), now);
  /** The agency's events of one type about one shoot, oldest first, each checked against the catalog. */
  const shootEvents = async (type: "shoot.scheduled" | "shoot.completed", shootId: string, a: TestAgency = agency) => {
    const events = await testDb().db.prisma.webhookEvent.findMany({ where: { agencyId: a.id, type }, orderBy: { id: "asc" } });
    const mine = events.filter((e) => (e.data as { shoot_id?: string }).shoot_id === shootId);
    for (const e of mine) {
      expect(EVENT_CATALOG[type].data.safeParse(e.data).success, `${type} matches the catalog`).toBe(true);
      expect(e.apiVersion).toBe(EVENT_CATALOG[type].apiVersion);
    }
    return mine.map((e) => e.data);
  };
  const reasonOf = (promise: Promise<unknown>) =>
    promise.then(
      () => "ok",
      (error: unknown) => {
        if (error instanceof AppError) return `${error.code}: ${error.message}`;
        throw error;
      },
    );

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
    photographers = await withSchedule(agency);
    await withSchedule(other);
    await createPackage(agency.scope, { code: "twilight", name: "Twilight", kind: "add_on", duration_minutes: 30, price_cents: 100 });
    await createPackage(agency.scope, { code: "premium", name: "Premium", duration_minutes: 150, price_cents: 100 });
  });

  describe("booking", () => {
    it("books an offered slot with the first free photographer, for the listing's package, and shows it on the listing", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n.toLowerCase(), start: "2027-03-16T09:00:00-07:00" });
      expect(shoot).toMatchObject({
        listing_number: n,
        status: "scheduled",
        starts_at: "2027-03-16T16:00:00.000Z",
        ends_at: "2027-03-16T17:30:00.000Z",
        starts_at_local: "2027-03-16T09:00:00-07:00",
        ends_at_local: "2027-03-16T10:30:00-07:00",
        timezone: "America/Los_Angeles",
        duration_minutes: 90,
        photographer_id: photographers[0],
        package: "essentials",
        rescheduled_at: null,
        cancelled_at: null,
      });
      expect(shoot.shoot_id).toMatch(/^shoot_[0-9A-Z]{26}$/);
      const dto = toListingDto(await loadListing(agency.scope.db, n), "http://x");
      expect(dto.shoots).toEqual([
        {
          shoot_id: shoot.shoot_id,
          status: "scheduled",
          starts_at: shoot.starts_at,
          ends_at: shoot.ends_at,
          photographer_id: photographers[0],
          package: "essentials",
          rescheduled_at: null,
          completed_at: null,
        },
      ]);
      // Availability no longer offers photographer 0 from 7:30 (buffer) to 11:00; photographer 1 still is.
      const slots = (await getAvailability(agency.scope, AvailabilityInput.parse({ address: "x", package: "essentials", from: "2027-03-16", days: 1 }), NOW)).slots;
      const first = slots.filter((s) => s.photographer_id === photographers[0]).map((s) => s.start.slice(11, 16));
      expect(first.slice(0, 2)).toEqual(["11:00", "11:30"]);
      expect(slots.some((s) => s.photographer_id === photographers[1] && s.start === "2027-03-16T09:00:00-07:00")).toBe(true);
      // The same start again goes to the other photographer; a third time, nobody is left.
      expect((await book({ listing_number: n, start: "2027-03-16T16:00:00Z" })).photographer_id).toBe(photographers[1]);
      expect(await reasonOf(book({ listing_number: n, start: "2027-03-16T09:00:00-07:00" }))).toMatch(/^slot_unavailable: .*no photographer is free/);
    });

    it("books the named photographer, a package named in the request, and add-ons' minutes", async () => {
      const n = await listing(agency, null);
      const shoot = await book({ listing_number: n, start: "2027-03-17T13:00:00-07:00", photographer_id: photographers[1], package: "premium", add_ons: ["TWILIGHT"] });
      expect(shoot).toMatchObject({ photographer_id: photographers[1], package: "premium", duration_minutes: 180, ends_at_local: "2027-03-17T16:00:00-07:00" });
      // Too long to fit before closing with the add-on.
      expect(await reasonOf(book({ listing_number: n, start: "2027-03-17T15:30:00-07:00", package: "premium", add_ons: ["twilight"] }))).toMatch(
        /^slot_unavailable: .*outside business hours.*must start between 2027-03-17T08:00:00-07:00 and 2027-03-17T15:00:00-07:00/,
      );
    });

    it("refuses what availability would not offer, says why, and writes nothing", async () => {
      const n = await listing();
      const block = await addBlockedTime(agency.scope, AddBlockInput.parse({ from: "2027-03-19", to: "2027-03-19", reason: "Holiday" }));
      const dayOff = await addBlockedTime(agency.scope, AddBlockInput.parse({ photographer: photographers[1], from: "2027-03-22", to: "2027-03-22", reason: "vacation" }));
      const before = await agency.scope.db.shoot.count();
      const cases: [string, Record<string, unknown>, RegExp][] = [
        ["before opening", { start: "2027-03-18T07:30:00-07:00" }, /outside business hours: Thursday 08:00-18:00/],
        ["ending after closing", { start: "2027-03-18T17:00:00-07:00" }, /outside business hours/],
        ["off the grid", { start: "2027-03-18T09:10:00-07:00" }, /not an offered start: starts are every 30 minutes from 08:00/],
        ["too soon", { start: "2027-03-01T09:00:00-08:00" }, /too soon: shoots must be booked at least 1440 minutes ahead/],
        ["an agency holiday", { start: "2027-03-19T09:00:00-07:00" }, /blocked for the whole agency \(Holiday\)/],
        ["the named photographer's day off", { start: "2027-03-22T09:00:00-07:00", photographer_id: photographers[1] }, /is off then \(vacation\)/],
      ];
      for (const [label, body, reason] of cases) {
        const result = await reasonOf(book({ listing_number: n, ...body }));
        expect(result, label).toMatch(/^slot_unavailable: /);
        expect(result, label).toMatch(reason);
      }
      expect(await agency.scope.db.shoot.count()).toBe(before);
      // Photographer 0 still takes the 22nd.
      expect((await book({ listing_number: n, start: "2027-03-22T09:00:00-07:00" })).photographer_id).toBe(photographers[0]);
      await agency.scope.db.blockedTime.deleteMany({ where: { id: { in: [block.id, dayOff.id] } } });
    });

    it("needs a package and known codes (422 naming the field), an active photographer, and a listing that is not final", async () => {
      const bare = await listing(agency, null);
      const fieldOf = (promise: Promise<unknown>) => promise.then(() => "ok", (e: AppError) => `${e.code} ${e.details?.[0]?.field}`);
      expect(await fieldOf(book({ listing_number: bare, start: "2027-03-18T09:00:00-07:00" }))).toBe("invalid_reference package");
      expect(await fieldOf(book({ listing_number: bare, start: "2027-03-18T09:00:00-07:00", package: "platinum" }))).toBe("invalid_reference package");
      expect(await fieldOf(book({ listing_number: bare, start: "2027-03-18T09:00:00-07:00", package: "essentials", add_ons: ["disco"] }))).toBe("invalid_reference add_ons");
      expect(await fieldOf(book({ listing_number: bare, start: "2027-03-18T09:00:00-07:00", package: "essentials", photographer_id: agency.owner.id }))).toBe(
        "invalid_reference photographer_id",
      );
      expect(await fieldOf(book({ listing_number: bare, start: "2027-03-18T09:00:00-07:00", package: "essentials", photographer_id: other.agents[0]!.id }))).toBe(
        "invalid_reference photographer_id",
      );
      const sold = await listing();
      await changeListingStatus(agency.scope, sold, "Active");
      await changeListingStatus(agency.scope, sold, "Sold");
      expect(await errorCodeOf(book({ listing_number: sold, start: "2027-03-18T09:00:00-07:00" }))).toBe("lifecycle_violation");
      const cancelled = await listing();
      await cancelListing(agency.scope, cancelled);
      expect(await errorCodeOf(book({ listing_number: cancelled, start: "2027-03-18T09:00:00-07:00" }))).toBe("lifecycle_violation");
      expect(await errorCodeOf(book({ listing_number: await listing(other), start: "2027-03-18T09:00:00-07:00" }))).toBe("listing_not_found");
    });

    it("gives one of two concurrent bookings of the same photographer's slot, and 409 to the other", async () => {
      for (let round = 0; round < 4; round++) {
        const start = `2027-04-0${round + 5}T10:00:00-07:00`;
        const [a, b] = [await listing(), await listing()];
        const results = await Promise.allSettled([
          book({ listing_number: a, start, photographer_id: photographers[0] }),
          book({ listing_number: b, start, photographer_id: photographers[0] }),
        ]);
        const won = results.filter((r) => r.status === "fulfilled");
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(won, `round ${round}`).toHaveLength(1);
        expect((lost[0]!.reason as AppError).code).toBe("slot_unavailable");
        expect(await agency.scope.db.shoot.count({ where: { photographerId: photographers[0], startsAt: new Date(start) } })).toBe(1);
      }
    });

    it("gives three concurrent bookings of one start to the two photographers, and 409 to the third", async () => {
      const start = "2027-04-12T10:00:00-07:00";
      const numbers = [await listing(), await listing(), await listing()];
      const results = await Promise.allSettled(numbers.map((n) => book({ listing_number: n, start })));
      const taken = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.photographer_id] : []));
      expect(taken.sort()).toEqual(photographers);
      expect(results.filter((r) => r.status === "rejected").map((r) => ((r as PromiseRejectedResult).reason as AppError).code)).toEqual(["slot_unavailable"]);
    });
  });

  describe("rescheduling", () => {
    it("moves the shoot (ignoring its own slot), keeps its length and photographer, and sets rescheduled_at", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n, start: "2027-03-23T09:00:00-07:00", add_ons: ["twilight"] });
      // 30 minutes later overlaps its own current slot: allowed, since that slot is being given up.
      const later = new Date("2027-03-02T00:00:00Z");
      const moved = await reschedule({ listing_number: n, shoot_id: shoot.shoot_id.toLowerCase(), start: "2027-03-23T09:30:00-07:00" }, later);
      expect(moved).toMatchObject({
        shoot_id: shoot.shoot_id,
        starts_at_local: "2027-03-23T09:30:00-07:00",
        ends_at_local: "2027-03-23T11:30:00-07:00",
        duration_minutes: 120,
        photographer_id: shoot.photographer_id,
        rescheduled_at: later.toISOString(),
        created_at: shoot.created_at,
      });
      // To a start where its photographer is busy: the other photographer takes it.
      const blocker = await book({ listing_number: await listing(), start: "2027-03-24T09:00:00-07:00", photographer_id: shoot.photographer_id });
      const swapped = await reschedule({ listing_number: n, shoot_id: shoot.shoot_id, start: "2027-03-24T09:00:00-07:00" });
      expect(swapped.photographer_id).not.toBe(blocker.photographer_id);
      // Naming the busy photographer is refused, and nothing changes.
      expect(await reasonOf(reschedule({ listing_number: n, shoot_id: shoot.shoot_id, start: "2027-03-24T09:30:00-07:00", photographer_id: blocker.photographer_id }))).toMatch(
        /^slot_unavailable: .* is booked then/,
      );
      expect(await reasonOf(reschedule({ listing_number: n, shoot_id: shoot.shoot_id, start: "2027-03-24T07:00:00-07:00" }))).toMatch(/outside business hours/);
      expect((await loadListing(agency.scope.db, n)).shoots[0]!.startsAt.toISOString()).toBe(swapped.starts_at);
    });

    it("is 404 for an unknown shoot, another listing's or another agency's, and 422 for one not scheduled", async () => {
      const n = await listing();
      const mine = await book({ listing_number: n, start: "2027-03-25T09:00:00-07:00" });
      const elsewhere = await listing();
      const theirs = await book({ listing_number: await listing(other), start: "2027-03-25T09:00:00-07:00" }, other);
      const start = "2027-03-26T09:00:00-07:00";
      expect(await errorCodeOf(reschedule({ listing_number: n, shoot_id: "shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF", start }))).toBe("shoot_not_found");
      expect(await errorCodeOf(reschedule({ listing_number: elsewhere, shoot_id: mine.shoot_id, start }))).toBe("shoot_not_found");
      expect(await errorCodeOf(reschedule({ listing_number: n, shoot_id: theirs.shoot_id, start }))).toBe("shoot_not_found");
      expect(await errorCodeOf(reschedule({ listing_number: theirs.listing_number, shoot_id: theirs.shoot_id, start }))).toBe("listing_not_found");
      expect(await errorCodeOf(cancel({ listing_number: n, shoot_id: theirs.shoot_id }))).toBe("shoot_not_found");
      await cancel({ listing_number: n, shoot_id: mine.shoot_id });
      expect(await errorCodeOf(reschedule({ listing_number: n, shoot_id: mine.shoot_id, start }))).toBe("lifecycle_violation");
      // A shoot under way cannot be moved.
      const live = await book({ listing_number: n, start: "2027-03-26T13:00:00-07:00" });
      expect(await errorCodeOf(reschedule({ listing_number: n, shoot_id: live.shoot_id, start: "2027-03-27T13:00:00-07:00" }, new Date("2027-03-26T13:30:00-07:00")))).toBe(
        "lifecycle_violation",
      );
      // The other agency's shoot is untouched.
      expect((await other.scope.db.shoot.findUniqueOrThrow({ where: { id: theirs.shoot_id } })).status).toBe("scheduled");
    });

    it("keeps a removed photographer's shoot movable to someone still active", async () => {
      const scratch = await makeAgency(testDb().db.prisma);
      const [first, second] = await withSchedule(scratch);
      const n = await listing(scratch);
      const shoot = await book({ listing_number: n, start: "2027-03-23T09:00:00-07:00", photographer_id: first }, scratch);
      await removePhotographer(scratch.scope, { user: first! });
      const moved = await reschedule({ listing_number: n, shoot_id: shoot.shoot_id, start: "2027-03-23T10:00:00-07:00" }, NOW, scratch);
      expect(moved.photographer_id).toBe(second);
    });
  });

  describe("completing", () => {
    it("completes a started shoot: status, completed_at, one shoot.completed event with the catalog's data; not twice", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n, start: "2027-04-20T09:00:00-07:00" });
      const at = new Date(new Date(shoot.starts_at).getTime() + 30 * 60_000); // under way: a photographer may finish early
      const completed = await complete({ listing_number: n.toLowerCase(), shoot_id: shoot.shoot_id.toLowerCase() }, at);
      expect(completed).toEqual({ ...shoot, status: "completed", completed_at: at.toISOString() });
      expect((await loadListing(agency.scope.db, n)).shoots[0]).toMatchObject({ status: "completed", completedAt: at });
      expect(toListingDto(await loadListing(agency.scope.db, n), "http://x").shoots[0]).toMatchObject({ status: "completed", completed_at: at.toISOString() });
      expect(await shootEvents("shoot.completed", shoot.shoot_id)).toEqual([
        {
          shoot_id: shoot.shoot_id,
          listing_number: n,
          status: "completed",
          starts_at: shoot.starts_at,
          ends_at: shoot.ends_at,
          photographer_id: shoot.photographer_id,
          package: "essentials",
          completed_at: at.toISOString(),
        },
      ]);
      expect(await reasonOf(complete({ listing_number: n, shoot_id: shoot.shoot_id }, new Date(at.getTime() + HOUR)))).toBe(
        `lifecycle_violation: Shoot ${shoot.shoot_id} is completed; only a scheduled shoot can be completed.`,
      );
      expect(await errorCodeOf(cancel({ listing_number: n, shoot_id: shoot.shoot_id }, new Date(at.getTime() + 2 * HOUR)))).toBe("lifecycle_violation");
      expect(await shootEvents("shoot.completed", shoot.shoot_id)).toHaveLength(1);
    });

    it("refuses a shoot that has not started, saying when it starts; completes it from its start on", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n, start: "2027-04-21T09:00:00-07:00" });
      const start = new Date(shoot.starts_at);
      expect(await reasonOf(complete({ listing_number: n, shoot_id: shoot.shoot_id }, new Date(start.getTime() - 60_000)))).toBe(
        `lifecycle_violation: Shoot ${shoot.shoot_id} starts at 2027-04-21T16:00:00.000Z; it cannot be completed before it has started.`,
      );
      expect((await loadListing(agency.scope.db, n)).shoots[0]).toMatchObject({ status: "scheduled", completedAt: null });
      expect(await shootEvents("shoot.completed", shoot.shoot_id)).toEqual([]);
      expect((await complete({ listing_number: n, shoot_id: shoot.shoot_id }, start)).status).toBe("completed");
    });

    it("refuses a cancelled shoot and a cancelled listing's; completes a Sold listing's", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n, start: "2027-04-22T09:00:00-07:00" });
      await cancel({ listing_number: n, shoot_id: shoot.shoot_id });
      const after = new Date(new Date(shoot.ends_at).getTime() + HOUR);
      expect(await reasonOf(complete({ listing_number: n, shoot_id: shoot.shoot_id }, after))).toMatch(/^lifecycle_violation: .* is cancelled; only a scheduled shoot/);

      // Cancelling the listing cancels its shoots; the listing's state is what the refusal names.
      const gone = await listing();
      const lost = await book({ listing_number: gone, start: "2027-04-22T13:00:00-07:00" });
      await cancelListing(agency.scope, gone);
      expect(await reasonOf(complete({ listing_number: gone, shoot_id: lost.shoot_id }, new Date(new Date(lost.ends_at).getTime() + HOUR)))).toBe(
        `lifecycle_violation: Listing ${gone} is Cancelled; its shoots cannot be completed.`,
      );

      // The shoot took place, the house sold before anyone marked it: the record can still be made.
      const sold = await listing();
      const past = await scheduleShoot(agency.scope, { listing_number: sold, starts_at: "2027-02-20T17:00:00Z" });
      await changeListingStatus(agency.scope, sold, "Active");
      await changeListingStatus(agency.scope, sold, "Sold");
      expect(await complete({ listing_number: sold, shoot_id: past.id }, NOW)).toMatchObject({ status: "completed", completed_at: NOW.toISOString(), package: null });
      expect(await shootEvents("shoot.completed", past.id)).toEqual([expect.objectContaining({ package: null, photographer_id: null, completed_at: NOW.toISOString() })]);
      for (const id of [shoot.shoot_id, lost.shoot_id]) expect(await shootEvents("shoot.completed", id)).toEqual([]);
    });

    it("is 404 for an unknown shoot, another listing's and another agency's, and leaves theirs alone", async () => {
      const n = await listing();
      const mine = await book({ listing_number: n, start: "2027-04-23T09:00:00-07:00" });
      const theirs = await book({ listing_number: await listing(other), start: "2027-04-23T09:00:00-07:00" }, other);
      const later = new Date("2027-04-24T00:00:00Z");
      expect(await errorCodeOf(complete({ listing_number: n, shoot_id: "shoot_01JD3Q6W4ZKXY3T5V7B9C1D2EF" }, later))).toBe("shoot_not_found");
      expect(await errorCodeOf(complete({ listing_number: await listing(), shoot_id: mine.shoot_id }, later))).toBe("shoot_not_found");
      expect(await errorCodeOf(complete({ listing_number: n, shoot_id: theirs.shoot_id }, later))).toBe("shoot_not_found");
      expect(await errorCodeOf(complete({ listing_number: theirs.listing_number, shoot_id: theirs.shoot_id }, later))).toBe("listing_not_found");
      expect((await other.scope.db.shoot.findUniqueOrThrow({ where: { id: theirs.shoot_id } })).status).toBe("scheduled");
      expect(await shootEvents("shoot.completed", theirs.shoot_id, other)).toEqual([]);
    });

    it("writes the change and its event in one transaction: a failure before commit leaves neither", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n, start: "2027-04-26T09:00:00-07:00" });
      // The same scope, except that each transaction fails after its work is done, before it commits.
      const failing: AgencyScope = {
        ...agency.scope,
        db: new Proxy(agency.scope.db, {
          get(target, property, receiver) {
            if (property !== "$transaction") return Reflect.get(target, property, receiver);
            return (work: (tx: unknown) => Promise<unknown>) =>
              target.$transaction(async (tx) => {
                await work(tx);
                throw new Error("the database went away before commit");
              });
          },
        }),
      };
      const later = new Date("2027-04-27T00:00:00Z");
      await expect(complete({ listing_number: n, shoot_id: shoot.shoot_id }, later, failing)).rejects.toThrow("before commit");
      expect((await loadListing(agency.scope.db, n)).shoots[0]).toMatchObject({ status: "scheduled", completedAt: null });
      expect(await shootEvents("shoot.completed", shoot.shoot_id)).toEqual([]);
      // Nothing was half-done: it completes normally afterwards, with one event.
      await complete({ listing_number: n, shoot_id: shoot.shoot_id }, later);
      expect(await shootEvents("shoot.completed", shoot.shoot_id)).toHaveLength(1);
    });
  });

  describe("scheduling by an operator (the CLI's override)", () => {
    it("sends shoot.scheduled with the same data as booking through the API", async () => {
      const n = await listing();
      const booked = await book({ listing_number: n, start: "2027-04-28T09:00:00-07:00" });
      const scheduled = await scheduleShoot(agency.scope, {
        listing_number: n.toLowerCase(),
        starts_at: "2027-04-28T13:00:00-07:00",
        duration_minutes: 60,
        photographer_id: photographers[1],
      });
      const [apiEvent] = await shootEvents("shoot.scheduled", booked.shoot_id);
      const [cliEvent] = await shootEvents("shoot.scheduled", scheduled.id);
      expect(Object.keys(cliEvent as object).sort()).toEqual(Object.keys(apiEvent as object).sort());
      expect(cliEvent).toEqual({
        shoot_id: scheduled.id,
        listing_number: n,
        status: "scheduled",
        starts_at: "2027-04-28T20:00:00.000Z",
        ends_at: "2027-04-28T21:00:00.000Z",
        photographer_id: photographers[1],
        package: null,
      });
      // Refused (a final listing): no shoot, no event.
      const before = await testDb().db.prisma.webhookEvent.count({ where: { agencyId: agency.id, type: "shoot.scheduled" } });
      const cancelled = await listing();
      await cancelListing(agency.scope, cancelled);
      expect(await errorCodeOf(scheduleShoot(agency.scope, { listing_number: cancelled, starts_at: "2027-04-28T13:00:00-07:00" }))).toBe("lifecycle_violation");
      expect(await testDb().db.prisma.webhookEvent.count({ where: { agencyId: agency.id, type: "shoot.scheduled" } })).toBe(before);
    });
  });

  describe("cancelling", () => {
    it("cancels outside the 24-hour window, refuses inside it or under way, and refuses twice", async () => {
      const n = await listing();
      const shoot = await book({ listing_number: n, start: "2027-03-30T09:00:00-07:00" });
      const start = new Date(shoot.starts_at).getTime();
      expect(await reasonOf(cancel({ listing_number: n, shoot_id: shoot.shoot_id }, new Date(start - 23 * HOUR)))).toMatch(
        /^cancellation_window_active: .*within 24 hours/,
      );
      expect(await errorCodeOf(cancel({ listing_number: n, shoot_id: shoot.shoot_id }, new Date(start + HOUR)))).toBe("cancellation_window_active");
      expect((await loadListing(agency.scope.db, n)).shoots[0]!.status).toBe("scheduled");
      const at = new Date(start - 25 * HOUR);
      const cancelled = await cancel({ listing_number: n, shoot_id: shoot.shoot_id }, at);
      expect(cancelled).toMatchObject({ status: "cancelled", cancelled_at: at.toISOString() });
      expect(await errorCodeOf(cancel({ listing_number: n, shoot_id: shoot.shoot_id }, at))).toBe("lifecycle_violation");
      // Its slot is free again.
      expect((await book({ listing_number: n, start: "2027-03-30T09:00:00-07:00", photographer_id: shoot.photographer_id })).photographer_id).toBe(shoot.photographer_id);
    });
  });
});
