// Registering endpoints: the per-agency cap holds even when registrations race (on PostgreSQL
// they run in parallel; PGlite serializes them anyway).
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency } from "../testing/factories";
import { MAX_ENDPOINTS_PER_AGENCY, createEndpoint, type WebhookSettings } from "./endpoints";

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
});
