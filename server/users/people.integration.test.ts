import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { errorCodeOf } from "../testing/errors";
import { makeAgency, TEST_PASSWORD, type TestAgency } from "../testing/factories";
import { authOptions } from "../auth/next-auth";
import { createCallerFactory, type UserActor } from "../api/trpc";
import { appRouter } from "../api/root";
import { createUser } from "../agencies/agencies";
import { clearDatabase, setDatabase } from "../db/handle";
import { createListing } from "../listings/create-listing";
import { loadListing, toListingDto } from "../listings/load";

describeEachDatabase("Adding people, teams and self-service", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  const prisma = () => testDb().db.prisma;
  const actorOf = (id: string, role: UserActor["role"], agencyId: string | null = agency.id, acting: string | null = null): UserActor => ({
    kind: "user",
    userId: id,
    name: "Someone",
    email: "someone@x.test",
    role,
    agencyId,
    actingForAgencyId: acting,
  });
  const caller = (actor: UserActor) => createCallerFactory(appRouter)({ requestId: "req_test", transport: "dashboard", db: testDb().db, actor, appUrl: "http://x" });
  const owner = () => caller(actorOf(agency.owner.id, "owner"));
  const events = (agencyId: string, type: string) => prisma().webhookEvent.findMany({ where: { agencyId, type }, orderBy: { createdAt: "asc" } });
  const signIn = async (email: string, password: string) => {
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

  it("the owner adds a person with a generated password (returned once) and a user.created event in the same change", async () => {
    const team = await owner().teams.create({ name: "East" });
    const added = await owner().users.create({ name: "  Nia New ", email: "Nia@Example.TEST", role: "agent", team_id: team.id });
    expect(added.user).toMatchObject({ name: "Nia New", email: "nia@example.test", role: "agent", team: { id: team.id, name: "East" }, deactivated_at: null });
    expect(added.generated_password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await signIn("nia@example.test", added.generated_password!)).toMatchObject({ id: added.user.id });

    const created = (await events(agency.id, "user.created")).filter((e) => (e.data as { user_id: string }).user_id === added.user.id);
    expect(created).toHaveLength(1);
    expect(created[0]!.data).toEqual({ user_id: added.user.id, name: "Nia New", email: "nia@example.test", role: "agent", team: { id: team.id, name: "East" } });
    expect(created[0]!).toMatchObject({ actorKind: "user", actorId: agency.owner.id });

    // In the pickers and the people list at once.
    expect((await owner().users.list({ limit: 200 })).items.map((u) => u.id)).toContain(added.user.id);
    expect((await owner().users.people()).find((p) => p.id === added.user.id)?.team?.name).toBe("East");
  });

  it("a password the owner sets: nothing generated, the minimum length enforced; a taken email is 409 on the field", async () => {
    const added = await owner().users.create({ name: "Set Pass", email: "setpass@example.test", role: "viewer", password: "chosen-password-1" });
    expect(added.generated_password).toBeNull();
    expect(await signIn("setpass@example.test", "chosen-password-1")).toMatchObject({ id: added.user.id });

    await expect(owner().users.create({ name: "Short", email: "short@example.test", role: "viewer", password: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Taken in this agency, and in another one (the email is the platform-wide sign-in name).
    for (const email of ["SETPASS@example.test", other.agents[0]!.email]) {
      const refusal = await owner().users.create({ name: "Dup", email, role: "agent" }).catch((error: unknown) => error);
      expect(await errorCodeOf(Promise.reject(refusal))).toBe("conflict");
      expect((refusal as { cause: { details: unknown } }).cause.details).toEqual([{ field: "email", message: "is already taken" }]);
    }
    // Another agency's team is not a reference this agency can use.
    const theirs = await caller(actorOf(other.owner.id, "owner", other.id)).teams.create({ name: "Theirs" });
    expect(await errorCodeOf(owner().users.create({ name: "X", email: "x1@example.test", role: "agent", team_id: theirs.id }))).toBe("invalid_reference");
    expect(await prisma().user.count({ where: { email: "x1@example.test" } })).toBe(0);
  });

  it("only people managers add people and change teams; a platform admin acts for the chosen agency", async () => {
    for (const role of ["team_member", "agent", "assistant", "viewer"] as const) {
      const someone = caller(actorOf(agency.agents[0]!.id, role));
      expect(await errorCodeOf(someone.users.create({ name: "No", email: `no-${role}@example.test`, role: "agent" }))).toBe("forbidden");
      expect(await errorCodeOf(someone.teams.create({ name: `No ${role}` }))).toBe("forbidden");
      expect(await errorCodeOf(someone.users.moveToTeam({ user_id: agency.viewer.id, team_id: null }))).toBe("forbidden");
      expect((await someone.teams.list()).length).toBeGreaterThanOrEqual(0);
    }
    const admin = await createUser(prisma(), { email: `ops-${agency.slug}@valara.test`, name: "Ops", role: "admin" }, { kind: "cli", id: "t", display: "t" });
    const acting = caller(actorOf(admin.user.id, "admin", null, agency.id));
    const added = await acting.users.create({ name: "By Admin", email: `byadmin-${agency.slug}@example.test`, role: "assistant" });
    expect(added.user.role).toBe("assistant");
    const created = (await events(agency.id, "user.created")).find((e) => (e.data as { user_id: string }).user_id === added.user.id);
    expect(created).toMatchObject({ actorKind: "platform_admin", actorId: admin.user.id });
  });

  it("teams: create, rename (unique per agency, ignoring case), move people in and out", async () => {
    const west = await owner().teams.create({ name: "West" });
    expect(west).toMatchObject({ name: "West", member_count: 0 });
    expect(await errorCodeOf(owner().teams.create({ name: " west " }))).toBe("conflict");
    // The same name in another agency is fine.
    expect((await caller(actorOf(other.owner.id, "owner", other.id)).teams.create({ name: "West" })).name).toBe("West");

    const north = await owner().teams.create({ name: "North" });
    expect(await errorCodeOf(owner().teams.rename({ id: north.id, name: "WEST" }))).toBe("conflict");
    expect((await owner().teams.rename({ id: north.id, name: "North Shore" })).name).toBe("North Shore");
    expect((await owner().teams.rename({ id: north.id, name: "north shore" })).name).toBe("north shore");
    const theirs = (await caller(actorOf(other.owner.id, "owner", other.id)).teams.list())[0]!;
    expect(await errorCodeOf(owner().teams.rename({ id: theirs.id, name: "Mine now" }))).toBe("not_found");

    const agent = agency.agents[1]!;
    expect((await owner().users.moveToTeam({ user_id: agent.id, team_id: west.id })).team).toEqual({ id: west.id, name: "West" });
    expect((await owner().teams.list()).find((t) => t.id === west.id)?.member_count).toBe(1);
    expect((await owner().users.moveToTeam({ user_id: agent.id, team_id: north.id })).team?.name).toBe("north shore");
    expect((await owner().users.moveToTeam({ user_id: agent.id, team_id: null })).team).toBeNull();
    expect(await errorCodeOf(owner().users.moveToTeam({ user_id: agent.id, team_id: theirs.id }))).toBe("invalid_reference");
    expect(await errorCodeOf(owner().users.moveToTeam({ user_id: other.agents[0]!.id, team_id: west.id }))).toBe("not_found");
    expect(await errorCodeOf(owner().teams.create({ name: "   " }))).toBe("validation_failed");
  });

  it("anyone changes their own name and password; the old password stops working, the session stays", async () => {
    const viewer = caller(actorOf(agency.viewer.id, "viewer"));
    expect((await viewer.users.updateProfile({ name: " Vera Viewer " })).name).toBe("Vera Viewer");
    expect((await owner().users.people()).find((p) => p.id === agency.viewer.id)?.name).toBe("Vera Viewer");

    const wrong = await viewer.users.changePassword({ current_password: "not-my-password", new_password: "brand-new-pass-1" }).catch((e: unknown) => e);
    expect(await errorCodeOf(Promise.reject(wrong))).toBe("validation_failed");
    expect((wrong as { cause: { details: unknown } }).cause.details).toEqual([{ field: "current_password", message: "is not your current password" }]);
    expect(await errorCodeOf(viewer.users.changePassword({ current_password: TEST_PASSWORD, new_password: "short" }))).toBe("validation_failed");
    expect(await errorCodeOf(viewer.users.changePassword({ current_password: TEST_PASSWORD, new_password: TEST_PASSWORD }))).toBe("validation_failed");

    expect(await viewer.users.changePassword({ current_password: TEST_PASSWORD, new_password: "brand-new-pass-1" })).toEqual({ changed: true });
    expect(await signIn(agency.viewer.email, TEST_PASSWORD)).toBeNull();
    expect(await signIn(agency.viewer.email, "brand-new-pass-1")).toMatchObject({ id: agency.viewer.id });
    // The same session goes on working.
    expect((await viewer.session.me()).user.id).toBe(agency.viewer.id);
  });

  it("a deactivated person cannot sign in, leaves the pickers, and their listings keep their name", async () => {
    const added = await owner().users.create({ name: "Leaving Agent", email: `leaving-${agency.slug}@example.test`, role: "agent" });
    const listing = await createListing(agency.scope, { address: "5 Farewell Rd", owner_user_id: agency.owner.id, agent_one_id: added.user.id });
    await owner().users.deactivate({ id: added.user.id });
    expect(await signIn(added.user.email, added.generated_password!)).toBeNull();
    expect((await owner().users.list({ limit: 200 })).items.map((u) => u.id)).not.toContain(added.user.id);
    expect((await owner().users.people()).find((p) => p.id === added.user.id)?.deactivated_at).not.toBeNull();
    const dto = toListingDto(await loadListing(agency.scope.db, listing.listingNumber), "http://x");
    expect(dto.assigned_users.agent_one).toMatchObject({ id: added.user.id, name: "Leaving Agent" });
    // Nor can a new listing be given to them.
    expect(await errorCodeOf(createListing(agency.scope, { address: "6 Farewell Rd", owner_user_id: agency.owner.id, agent_one_id: added.user.id }))).toBe("invalid_reference");
  });
});
