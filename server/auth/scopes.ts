// What a caller may do. API keys carry scopes chosen when they are minted; dashboard users get
// the scopes of their role. Procedures declare the one scope they need (meta.scope).
// This file imports nothing server-only: the dashboard's forms use the same lists.
import { z } from "zod";

export const SCOPES = [
  "listings:read",
  "listings:write",
  "media:write",
  "scheduling:read",
  "users:read",
  "webhooks:read",
  "webhooks:write",
] as const;

export type Scope = (typeof SCOPES)[number];
export const ScopeSchema = z.enum(SCOPES);

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  "listings:read": "Read listings and their orders",
  "listings:write": "Create listings, change their status, cancel them, edit sections",
  "media:write": "Upload media to listings",
  "scheduling:read": "Read shoot availability",
  "users:read": "Read the agency's users",
  "webhooks:read": "Read webhook endpoints and the event catalog",
  "webhooks:write": "Register and change webhook endpoints",
};

export const PLATFORM_ROLES = ["super_admin", "admin"] as const;
export const AGENCY_ROLES = ["owner", "team_member", "agent", "assistant", "viewer"] as const;
export const ROLES = [...PLATFORM_ROLES, ...AGENCY_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export const isPlatformRole = (role: Role): role is (typeof PLATFORM_ROLES)[number] =>
  (PLATFORM_ROLES as readonly string[]).includes(role);

const READ_ONLY: readonly Scope[] = ["listings:read", "scheduling:read", "users:read"];
const STAFF: readonly Scope[] = [...READ_ONLY, "listings:write", "media:write"];

/** The scopes each dashboard role acts with. Platform admins act with all of them, for the agency they chose. */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  super_admin: SCOPES,
  admin: SCOPES,
  owner: SCOPES,
  team_member: [...STAFF, "webhooks:read"],
  agent: STAFF,
  assistant: STAFF,
  viewer: READ_ONLY,
};

/**
 * Powers of the dashboard that are not API scopes, in one table: who, besides platform admins
 * (who have them all, for the agency they act for), may do what. Procedures check them with
 * `capabilityProcedure` (server/api/trpc.ts); session.me tells the dashboard, so that it shows
 * each role only the controls the server will accept.
 */
export const CAPABILITIES = {
  manage_api_keys: { roles: ["owner"], refusal: "Only the agency's owner manages API keys." },
  manage_people: { roles: ["owner"], refusal: "Only the agency's owner manages users and teams." },
  manage_scheduling: { roles: ["owner"], refusal: "Only the agency's owner changes scheduling settings." },
  manage_packages: { roles: ["owner"], refusal: "Only the agency's owner manages packages and add-ons." },
  send_invoices: { roles: ["owner", "team_member"], refusal: "Only the agency's owner and team members send invoices." },
  // Pay to download, agency-wide and per listing: whoever could switch a listing to "never locked"
  // could give away unpaid work, so it is the owner's call like the agency's setting.
  manage_delivery: { roles: ["owner"], refusal: "Only the agency's owner changes whether downloads require payment." },
} as const satisfies Record<string, { roles: readonly AgencyRole[]; refusal: string }>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

export function hasCapability(role: Role, capability: Capability): boolean {
  return isPlatformRole(role) || (CAPABILITIES[capability].roles as readonly Role[]).includes(role);
}

/** Every capability, true or false, for one role (what session.me reports). */
export function capabilitiesOf(role: Role): Record<Capability, boolean> {
  return Object.fromEntries(CAPABILITY_NAMES.map((name) => [name, hasCapability(role, name)])) as Record<Capability, boolean>;
}

/** Who may mint and revoke API keys: the agency's owner, and platform admins for any agency. */
export const canManageApiKeys = (role: Role) => hasCapability(role, "manage_api_keys");

/** Roles that may be a listing's agent one or agent two. */
export const LISTING_AGENT_ROLES: readonly AgencyRole[] = ["owner", "team_member", "agent"];
