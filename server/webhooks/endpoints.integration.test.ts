// Registering endpoints: the per-agency cap holds even when registrations race (on PostgreSQL
// they run in parallel; PGlite serializes them anyway).
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency } from "../testing/factories";
import {
  MAX_ENDPOINTS_PER_AGENCY,
  createEndpoint,
  deleteEndpoint,
  redeliver,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
  type WebhookSettings,
} from "./endpoints";

describeEachDatabase("webhook endpoints", (testDb) => {
  const settings: WebhookSettings = { encryptionKey: randomBytes(32), guard: { allowLoopback: true } };

  it(`caps an agency at ${MAX_ENDPOINTS_PER_AGENCY} endpoints, even when registrations race`, async () => {
    const prisma = testDb().db.prisma;
    const agency = await makeAgency(prisma, { packages: false });
    const other = await makeAgency(prisma, { packages: false });
    const register = (scope = agency.scope) => createEndpoint(scope, { url: "http://127.0.0.1:9/hooks", event_types: ["listing.created"] }, settings);
    for (let i = 0; i < MAX_ENDPOINTS_PER_AGENCY - 5; i++) await register();
    const results = await Promise.allSettled(Array.from({ length: 15 }, () => register()));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refusals = await Promise.all(results.filter((r) => r.status === "rejected").map((r) => errorCodeOf(Promise.reject(r.reason))));
    expect(new Set(refusals)).toEqual(new Set(["validation_failed"]));
    expect(await prisma.webhookEndpoint.count({ where: { agencyId: agency.id } })).toBe(MAX_ENDPOINTS_PER_AGENCY);
    // The cap is per agency: another agency registers while this one is full.
    await expect(register(other.scope)).resolves.toMatchObject({ enabled: true });
  });

  it("answers operations racing a DELETE of the same endpoint with success or not-found, never a database error", async () => {
    const prisma = testDb().db.prisma;
    const agency = await makeAgency(prisma, { packages: false });
    const allowed = new Set(["ok", "webhook_endpoint_not_found", "webhook_delivery_not_found"]);
    const outcomes: string[] = [];
    // Several rounds: each one is a fresh endpoint with a delivery, deleted while every other
    // operation on it (and a second delete) runs at the same time. errorCodeOf rethrows anything
    // that is not an AppError (Prisma's P2025/P2003), which fails the test.
    for (let round = 0; round < 6; round++) {
      const endpoint = await createEndpoint(agency.scope, { url: "http://127.0.0.1:9/hooks", event_types: ["listing.created"] }, settings);
      const { delivery_id } = await sendTestEvent(agency.scope, endpoint.endpoint_id);
      const id = endpoint.endpoint_id;
      outcomes.push(
        ...(await Promise.all([
          errorCodeOf(deleteEndpoint(agency.scope, id)),
          errorCodeOf(updateEndpoint(agency.scope, { endpoint_id: id, description: `round ${round}` }, settings)),
          errorCodeOf(updateEndpoint(agency.scope, { endpoint_id: id, enabled: false }, settings)),
          errorCodeOf(rotateSecret(agency.scope, id, settings)),
          errorCodeOf(sendTestEvent(agency.scope, id)),
          errorCodeOf(redeliver(agency.scope, delivery_id)),
          errorCodeOf(deleteEndpoint(agency.scope, id)),
        ])),
      );
      expect(await prisma.webhookEndpoint.count({ where: { id } })).toBe(0);
    }
    expect(outcomes.filter((o) => !allowed.has(o) && o !== "lifecycle_violation")).toEqual([]);
    // Exactly one of the two deletes in each round wins.
    expect(outcomes.filter((o, i) => (i % 7 === 0 || i % 7 === 6) && o === "ok")).toHaveLength(6);
  });
});
