// Tenant and scope matrices generated from the router: every /api/v1 operation (the procedures'
// openapi meta and the media routes' own meta, which is also what the OpenAPI document is built
// from) and every tRPC procedure the dashboard can call. Nothing here lists operations by hand
// except the exclusions, each with its reason: a new procedure lands in the matrices by itself, and
// one whose input names a resource the fixtures do not know fails the run until it is covered.
import { z } from "zod";
import pino from "pino";
import { appRouter } from "../server/api/root";
import type { Meta } from "../server/api/trpc";
import { buildRouteTable } from "../server/http/routes";
import { createMediaRoutes } from "../server/http/media-routes";
import { SCOPES, type Scope } from "../server/auth/scopes";
import type { MediaStorage } from "../server/storage/storage";
import type { Agency } from "./support/fixtures";

export interface RestOperation {
  method: string;
  template: string;
  scope: Scope;
  /** The procedure behind it, or undefined for a route with its own handler (media upload, download). */
  procedure?: string;
}

/** Every /api/v1 operation, read from the route table the REST handler itself routes with. */
export function restOperations(): RestOperation[] {
  // The media routes' handlers are never called here: only their method, path and meta are read.
  const media = createMediaRoutes({ storage: {} as MediaStorage, appUrl: "http://127.0.0.1", maxFileBytes: 1, logger: pino({ level: "silent" }) });
  return buildRouteTable(appRouter, media).routes.map((route) => {
    if (!route.meta.scope) throw new Error(`${route.method} ${route.template} declares no scope`);
    return { method: route.method, template: route.template, scope: route.meta.scope, procedure: route.procedurePath };
  });
}

export const opName = (op: { method: string; template: string }) => `${op.method} ${op.template}`;

/** Path parameters that name one agency's resource, and the fixture that fills each. */
export const OWNED_PARAMS: Record<string, (a: Agency) => string> = {
  listing_number: (a) => a.listingNumber,
  shoot_id: (a) => a.shootId,
  media_id: (a) => a.mediaId,
  endpoint_id: (a) => a.endpointId,
  delivery_id: (a) => a.webhookDeliveryId,
};
/** Path parameters that are not a resource of an agency. */
export const FIXED_PARAMS: Record<string, string> = { section: "floorplan" };

export function fillPath(template: string, agency: Agency): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const owned = OWNED_PARAMS[name];
    if (owned) return encodeURIComponent(owned(agency));
    const fixed = FIXED_PARAMS[name];
    if (fixed === undefined) throw new Error(`path parameter {${name}} has no fixture: add it to OWNED_PARAMS or FIXED_PARAMS`);
    return fixed;
  });
}

export const ownsResource = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].some(([, name]) => name! in OWNED_PARAMS);

const future = () => new Date(Date.now() + 40 * 86_400_000).toISOString();

/**
 * A body (and query) the operation's schema accepts, so that what decides the answer is the
 * resource's owner, not validation. Operations not named get `{}` (POST/PATCH) or nothing.
 */
export function validRequest(op: RestOperation, agency: Agency): { body?: unknown; query?: string } {
  switch (opName(op)) {
    case "PATCH /listings/{listing_number}/status":
      return { body: { status: "Active" } };
    case "PATCH /listings/{listing_number}/sections/{section}":
      return { body: { url: "https://example.com/plan.pdf" } };
    case "POST /listings/{listing_number}/shoots":
    case "PATCH /listings/{listing_number}/shoots/{shoot_id}":
      return { body: { start: future() } };
    case "POST /listings/{listing_number}/media/order":
      return { body: { media_ids: [agency.mediaId] } };
    case "PATCH /media/{media_id}":
      return { body: { caption: "matrix" } };
    case "PATCH /webhooks/endpoints/{endpoint_id}":
      return { body: { enabled: false } };
    case "POST /webhooks/endpoints/{endpoint_id}/test":
      return { body: { event_type: "listing.created" } };
    case "GET /scheduling/availability":
      return { query: `address=${encodeURIComponent("1 Main St")}&package=${agency.packageCode}` };
    default:
      return op.method === "POST" || op.method === "PATCH" ? { body: {} } : {};
  }
}

/**
 * Operations that address no resource by path: what "another agency's resource" means for each,
 * checked by the suite, or why there is none. Every such operation must be here.
 */
export const COLLECTION_CHECKS: Record<string, string> = {
  "POST /listings": "A's users as owner and agent → 422 invalid_reference",
  "GET /listings": "filtered by A's agent → none of A's listings",
  "GET /users": "B's list holds none of A's users",
  "GET /webhooks/endpoints": "B's list holds none of A's endpoints",
  "POST /media/upload": "a file for A's listing → 404",
  "POST /webhooks/endpoints": "excluded: the input names no resource (it creates one of the caller's own)",
  "GET /webhooks/events": "excluded: the event catalog is the same for every agency",
  "GET /scheduling/availability": "excluded: reads the caller's own hours and packages (package codes are per agency)",
};

