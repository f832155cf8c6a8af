// Tenant isolation by construction: every query an API key or a dashboard session makes goes
// through a client from `forAgency(prisma, agencyId)`, which adds `agencyId` to the filter of
// every read, update and delete and stamps it on every create. Forgetting a `where` cannot leak
// another agency's rows, and a row of another agency is simply not found (a 404, never a 403).
//
// Children without their own agency column (order line items) are reached only through a scoped
// parent; composite foreign keys (id, agency_id) in the schema keep every relation inside one
// agency. Any other model is refused, so a new table must be classified here before use.
import type { Prisma, PrismaClient } from "./generated/client.ts";
import type { EventActor } from "../webhooks/actor";
import { activeRequestTransaction, bound, isQueryProperty, nestedTransaction, unwrapClient, type RequestTransaction } from "./request-transaction";

type ModelName = Prisma.ModelName;

/** Models with an agency_id column, filtered on it. */
const AGENCY_SCOPED = new Set<ModelName>([
  "Team",
  "User",
  "ApiKey",
  "Package",
  "Tour",
  "Shoot",
  "Order",
  "Invoice",
  "Media",
  "UploadTicket",
  "PropertyView",
  "Delivery",
  "BusinessHours",
  "Photographer",
  "BlockedTime",
  "WebhookEndpoint",
  "WebhookEvent",
  "WebhookDelivery",
  "WebhookAttempt",
]);
// Platform-level tables (Agency is handled apart; IdempotencyKey and SquareWebhookEvent are only
// touched by the HTTP layer with the platform client) are refused here on purpose.
/** Models only ever read through an agency-scoped parent (nested include/create). */
const THROUGH_PARENT = new Set<ModelName>(["OrderLineItem"]);

const WHERE_UNIQUE_OPS = new Set(["findUnique", "findUniqueOrThrow", "update", "delete", "upsert"]);
const WHERE_OPS = new Set([
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "updateMany",
  "updateManyAndReturn",
  "deleteMany",
]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object; update?: object };

function withAgency(model: ModelName, operation: string, args: Args, agencyId: string): Args {
  const key = model === "Agency" ? "id" : "agencyId";
  // A row may be created for, or changed to, this agency only: naming another is a bug, refused
  // loudly rather than silently re-stamped.
  const written = [args.data, args.create, args.update].flatMap((d) => (Array.isArray(d) ? d : d ? [d] : []));
  for (const data of written) {
    if (typeof data === "object" && data !== null && "agencyId" in data && (data as { agencyId: unknown }).agencyId !== agencyId) {
      throw new Error(`${model}.${operation} may not change agencyId`);
    }
  }
  const next: Args = { ...args };
  if (WHERE_UNIQUE_OPS.has(operation)) {
    next.where = { ...(args.where ?? {}), [key]: agencyId };
  } else if (WHERE_OPS.has(operation)) {
    next.where = args.where ? { AND: [args.where, { [key]: agencyId }] } : { [key]: agencyId };
  }
  const stamp = (data: unknown) => ({ ...(data as object), agencyId });
  if (model === "Agency") {
    if (!operation.startsWith("find") && operation !== "count" && operation !== "update") {
      throw new Error(`Agency.${operation} is not allowed on an agency-scoped client`);
    }
  } else if (operation === "create" || operation === "createManyAndReturn" || operation === "createMany") {
    next.data = Array.isArray(args.data) ? args.data.map(stamp) : stamp(args.data);
  } else if (operation === "upsert") {
    next.create = stamp(args.create);
  }
  return next;
}

/** The arguments of one query by an agency-scoped client, or an error for a model it may not touch. */
function scopedArgs(model: ModelName, operation: string, args: Args, agencyId: string): Args {
  if (model !== "Agency" && !AGENCY_SCOPED.has(model)) {
    throw new Error(
      THROUGH_PARENT.has(model)
        ? `${model} is reached through its agency-scoped parent, never directly`
        : `${model} is not agency-scoped; classify it in server/db/tenant.ts`,
    );
  }
  return withAgency(model, operation, args, agencyId);
}

function scope(prisma: PrismaClient, agencyId: string) {
  return prisma.$extends({
    name: "agency-scope",
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          return query(scopedArgs(model, operation, args as Args, agencyId));
        },
      },
    },
  });
}

/**
 * The agency-scoped client of a request transaction (server/db/request-transaction.ts): the same
 * filtering as `scope`, applied by hand, because Prisma cannot extend a transaction's client.
 */
function scopedRequestTransaction(state: RequestTransaction, agencyId: string): TenantDb {
  const known = state.scoped.get(agencyId);
  if (known) return known as TenantDb;
  const tx = state.tx as unknown as Record<string, Record<string, (args: Args) => unknown>>;
  const delegates = new Map<string, object>();
  const delegate = (key: string) => {
    let found = delegates.get(key);
    if (!found) {
      const model = (key.charAt(0).toUpperCase() + key.slice(1)) as ModelName;
      found = new Proxy({}, { get: (_, operation: string) => (args?: Args) => tx[key]![operation]!(scopedArgs(model, operation, args ?? {}, agencyId)) });
      delegates.set(key, found);
    }
    return found;
  };
  const client: TenantDb = new Proxy({} as TenantDb, {
    get(_, prop) {
      if (prop === "$transaction") return (arg: unknown) => nestedTransaction(state, client, arg);
      if (!isQueryProperty(prop)) return undefined;
      if (prop.startsWith("$")) return (tx[prop] as unknown as (...args: unknown[]) => unknown).bind(tx);
      return delegate(prop);
    },
  });
  state.scoped.set(agencyId, client);
  return client;
}

export type TenantDb = ReturnType<typeof scope>;
/** The transaction client of a TenantDb: still scoped to the agency. */
export type TenantTx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

/**
 * What domain functions receive: the agency they act for, a client scoped to it, and who is acting
 * (recorded on the events they emit, for the listing history).
 */
export interface AgencyScope {
  agencyId: string;
  db: TenantDb;
  actor: EventActor;
}

/** The scope of `actor` acting for one agency. */
export function agencyScope(prisma: PrismaClient, agencyId: string, actor: EventActor): AgencyScope {
  return { agencyId, db: forAgency(prisma, agencyId), actor };
}

// Extending a client is cheap but not free; agencies are few, so keep their clients.
const cache = new WeakMap<PrismaClient, Map<string, TenantDb>>();
const MAX_CACHED = 1000;

export function forAgency(prisma: PrismaClient, agencyId: string): TenantDb {
  prisma = unwrapClient(prisma);
  let perClient = cache.get(prisma);
  if (!perClient) cache.set(prisma, (perClient = new Map()));
  let client = perClient.get(agencyId);
  if (!client) {
    if (perClient.size >= MAX_CACHED) perClient.delete(perClient.keys().next().value as string);
    client = followingRequestTransaction(prisma, agencyId, scope(prisma, agencyId));
    perClient.set(agencyId, client);
  }
  return client;
}

/**
 * The scoped client, made to follow a request transaction whenever one is open in the calling
 * request, even if the client was obtained before it opened (an upload route scopes the database
 * before its idempotent part runs).
 */
function followingRequestTransaction(prisma: PrismaClient, agencyId: string, scoped: TenantDb): TenantDb {
  return new Proxy(scoped, {
    get(target, prop) {
      const request = activeRequestTransaction(prisma);
      return bound(request ? (scopedRequestTransaction(request, agencyId) as object) : target, prop);
    },
  });
}

export const __test = { withAgency };
