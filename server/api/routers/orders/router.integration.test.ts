// The dashboard's invoice actions: who may call them, and that they reach the domain (this test
// process has no Square configured, so sending is refused with payment_provider_error).
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../testing/each-database";
import { makeAgency, type TestAgency } from "../../../testing/factories";
import { createListing } from "../../../listings/create-listing";
import { appRouter } from "../../root";
import { errorCodeOf as codeOf } from "../../../testing/errors";
import type { Actor } from "../../trpc";

describeEachDatabase("orders router (dashboard)", (testDb) => {
  let agency: TestAgency;
  let orderId: string;

  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma);
    const tour = await createListing(agency.scope, { address: "1 Router Rd", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" });
    orderId = tour.orders[0]!.id;
  });

  const caller = (actor: Actor) => appRouter.createCaller({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://localhost" });
  const user = (role: "owner" | "agent" | "viewer", id: string): Actor => ({ kind: "user", userId: id, name: role, email: `${role}@x.test`, role, agencyId: agency.id, actingForAgencyId: null });

  it("lets the owner through to Square (not configured here: 502 payment_provider_error)", async () => {
    expect(await codeOf(caller(user("owner", agency.owner.id)).orders.sendInvoice({ order_id: orderId }))).toBe("payment_provider_error");
    expect(await codeOf(caller(user("owner", agency.owner.id)).orders.syncInvoice({ order_id: orderId }))).toBe("payment_provider_error");
  });

  it("refuses agents, viewers and API keys", async () => {
    expect(await codeOf(caller(user("agent", agency.agents[0]!.id)).orders.sendInvoice({ order_id: orderId }))).toBe("forbidden");
    expect(await codeOf(caller(user("viewer", agency.viewer.id)).orders.sendInvoice({ order_id: orderId }))).toBe("forbidden");
    const key: Actor = { kind: "api_key", keyId: "key_x", name: "test key", agencyId: agency.id, scopes: ["listings:write"] };
    expect(await codeOf(caller(key).orders.sendInvoice({ order_id: orderId }))).toBe("forbidden");
  });

  it("validates the order id", async () => {
    expect(await codeOf(caller(user("owner", agency.owner.id)).orders.sendInvoice({ order_id: "nope" }))).toBe("validation_failed");
  });
});
