// tRPC set-up shared by both transports: the dashboard calls procedures over /api/trpc with its
// session, integrators call the same procedures over /api/v1 (trpc-to-openapi) with an API key.
//
// 1. CONTEXT: who is calling (an Actor), the database, the request id.
// 2. ERRORS: AppError -> TRPCError with the matching HTTP status; the formatter tells the
//    dashboard the Valara error code and hides internals.
// 3. PROCEDURES: `agencyProcedure` resolves the agency the caller acts for, checks the scope the
//    procedure declares in its meta, and hands it a client scoped to that agency.
import { AsyncLocalStorage } from "node:async_hooks";
import { TRPCError, initTRPC } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import type { Database } from "../db/client";
import { agencyScope } from "../db/tenant";
import type { EventActor } from "../webhooks/actor";
import { enforceSubjectLimit } from "../rate-limit/subject-limit";
import { AppError, databaseUnavailableError, type ErrorCode, type FieldIssue } from "../errors";
import { isDatabaseUnavailable, isRecordNotFound } from "../db/errors";
import { CAPABILITIES, ROLE_SCOPES, hasCapability, isPlatformRole, type Capability, type Role, type Scope } from "../auth/scopes";
import { zodIssuesToFieldIssues } from "./validation";
import { inputProblem } from "./input-guard";

// ---------------------------------------------------------------------------------------------
// 1. CONTEXT
// ---------------------------------------------------------------------------------------------

export interface ApiKeyActor {
  kind: "api_key";
  keyId: string;
  /** The key's name ("CRM sync"), for the listing history. */
  name: string;
  agencyId: string;
  scopes: readonly Scope[];
}

export interface UserActor {
  kind: "user";
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** The user's own agency; null for platform admins. */
  agencyId: string | null;
  /** For platform admins: the agency they chose to act for in the dashboard, if any. */
  actingForAgencyId: string | null;
}

export type Actor = ApiKeyActor | UserActor;

export interface Context {
  requestId: string;
  transport: "rest" | "dashboard";
  db: Database;
  actor: Actor | null;
  appUrl: string;
}

export interface Meta extends OpenApiMeta {
  /** The scope a caller needs; every agencyProcedure must declare one. */
  scope?: Scope;
  /** HTTP status of a successful REST call (default 200). */
  successStatus?: 200 | 201 | 202;
  /** The Valara error codes this procedure can answer with, for the OpenAPI document. */
  errors?: readonly ErrorCode[];
}

// ---------------------------------------------------------------------------------------------
// 2. ERRORS
// ---------------------------------------------------------------------------------------------

const TRPC_CODE_BY_STATUS: Record<number, TRPCError["code"]> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  408: "TIMEOUT",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  422: "UNPROCESSABLE_CONTENT",
  429: "TOO_MANY_REQUESTS",
  503: "SERVICE_UNAVAILABLE",
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_BY_STATUS[error.status] ?? "INTERNAL_SERVER_ERROR", message: error.message, cause: error });
}

/** The AppError behind a tRPC error, if the failure was one of ours (or input validation). */
export function appErrorOf(error: TRPCError): AppError | undefined {
  if (error.cause instanceof AppError) return error.cause;
  if (isDatabaseUnavailable(error.cause)) return databaseUnavailableError();
  // Safety net: domain code locks what it changes, but a row deleted concurrently between a
  // check and a write is the client's 404, never a 500.
  if (isRecordNotFound(error.cause)) return new AppError("not_found", "The resource no longer exists.");
  if (error.cause instanceof ZodError && error.code === "BAD_REQUEST") {
    const details = zodIssuesToFieldIssues(error.cause.issues);
    return new AppError("validation_failed", details.map((d) => `${d.field}: ${d.message}`).join("; "), details);
  }
  return undefined;
}

/**
 * tRPC's own refusals of a malformed call, made before any procedure runs (no such procedure, a
 * mutation called with GET, a body that is not JSON, ...): client mistakes, each with the
 * Valara code of the same mistake on /api/v1. Without this the error formatter saw no AppError
 * and answered 500 internal_error to every one of them.
 */
