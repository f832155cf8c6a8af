import { describe, expect, it } from "vitest";
import { AGENCY_ROLES, CAPABILITY_NAMES, PLATFORM_ROLES, capabilitiesOf, hasCapability } from "./scopes";

describe("capabilities", () => {
  it("gives platform admins every capability", () => {
    for (const role of PLATFORM_ROLES) for (const name of CAPABILITY_NAMES) expect(hasCapability(role, name)).toBe(true);
  });

  it("gives each agency role exactly its row of the table", () => {
    const granted = Object.fromEntries(AGENCY_ROLES.map((role) => [role, CAPABILITY_NAMES.filter((name) => hasCapability(role, name))]));
    expect(granted).toEqual({
      owner: ["manage_api_keys", "manage_people", "manage_scheduling", "manage_packages", "send_invoices", "manage_delivery"],
      team_member: ["send_invoices"],
      agent: [],
      assistant: [],
      viewer: [],
    });
  });

  it("reports every capability, true or false, for session.me", () => {
    expect(Object.keys(capabilitiesOf("viewer")).sort()).toEqual([...CAPABILITY_NAMES].sort());
  });
});
