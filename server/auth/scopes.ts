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

/** Who may mint and revoke API keys: the agency's owner, and platform admins for any agency. */
export const canManageApiKeys = (role: Role) => role === "owner" || isPlatformRole(role);

/** Roles that may be a listing's agent one or agent two. */
export const LISTING_AGENT_ROLES: readonly AgencyRole[] = ["owner", "team_member", "agent"];