export function trpcRefusalOf(error: TRPCError): AppError | undefined {
  switch (error.code) {
    case "NOT_FOUND":
      return new AppError("not_found", "No such procedure.");
    case "METHOD_NOT_SUPPORTED":
      // tRPC sets Allow itself. Queries are GET, mutations POST.
      return new AppError("method_not_allowed", "This procedure does not accept this method: queries are GET, mutations POST.");
    case "PARSE_ERROR":
      return new AppError("invalid_json", "The input is not valid JSON.");
    case "BAD_REQUEST":
      // tRPC parses ?input= and the body lazily and reports a JSON.parse failure as BAD_REQUEST.
      if (error.cause instanceof SyntaxError) return new AppError("invalid_json", "The input is not valid JSON.");
      // What tRPC itself refuses (a batch shape, mixed procedure types) says so in its own words,
      // which describe the request; a cause of any other kind is not repeated to the client.
      return new AppError("validation_failed", error.cause ? "The request is malformed." : error.message || "The request is malformed.");
    case "PAYLOAD_TOO_LARGE":
      return new AppError("payload_too_large", "The body is larger than this endpoint accepts.");
    case "UNSUPPORTED_MEDIA_TYPE":
      return new AppError("unsupported_media_type", "Send the input as application/json.");
    default:
      return undefined;
  }
}

/**
 * The request id of the /api/trpc request being answered. tRPC formats errors raised before it
 * creates the context (a malformed call, an unknown procedure) without a context, so the route
 * also keeps the id here for the formatter.
 */
const trpcRequestIds = new AsyncLocalStorage<string>();
export const withTrpcRequestId = <T>(requestId: string, run: () => T): T => trpcRequestIds.run(requestId, run);

export interface DashboardErrorData {
  code: ErrorCode;
  details?: FieldIssue[];
  requestId: string;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const appError = appErrorOf(error) ?? trpcRefusalOf(error);
      const data: DashboardErrorData = {
        code: appError?.code ?? "internal_error",
        details: appError?.details,
        requestId: ctx?.requestId ?? trpcRequestIds.getStore() ?? "",
      };
      return {
        ...shape,
        message: appError?.message ?? "An unexpected error occurred.",
        data: { ...data, httpStatus: appError?.status ?? 500 },
      };
    },
  });

/**
 * A refusal made before tRPC runs (by the /api/trpc route itself), in the body tRPC's client
 * reads, so that the dashboard shows its code, message and request id like any procedure's error.
 */
export function dashboardErrorResponse(error: AppError, requestId: string): Response {
  const code = toTRPCError(error).code;
  const data: DashboardErrorData & { httpStatus: number } = { code: error.code, details: error.details, requestId, httpStatus: error.status };
  return Response.json(
    { error: { message: error.message, code: TRPC_ERROR_CODES_BY_KEY[code], data } },
    { status: error.status, headers: { "X-Request-Id": requestId, ...error.headers } },
  );
}

/** Turns the domain's AppErrors into TRPCErrors with the right status, for both transports. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) throw toTRPCError(result.error.cause);
  return result;
});

// ---------------------------------------------------------------------------------------------
// 3. PROCEDURES
// ---------------------------------------------------------------------------------------------

/** Refuses input nested too deep or holding text the database could not store, with a 400 naming the field. */
const rejectUnsafeInput = t.middleware(async ({ getRawInput, next }) => {
  const problem = inputProblem(await getRawInput());
  if (problem) throw new AppError("validation_failed", `${problem.field}: ${problem.message}`, [problem]);
  return next();
});

/**
 * The dashboard's per-user limits (SESSION_BUDGETS): every call of a signed-in user counts, queries
 * and changes apart, before anything else runs. API keys are limited per budget in the REST
 * pipeline instead (server/rate-limit/rest.ts), so they are not counted twice.
 */
