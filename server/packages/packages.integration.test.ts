// Managing packages and add-ons (create, edit, retire, un-retire) and who may, on PostgreSQL and PGlite.
import { beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { AppError } from "../errors";
import { appRouter } from "../api/root";
import { createCallerFactory, type UserActor } from "../api/trpc";
import { createListing } from "../listings/create-listing";
import { listListingOrders } from "../listings/orders";
import { getAvailability } from "../scheduling/availability";
import { AvailabilityInput } from "../api/routers/scheduling/schemas";
import { withSchedule } from "../testing/scheduling";
import { createPackage, setPackageRetired, updatePackage } from "./packages";
import { listPackages } from "./list-packages";

describeEachDatabase("packages", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    other = await makeAgency(testDb().db.prisma);
  });

  const caller = (actor: UserActor) => createCallerFactory(appRouter)({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://x" });
  const member = (a: TestAgency, id: string, role: UserActor["role"]): UserActor => ({ kind: "user", userId: id, name: "x", email: "x@x.test", role, agencyId: a.id, actingForAgencyId: null });
  const owner = () => member(agency, agency.owner.id, "owner");
  const admin = (actingFor: string | null): UserActor => ({ kind: "user", userId: "user_admin", name: "Ops", email: "ops@valara.test", role: "admin", agencyId: null, actingForAgencyId: actingFor });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
    return { code: error.code, status: error.status, fields: error.details?.map((d) => d.field) ?? [], message: error.message };
  };

  describe("create and edit", () => {
    it("creates a package and an add-on the list shows, with prices and durations", async () => {
      const created = await caller(owner()).packages.create({ code: "Premium", name: "Premium Photo", duration_minutes: 120, price_cents: 39_900 });
      expect(created).toEqual({ code: "premium", name: "Premium Photo", kind: "package", duration_minutes: 120, price_cents: 39_900, currency: "USD", retired_at: null });
      await caller(owner()).packages.create({ code: "dusk", name: "Dusk", kind: "add_on", duration_minutes: 0, price_cents: 9_900, currency: "usd" });
      const list = await caller(owner()).packages.list();
      expect(list.map((p) => [p.code, p.kind])).toEqual([
        ["essentials", "package"],
        ["premium", "package"],
        ["dusk", "add_on"],
      ]);
    });

    it("refuses a taken code, a short package and bad fields, naming the field", async () => {
      expect(await refusal(createPackage(agency.scope, { code: "premium", name: "Again", duration_minutes: 60, price_cents: 1 }))).toMatchObject({ code: "conflict", status: 409, fields: ["code"] });
      expect(await refusal(createPackage(agency.scope, { code: "quick", name: "Quick", duration_minutes: 10, price_cents: 1 }))).toMatchObject({ code: "validation_failed", fields: ["duration_minutes"] });
      const bad = await caller(owner()).packages.create({ code: "bad code!", name: "", duration_minutes: 1.5, price_cents: -1, currency: "dollars" }).catch((e: unknown) => e);
      expect(await errorCodeOf(Promise.reject(bad))).toBe("validation_failed");
      // The same code in another agency is that agency's own.
      await createPackage(other.scope, { code: "premium", name: "Other premium", duration_minutes: 60, price_cents: 100 });
    });

    it("edits name, price, duration and currency; the code and kind stay", async () => {
      const updated = await caller(owner()).packages.update({ code: "premium", name: "Premium Plus", price_cents: 42_000, duration_minutes: 150, currency: "cad" });
      expect(updated).toMatchObject({ code: "premium", kind: "package", name: "Premium Plus", price_cents: 42_000, duration_minutes: 150, currency: "CAD" });
      // Only what is sent changes.
      expect(await caller(owner()).packages.update({ code: "premium", currency: "USD" })).toMatchObject({ name: "Premium Plus", currency: "USD" });
      // The code is not an editable field (strict input): renaming it is refused.
      expect(await errorCodeOf(caller(owner()).packages.update({ code: "premium", new_code: "prem" } as never))).toBe("validation_failed");
      expect(await refusal(updatePackage(agency.scope, { code: "premium", duration_minutes: 5 }))).toMatchObject({ fields: ["duration_minutes"] });
      // An add-on may add no time.
      expect(await updatePackage(agency.scope, { code: "dusk", duration_minutes: 0 })).toMatchObject({ durationMinutes: 0 });
      expect(await refusal(updatePackage(agency.scope, { code: "nope", name: "x" }))).toMatchObject({ code: "not_found", status: 404, fields: ["code"] });
      // Another agency's package is not found, and is not changed.
      expect(await refusal(updatePackage(other.scope, { code: "dusk", name: "Stolen" }))).toMatchObject({ code: "not_found" });
      expect((await listPackages(other.scope)).find((p) => p.code === "premium")).toMatchObject({ name: "Other premium" });
    });

    it("a past order keeps the lines it was billed with after an edit", async () => {
      await createPackage(agency.scope, { code: "basic", name: "Basic", duration_minutes: 60, price_cents: 10_000 });
      const tour = await createListing(agency.scope, { address: "1 Edit St", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "basic", add_ons: ["dusk"] }, "http://x");
      await updatePackage(agency.scope, { code: "basic", name: "Basic v2", price_cents: 12_000 });
      const [order] = (await listListingOrders(agency.scope, tour.listingNumber, { limit: 5 })).items;
      expect(order!.line_items.map((l) => [l.package, l.description, l.unit_price_cents])).toEqual([
        ["basic", "Basic", 10_000],
        ["dusk", "Dusk", 9_900],
      ]);
    });
  });

  describe("retire", () => {
    it("retires and un-retires, idempotently; the list hides retired ones unless asked", async () => {
      const first = await caller(owner()).packages.retire({ code: "basic" });
      expect(first.retired_at).toEqual(expect.any(String));
      const again = await caller(owner()).packages.retire({ code: "BASIC" });
      expect(again.retired_at).toBe(first.retired_at);
      expect((await caller(owner()).packages.list()).map((p) => p.code)).not.toContain("basic");
      const all = await caller(owner()).packages.list({ include_retired: true });
      expect(all.find((p) => p.code === "basic")).toMatchObject({ retired_at: first.retired_at });
      expect(await caller(owner()).packages.unretire({ code: "basic" })).toMatchObject({ retired_at: null });
      expect((await caller(owner()).packages.list()).map((p) => p.code)).toContain("basic");
      expect(await caller(owner()).packages.unretire({ code: "basic" })).toMatchObject({ retired_at: null });
    });

    it("a retired package or add-on is refused for new listings (422 naming the field), past orders keep it", async () => {
      const listing = (extra: { package: string; add_ons?: string[] }) =>
        createListing(agency.scope, { address: "2 Retire Rd", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, ...extra }, "http://x");
      const before = await listing({ package: "basic", add_ons: ["dusk"] });
      await setPackageRetired(agency.scope, "basic", true);
      const refused = await refusal(listing({ package: "basic" }));
      expect(refused).toMatchObject({ code: "invalid_reference", status: 422, fields: ["package"] });
      expect(refused.message).toContain('"basic" is retired');
      expect(refused.message).not.toMatch(/active codes: .*basic/);
      await setPackageRetired(agency.scope, "dusk", true);
      expect(await refusal(listing({ package: "essentials", add_ons: ["dusk"] }))).toMatchObject({ code: "invalid_reference", fields: ["add_ons"] });
      // The listing made before still shows its order, with the retired package's lines.
      const [order] = (await listListingOrders(agency.scope, before.listingNumber, { limit: 5 })).items;
      expect(order!.line_items.map((l) => l.package)).toEqual(["basic", "dusk"]);
      // Availability for a listing that has a retired package still works (its shoots can be booked).
      await withSchedule(agency);
      const slots = await getAvailability(agency.scope, AvailabilityInput.parse({ address: "2 Retire Rd", package: "basic", days: 1, from: "2031-03-03" }));
      expect(slots.package).toMatchObject({ code: "basic" });
      await setPackageRetired(agency.scope, "basic", false);
      await setPackageRetired(agency.scope, "dusk", false);
      expect(await listing({ package: "basic", add_ons: ["dusk"] })).toMatchObject({ listingNumber: expect.any(String) });
    });
  });

  describe("who may manage packages", () => {
    it("the owner and a platform admin acting for the agency; everyone else reads only", async () => {
      const roles = [
        ["agent", agency.agents[0]!.id],
        ["viewer", agency.viewer.id],
        ["assistant", agency.agents[1]!.id],
        ["team_member", agency.agents[1]!.id],
      ] as const;
      for (const [role, id] of roles) {
        const who = member(agency, id, role);
        expect((await caller(who).packages.list()).length).toBeGreaterThan(0);
        expect(await errorCodeOf(caller(who).packages.create({ code: `x-${role}`, name: "X", duration_minutes: 60, price_cents: 1 }))).toBe("forbidden");
        expect(await errorCodeOf(caller(who).packages.update({ code: "premium", name: "X" }))).toBe("forbidden");
        expect(await errorCodeOf(caller(who).packages.retire({ code: "premium" }))).toBe("forbidden");
        expect(await errorCodeOf(caller(who).packages.unretire({ code: "premium" }))).toBe("forbidden");
      }
      expect(await caller(admin(agency.id)).packages.update({ code: "premium", name: "Premium (admin)" })).toMatchObject({ name: "Premium (admin)" });
      expect(await errorCodeOf(caller(admin(null)).packages.retire({ code: "premium" }))).toBe("forbidden");
      // The other agency's owner cannot reach this agency's packages: not found.
      expect(await errorCodeOf(caller(member(other, other.owner.id, "owner")).packages.retire({ code: "dusk" }))).toBe("not_found");
    });
  });
});
