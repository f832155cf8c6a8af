// A client scoped to one agency cannot read, change or delete another agency's rows, whatever
// the query says, and refuses models nobody classified.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { createListing } from "../listings/create-listing";
import { forAgency } from "./tenant";
import { newId } from "../ids";

describeEachDatabase("agency-scoped client", (testDb) => {
  let a: TestAgency;
  let b: TestAgency;
  let bListing: string;

  beforeAll(async () => {
    const { prisma } = testDb().db;
    a = await makeAgency(prisma);
    b = await makeAgency(prisma);
    await createListing(a.scope, { address: "1 A St", owner_user_id: a.owner.id, agent_one_id: a.agents[0]!.id });
    bListing = (await createListing(b.scope, { address: "1 B St", owner_user_id: b.owner.id, agent_one_id: b.agents[0]!.id, package: "essentials" }))
      .listingNumber;
  });

  it("reads only its own agency's rows, whatever the filter says", async () => {
    const db = a.scope.db;
    expect((await db.tour.findMany()).map((t) => t.agencyId)).toEqual([a.id]);
    expect(await db.tour.count()).toBe(1);
    expect(await db.tour.findUnique({ where: { listingNumber: bListing } })).toBeNull();
    expect(await db.tour.findFirst({ where: { agencyId: b.id } })).toBeNull();
    expect(await db.tour.findMany({ where: { OR: [{ agencyId: b.id }, { listingNumber: bListing }] } })).toEqual([]);
    expect(await db.user.findUnique({ where: { id: b.owner.id } })).toBeNull();
    expect(await db.order.count()).toBe(0);
    expect(await db.invoice.count()).toBe(0);
    expect((await db.agency.findMany()).map((x) => x.id)).toEqual([a.id]);
  });

  it("cannot update or delete another agency's rows", async () => {
    const db = a.scope.db;
    const { count } = await db.tour.updateMany({ where: { listingNumber: bListing }, data: { notes: "hijacked" } });
    expect(count).toBe(0);
    await expect(db.tour.update({ where: { listingNumber: bListing }, data: { notes: "hijacked" } })).rejects.toThrow();
    expect((await db.user.deleteMany({ where: { id: b.viewer.id } })).count).toBe(0);
    const untouched = await testDb().db.prisma.tour.findUnique({ where: { listingNumber: bListing } });
    expect(untouched?.notes).toBeNull();
    expect(await testDb().db.prisma.user.findUnique({ where: { id: b.viewer.id } })).not.toBeNull();
  });

  it("keeps the scope inside interactive transactions", async () => {
    const seen = await a.scope.db.$transaction((tx) => tx.tour.findMany({ select: { agencyId: true } }));
    expect(seen).toEqual([{ agencyId: a.id }]);
  });

  it("refuses to create a row for another agency or move one across", async () => {
    const db = a.scope.db;
    await expect(
      db.team.create({ data: { id: newId("team"), agencyId: b.id, name: "smuggled" } }),
    ).rejects.toThrow(/may not change agencyId/);
    await expect(db.team.updateMany({ data: { agencyId: b.id } })).rejects.toThrow(/may not change agencyId/);
  });

  it("refuses models that are not classified, and children read directly", async () => {
    const db = forAgency(testDb().db.prisma, a.id);
    await expect(db.idempotencyKey.findMany()).rejects.toThrow(/not agency-scoped/);
    await expect(db.orderLineItem.findMany()).rejects.toThrow(/through its agency-scoped parent/);
  });

  it("composite foreign keys stop a listing from naming another agency's user, even without the scope", async () => {
    await expect(
      testDb().db.prisma.tour.create({
        data: { id: newId("tour"), agencyId: a.id, listingNumber: "ZZZZZZ", address: "x", ownerUserId: b.owner.id, agentOneId: a.agents[0]!.id },
      }),
    ).rejects.toThrow();
  });
});