const limitSessions = t.middleware(async ({ ctx, type, next }) => {
  if (ctx.actor?.kind === "user") {
    const budget = type === "mutation" ? "dashboard_writes" : "dashboard_reads";
    await enforceSubjectLimit(ctx.actor.userId, budget, (decision) =>
      `Too many ${type === "mutation" ? "changes" : "requests"} from your session: at most ${decision.limit} a minute. Try again in ${decision.retryAfterSeconds} seconds.`,
    );
  }
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors).use(limitSessions).use(rejectUnsafeInput);

/** A signed-in dashboard user (never an API key). */
export const userProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor?.kind !== "user") throw new AppError("authentication_required", "Sign in to continue.");
  return next({ ctx: { actor: ctx.actor } });
});

/** A platform admin (super_admin or admin) in the dashboard. */
export const platformProcedure = userProcedure.use(({ ctx, next }) => {
  if (!isPlatformRole(ctx.actor.role)) throw new AppError("forbidden", "Only platform admins may do this.");
  return next();
});


/** The agency a caller acts for, and the scopes it acts with. */
export function resolveAgency(actor: Actor | null): { agencyId: string; scopes: readonly Scope[] } {
  if (!actor) throw new AppError("authentication_required", "Send an API key in X-API-Key or Authorization: Bearer.");
  if (actor.kind === "api_key") return { agencyId: actor.agencyId, scopes: actor.scopes };
  const agencyId = isPlatformRole(actor.role) ? actor.actingForAgencyId : actor.agencyId;
  if (!agencyId) throw new AppError("forbidden", "Choose the agency to act for first.");
  return { agencyId, scopes: ROLE_SCOPES[actor.role] };
}

/** Who the events a caller causes are recorded as (the listing history shows it). */
export function eventActorOf(actor: Actor): EventActor {
  if (actor.kind === "api_key") return { kind: "api_key", id: actor.keyId, display: actor.name };
  return { kind: isPlatformRole(actor.role) ? "platform_admin" : "user", id: actor.userId, display: actor.name };
}

/** The 403 for a caller without the scope it needs, worded for how it called (both transports). */
export function scopeError(via: "api_key" | "session" | "upload_ticket", scope: Scope): AppError {
  if (via === "api_key") return new AppError("insufficient_scope", `This API key lacks the ${scope} scope.`);
  return new AppError("forbidden", via === "session" ? "Your role may not do this." : "An upload ticket only uploads media.");
}

/** Acts for one agency: resolves it, checks the procedure's scope, and scopes the database to it. */
export const agencyProcedure = publicProcedure.use(({ ctx, meta, next }) => {
  const { agencyId, scopes } = resolveAgency(ctx.actor);
  const needed = meta?.scope;
  // Fail closed: a procedure that forgot to declare its scope is unreachable, not open.
  if (!needed) throw new Error("agencyProcedure without meta.scope");
  if (!scopes.includes(needed)) throw scopeError(ctx.actor?.kind === "api_key" ? "api_key" : "session", needed);
  const scope = agencyScope(ctx.db.prisma, agencyId, eventActorOf(ctx.actor!));
  return next({ ctx: { scope, scopes } });
});

/**
 * Dashboard-only: a signed-in user whose role has `capability` (the table in server/auth/scopes.ts),
 * acting for their agency (or, for a platform admin, the agency they chose).
 */
export function capabilityProcedure(capability: Capability) {
  return userProcedure.use(({ ctx, next }) => {
    if (!hasCapability(ctx.actor.role, capability)) throw new AppError("forbidden", CAPABILITIES[capability].refusal);
    const { agencyId } = resolveAgency(ctx.actor);
    const scope = agencyScope(ctx.db.prisma, agencyId, eventActorOf(ctx.actor));
    return next({ ctx: { scope } });
  });
}

/** Dashboard-only: the agency owner (or a platform admin acting for an agency) managing API keys. */
export const keyManagerProcedure = capabilityProcedure("manage_api_keys");
