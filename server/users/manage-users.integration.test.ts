import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, TEST_PASSWORD, type TestAgency } from "../testing/factories";
import { authOptions } from "../auth/next-auth";
import { userActorFor } from "../auth/user-actor";
import { createUser } from "../agencies/agencies";
import { agencyScope } from "../db/tenant";
import { clearDatabase, setDatabase } from "../db/handle";
import { listUsers } from "./list-users";
import { changeUserRole, deactivateUser, reactivateUser } from "./manage-users";

describeEachDatabase("Managing people", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  const prisma = () => testDb().db.prisma;
  const ownerScope = () => agencyScope(prisma(), agency.id, { kind: "user", id: agency.owner.id, display: "Owner" });
  const events = (type: string) => prisma().webhookEvent.findMany({ where: { agencyId: agency.id, type }, orderBy: { createdAt: "asc" } });
  // The dashboard's real sign-in (next-auth's credentials authorize), against this database.
  const signIn = async (email: string, password = TEST_PASSWORD) => {
    setDatabase(testDb().db);
    const provider = authOptions.providers[0] as unknown as { options: { authorize: (raw: unknown) => Promise<unknown> } };
    try {
      return await provider.options.authorize({ email, password });
    } finally {
      clearDatabase();
    }
  };

  beforeAll(async () => {
    agency = await makeAgency(prisma(), { packages: false });
    other = await makeAgency(prisma(), { packages: false });
  });

  it("deactivation blocks sign-in and sessions, hides the user from pickers, emits user.deactivated once; reactivation restores", async () => {
    const agent = agency.agents[0]!;
    expect(await signIn(agent.email)).toMatchObject({ id: agent.id });
    expect(await userActorFor(prisma(), agent.id, undefined)).not.toBeNull();

    const deactivated = await deactivateUser(ownerScope(), agent.id, agency.owner.id);
    expect(deactivated.deactivated_at).not.toBeNull();
    expect(await signIn(agent.email)).toBeNull();
    expect(await signIn(agent.email, "wrong-password-123")).toBeNull();
    expect(await userActorFor(prisma(), agent.id, undefined)).toBeNull();
    const picker = await listUsers(ownerScope(), { limit: 100 } as never);
    expect(picker.items.map((u) => u.id)).not.toContain(agent.id);

    // A replay changes nothing and emits nothing more.
    await deactivateUser(ownerScope(), agent.id, agency.owner.id);
    const emitted = await events("user.deactivated");
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.data).toMatchObject({ user_id: agent.id, email: agent.email, role: "agent" });
    expect(emitted[0]!.actorId).toBe(agency.owner.id);

    await reactivateUser(ownerScope(), agent.id);
    expect(await signIn(agent.email)).toMatchObject({ id: agent.id });
  });

  it("refuses to deactivate yourself or demote/deactivate the last owner", async () => {
    expect(await errorCodeOf(deactivateUser(ownerScope(), agency.owner.id, agency.owner.id))).toBe("conflict");
    expect(await errorCodeOf(changeUserRole(ownerScope(), agency.owner.id, "agent"))).toBe("conflict");
    expect(await errorCodeOf(deactivateUser(ownerScope(), agency.owner.id, null))).toBe("conflict");

    // With a second owner, the first may be demoted.
    const second = await createUser(prisma(), { agency: agency.slug, email: `owner2@${agency.slug}.test`, name: "Second Owner", role: "agent", password: TEST_PASSWORD }, { kind: "cli", id: "t", display: "t" });
    expect((await changeUserRole(ownerScope(), second.user.id, "owner")).role).toBe("owner");
    expect((await changeUserRole(ownerScope(), second.user.id, "team_member")).role).toBe("team_member");
    expect(await errorCodeOf(changeUserRole(ownerScope(), agency.owner.id, "agent"))).toBe("conflict");
  });

  it("two owners deactivating each other at the same moment: one succeeds, the agency keeps an owner", async () => {
    const team = await makeAgency(prisma(), { packages: false });
    const second = await createUser(prisma(), { agency: team.slug, email: `owner2@${team.slug}.test`, name: "Second Owner", role: "owner", password: TEST_PASSWORD }, { kind: "cli", id: "t", display: "t" });
    const scopeOf = (userId: string) => agencyScope(prisma(), team.id, { kind: "user", id: userId, display: "Owner" });
    const outcomes = await Promise.allSettled([
      deactivateUser(scopeOf(team.owner.id), second.user.id, team.owner.id),
      deactivateUser(scopeOf(second.user.id), team.owner.id, second.user.id),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["fulfilled", "rejected"]);
    const activeOwners = await prisma().user.count({ where: { agencyId: team.id, role: "owner", disabledAt: null } });
    expect(activeOwners).toBe(1);
  });

  it("a deactivation waits for another manager's change to the agency's owners (PostgreSQL: row locks)", async () => {
    if (testDb().kind !== "postgres") return; // PGlite runs one transaction at a time anyway
    const team = await makeAgency(prisma(), { packages: false });
    const second = await createUser(prisma(), { agency: team.slug, email: `owner2@${team.slug}.test`, name: "Second Owner", role: "owner", password: TEST_PASSWORD }, { kind: "cli", id: "t", display: "t" });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    // Another manager's transaction holds the first owner's row.
    const holder = prisma().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM users WHERE id = ${team.owner.id} FOR UPDATE`;
        locked();
        await released;
      },
      { timeout: 30_000 },
    );
    await holding;
    const scope = agencyScope(prisma(), team.id, { kind: "user", id: team.owner.id, display: "Owner" });
    let settled = false;
    const deactivation = deactivateUser(scope, second.user.id, team.owner.id).finally(() => (settled = true));
    // It is blocked on the lock (seen in pg_locks), not finished.
    await expect
      .poll(async () => (await prisma().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`)[0]!.n)
      .toBeGreaterThan(0);
    expect(settled).toBe(false);
    release();
    await holder;
    expect((await deactivation).deactivated_at).not.toBeNull();
  });

  it("answers 404 for another agency's user", async () => {
    for (const attempt of [
      () => deactivateUser(ownerScope(), other.agents[0]!.id, agency.owner.id),
      () => reactivateUser(ownerScope(), other.agents[0]!.id),
      () => changeUserRole(ownerScope(), other.viewer.id, "owner"),
    ]) {
      expect(await errorCodeOf(attempt())).toBe("not_found");
    }
    expect(await signIn(other.agents[0]!.email)).not.toBeNull();
  });
});
