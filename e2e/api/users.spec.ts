// GET /users: the agency's users (id user_<ULID>, name, email, role, team), paginated, oldest
// first, with a role filter.
import { expect, test } from "@playwright/test";
import { createUser, provisionAgency, type ProvisionedAgency } from "../support/cli";
import { ApiClient, USER_ID, allPages, expectError, expectJson, expectValidation } from "../support/api";

let agency: ProvisionedAgency;
let teamMemberId: string;
let assistantId: string;
/** Every user of the agency, by id: [role, email local part, team]. */
let expected: Map<string, { role: string; local: string; team: string | null }>;

test.beforeAll(async () => {
  agency = await provisionAgency("users");
  // Created one after the other, so their ids are in creation order.
  teamMemberId = await createUser(agency.slug, "team_member", "lead", "Harbour Crew");
  assistantId = await createUser(agency.slug, "assistant", "helper", "Harbour Crew");
  expected = new Map([
    [agency.ownerId, { role: "owner", local: "owner", team: null }],
    [agency.agentIds[0]!, { role: "agent", local: "agent1", team: null }],
    [agency.agentIds[1]!, { role: "agent", local: "agent2", team: null }],
    [agency.viewerId, { role: "viewer", local: "viewer", team: null }],
    [teamMemberId, { role: "team_member", local: "lead", team: "Harbour Crew" }],
    [assistantId, { role: "assistant", local: "helper", team: "Harbour Crew" }],
  ]);
});

test("lists every user of the agency with id, name, email, role and team", async ({ request }) => {
  const res = await new ApiClient(request, agency.key).get("/users");
  expectJson(res, 200);
  expect(Object.keys(res.body).sort()).toEqual(["items", "next_cursor", "total"]);
  expect(res.body.total).toBe(expected.size);
  expect(res.body.next_cursor).toBe("");
  expect(res.body.items.map((u: { id: string }) => u.id).sort()).toEqual([...expected.keys()].sort());

  const teams = new Map<string, string>();
  for (const user of res.body.items) {
    const want = expected.get(user.id)!;
    expect(user.id).toMatch(USER_ID);
    expect(user).toMatchObject({ role: want.role, email: `${want.local}@${agency.slug}.test`, name: expect.any(String) });
    expect(user.name.length).toBeGreaterThan(0);
    if (want.team) {
      expect(user.team).toEqual({ id: expect.stringMatching(/^team_/), name: want.team });
      teams.set(user.id, user.team.id);
    } else {
      expect(user.team).toBeNull();
    }
    expect(Number.isNaN(Date.parse(user.created_at))).toBe(false);
  }
  // Two users of one team share its id.
  expect(teams.get(teamMemberId)).toBe(teams.get(assistantId));
  // Oldest first: the owner was created before everyone else, the assistant last.
  expect(res.body.items[0].id).toBe(agency.ownerId);
  expect(res.body.items.at(-1).id).toBe(assistantId);
});

test("the role filter returns only that role", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  for (const role of ["owner", "team_member", "agent", "assistant", "viewer"]) {
    const res = await api.get("/users", { params: { role } });
    expectJson(res, 200);
    const want = [...expected].filter(([, u]) => u.role === role).map(([id]) => id).sort();
    expect(res.body.total, role).toBe(want.length);
    expect(res.body.items.map((u: { id: string }) => u.id).sort()).toEqual(want);
    for (const user of res.body.items) expect(user.role).toBe(role);
  }
});

test("an unknown role is 400 naming role", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  for (const role of ["admin", "super_admin", "Agent", "boss"]) {
    const error = expectValidation(await api.get("/users", { params: { role } }), ["role"]);
    expect(error.message).toContain("team_member");
  }
});

test("pages through with small limits: no user twice, none missed, stable order", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const all = (await api.get("/users", { params: { limit: 200 } })).body.items.map((u: { id: string }) => u.id);
  for (const limit of [1, 2, 4, 5]) {
    const pages = await allPages(api, "/users", { limit });
    expect(pages).toHaveLength(Math.ceil(expected.size / limit));
    const ids = pages.flatMap((p) => p.body.items.map((u: { id: string }) => u.id));
    expect(ids).toEqual(all);
    for (const page of pages) expect(page.body.total).toBe(expected.size);
    expect(pages.at(-1)!.body.next_cursor).toBe("");
  }
  const agents = await allPages(api, "/users", { role: "agent", limit: 1 });
  expect(agents).toHaveLength(2);
  expect(agents.flatMap((p) => p.body.items.map((u: { id: string }) => u.id)).sort()).toEqual([...agency.agentIds].sort());
});

test("limit and cursor are validated", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  expectValidation(await api.get("/users", { params: { limit: 0 } }), ["limit"]);
  expectValidation(await api.get("/users", { params: { limit: 201 } }), ["limit"]);
  expectError(await api.get("/users", { params: { cursor: "not-a-cursor" } }), 400, "invalid_cursor");
});

test("a new user shows up at the end of the list", async ({ request }) => {
  const api = new ApiClient(request, agency.key);
  const before = (await api.get("/users")).body;
  const id = await createUser(agency.slug, "agent", "newcomer");
  const after = (await api.get("/users")).body;
  expect(after.total).toBe(before.total + 1);
  expect(after.items.at(-1)).toMatchObject({ id, role: "agent", email: `newcomer@${agency.slug}.test`, team: null });
  expected.set(id, { role: "agent", local: "newcomer", team: null });
});