// ------------------------------------------------------------------------------------ tRPC

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation";
  meta: Meta;
  /** Input properties (required ones marked) from the procedure's zod input. */
  properties: Record<string, { required: boolean }>;
}

export function procedures(): ProcedureInfo[] {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation"; meta?: Meta; inputs: z.ZodType[] } }>).map(([path, procedure]) => {
    const properties: ProcedureInfo["properties"] = {};
    for (const input of procedure._def.inputs) {
      const schema = z.toJSONSchema(input, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown>; required?: string[] };
      for (const name of Object.keys(schema.properties ?? {})) properties[name] = { required: (schema.required ?? []).includes(name) };
    }
    return { path, type: procedure._def.type, meta: procedure._def.meta ?? {}, properties };
  });
}

/** A field that could name a resource: each must have a fixture below, or the run fails. */
export const REFERENCE_FIELD = /^(id|.+_id|.+_ids|listing_number|code|user|photographer|subject)$/;

type Role = "target" | "reference";
/**
 * The other agency's resource for a reference field, and whether it is the procedure's target
 * (its answer must be NOT_FOUND) or a resource it would attach (NOT_FOUND or 422 invalid_reference).
 */
export function referenceFixture(procedure: string, field: string, a: Agency): { value: unknown; role: Role } | undefined {
  const byField: Record<string, [unknown, Role]> = {
    listing_number: [a.listingNumber, "target"],
    shoot_id: [a.shootId, "target"],
    media_id: [a.mediaId, "target"],
    media_ids: [[a.mediaId], "reference"],
    endpoint_id: [a.endpointId, "target"],
    order_id: [a.orderId, "target"],
    delivery_id: [procedure.startsWith("listings.") ? a.galleryDeliveryId : a.webhookDeliveryId, "target"],
    owner_user_id: [a.ownerId, "reference"],
    agent_one_id: [a.agentId, "reference"],
    agent_two_id: [a.viewerId, "reference"],
    photographer_id: [a.agentId, "reference"],
    agent_id: [a.agentId, "reference"],
    user_id: [a.agentId, "target"],
    team_id: [a.teamId, procedure === "users.moveToTeam" ? "reference" : "reference"],
    // "no active user … in your agency": 422 invalid_reference, which reveals nothing either.
    user: [a.agentId, "reference"],
    photographer: [a.agentId, "reference"],
    code: [a.packageCode, "target"],
  };
  if (field in NOT_REFERENCES) return { value: undefined, role: "reference" };
  if (field === "id") {
    const ids: Record<string, string> = { users: a.agentId, apiKeys: a.keyId, teams: a.teamId };
    const value = procedure === "scheduling.removeBlockedTime" ? a.blockId : ids[procedure.split(".")[0]!];
    return value ? { value, role: "target" } : undefined;
  }
  const entry = byField[field];
  return entry ? { value: entry[0], role: entry[1] } : undefined;
}

/** Values for required fields that name nothing, so that validation passes and the owner decides. */
export const PLAIN_VALUES: Record<string, () => unknown> = {
  status: () => "Active",
  section: () => "floorplan",
  url: () => "https://example.com/plan.pdf",
  start: () => future(),
  role: () => "agent",
  grace_period_days: () => 0,
  name: () => "Matrix name",
  email: () => `matrix-${Date.now()}@example.test`,
  address: () => "1 Matrix St",
  working_days: () => [1],
  from: () => "2031-01-01",
  to: () => "2031-01-02",
  event_type: () => "listing.created",
  download_gate: () => "never",
};

/** Fields the REFERENCE_FIELD pattern matches that name nothing of an agency's. */
export const NOT_REFERENCES: Record<string, string> = {
  model_id: "a Matterport model id (Matterport's, not an agency's resource)",
};

/** Optional fields a procedure needs for its input to be valid at all. */
export const PROCEDURE_INPUTS: Record<string, Record<string, unknown>> = {
  "listings.updateSection": { url: "https://example.com/plan.pdf" },
};

export const PROCEDURE_EXCLUSIONS: Record<string, string> = {
  "operator.lift": "platform admins only (403 forbidden for an agency's owner); operator rules belong to no agency",
  "operator.deny": "platform admins only; its subject is an agency, key or address chosen by the platform",
  "operator.setOverride": "platform admins only; its subject is chosen by the platform",
  "operator.removeOverride": "platform admins only; its subject is chosen by the platform",
  "scheduling.availability": "the package code is looked up among the caller's own packages (same code in every agency)",
  "packages.create": "creates a package of the caller's own; a code already used elsewhere is not a reference",
  "listings.list": "agent_id filters the caller's own listings; checked over REST (GET /listings) to return none of A's",
};

export const ALL_SCOPES: readonly Scope[] = SCOPES;
