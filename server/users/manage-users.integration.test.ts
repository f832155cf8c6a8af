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
