// The dashboard's per-user limits on /api/trpc (SESSION_BUDGETS): queries and changes counted
// apart, per signed-in user, before the procedure runs; API keys never draw from them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { createCallerFactory, type Actor, type UserActor } from "../api/trpc";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, type TestAgency } from "../testing/factories";
import { createRateLimiter, setSharedRateLimiter, sharedRateLimiter } from "./limiter";

describeEachDatabase("per-session limits on the dashboard's tRPC", (testDb) => {
  let agency: TestAgency;
  const previous = sharedRateLimiter();
  beforeAll(async () => {
    agency = await makeAgency(testDb().db.prisma, { packages: false });
    setSharedRateLimiter(createRateLimiter({ store: "memory", limits: { dashboard_reads: 3, dashboard_writes: 2 } }));
  });
  afterAll(() => setSharedRateLimiter(previous));
  const caller = (actor: Actor) => createCallerFactory(appRouter)({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://x" });
  const userOf = (id: string): UserActor => ({ kind: "user", userId: id, name: "x", email: "x@x.test", role: "owner", agencyId: agency.id, actingForAgencyId: null });

  it("a user's fourth query in a minute is 429 with Retry-After, without running it; changes, and other users, are counted apart", async () => {
    const owner = caller(userOf(agency.owner.id));
    for (let i = 0; i < 3; i++) expect(await errorCodeOf(owner.listings.list({}))).toBe("ok");
    type Refusal = { code: string; cause?: { code: string; headers?: Record<string, string>; message: string } };
    const refused = (await owner.listings.list({}).then(
      () => null,
      (error: unknown) => error,
    )) as Refusal;
    expect(refused).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "rate_limit_exceeded" } });
    expect(refused.cause?.headers?.["Retry-After"]).toMatch(/^\d+$/);
    expect(refused.cause?.message).toMatch(/Try again in \d+ seconds/);
    // Changes have a budget of their own: a write is still allowed (it fails on its own merits).
    expect(await errorCodeOf(owner.listings.updateStatus({ listing_number: "L-0", status: "Active" }))).not.toBe("rate_limit_exceeded");
    // Another user of the same agency is untouched.
    expect(await errorCodeOf(caller(userOf(agency.agents[0]!.id)).listings.list({}))).toBe("ok");
  });

  it("API keys do not draw from the session budgets", async () => {
    const key: Actor = { kind: "api_key", keyId: "key_test", name: "k", agencyId: agency.id, scopes: ["listings:read"] };
    for (let i = 0; i < 5; i++) expect(await errorCodeOf(caller(key).listings.list({}))).toBe("ok");
  });
});
