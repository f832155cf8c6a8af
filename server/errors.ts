// One error type for everything Valara reports to a caller, and one table from its code to an
// HTTP status. Both transports render it: REST as {"error":{"code","message","request_id"}},
// tRPC through the error formatter. Anything that is not an AppError is a 500 whose message
// says nothing about the cause.

export const ERROR_CODES = {
  validation_failed: { status: 400, description: "The request's parameters or body are invalid; the message and `details` name each field." },
  invalid_json: { status: 400, description: "The body is not valid JSON." },
  invalid_cursor: { status: 400, description: "The `cursor` is not one this API returned." },
  idempotency_key_required: { status: 400, description: "POST and PATCH requests need an X-Idempotency-Key header." },
  authentication_required: { status: 401, description: "No API key was sent (X-API-Key or Authorization: Bearer)." },
  invalid_api_key: { status: 401, description: "The API key is malformed or unknown." },
  api_key_revoked: { status: 401, description: "The API key was revoked." },
  api_key_expired: { status: 401, description: "The API key has expired, or it was rotated and its grace period is over; `details.expired_at` says when it stopped." },
  api_key_disabled: { status: 401, description: "The API key is disabled (switched off by the agency's owner or a platform admin); it works again once enabled, without rotating." },
  invalid_upload_ticket: { status: 401, description: "The upload ticket is malformed or unknown." },
  upload_ticket_used: { status: 401, description: "The upload ticket was already used; ask for a new one." },
  upload_ticket_expired: { status: 401, description: "The upload ticket has expired; ask for a new one." },
  insufficient_scope: { status: 403, description: "The API key lacks the scope this endpoint needs." },
  forbidden: { status: 403, description: "Your role may not do this." },
  access_denied: { status: 403, description: "Valara's operators denied this API key, the agency's API access, or the address the request came from (abuse protection); the message says which and until when. Contact Valara support." },
  not_found: { status: 404, description: "No such route or resource." },
  endpoint_not_in_scope: { status: 404, description: "The operation is deliberately kept off the public API (the deny list, /docs/deny-list); the message and the envelope's `not_in_scope` field name the reason and the supported way instead." },
  listing_not_found: { status: 404, description: "No listing with that number exists in your agency." },
  api_key_not_found: { status: 404, description: "No API key with that id exists in your agency." },
  agency_not_found: { status: 404, description: "No such agency." },
  shoot_not_found: { status: 404, description: "No shoot with that id exists on that listing in your agency." },
  media_not_found: { status: 404, description: "No media with that id exists in your agency." },
  webhook_endpoint_not_found: { status: 404, description: "No webhook endpoint with that id exists in your agency." },
  webhook_delivery_not_found: { status: 404, description: "No webhook delivery with that id exists in your agency." },
  method_not_allowed: { status: 405, description: "The route exists but not with this method." },
  request_timeout: { status: 408, description: "The request did not arrive in time: its headers took too long, or its body arrived too slowly or stopped (below the minimum rate the server requires over a window); the connection is closed. Send it again over a working connection." },
  idempotency_key_conflict: { status: 409, description: "The idempotency key was used with a different request." },
  idempotency_key_in_use: { status: 409, description: "A request with this idempotency key is still being processed." },
  cancellation_window_active: { status: 409, description: "A scheduled shoot starts within 24 hours." },
  slot_unavailable: { status: 409, description: "That start time is not free (taken, outside hours, or too soon); ask for availability again." },
  conflict: { status: 409, description: "The resource changed or already exists." },
  payload_too_large: { status: 413, description: "The body is larger than the API accepts." },
  unsupported_media_type: { status: 415, description: "The body must be application/json." },
  headers_too_large: { status: 431, description: "The request's headers are larger than the server accepts." },
  lifecycle_violation: { status: 422, description: "The listing's current status does not allow this change." },
  invalid_reference: { status: 422, description: "A referenced user or package does not exist in your agency, or cannot play that part." },
  rate_limit_exceeded: { status: 429, description: "The API key (or its agency, all keys together) used up this budget for the current 60-second window; retry after Retry-After seconds." },
  internal_error: { status: 500, description: "Something failed on our side; the request_id identifies it in our logs." },
  payment_provider_error: { status: 502, description: "Square refused or did not answer; nothing was changed, retry later." },
  service_unavailable: { status: 503, description: "The service is starting or shutting down, too busy to take the request (it was refused before any work, so nothing changed), or its database is briefly unavailable; retry after Retry-After seconds." },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldIssue[],
    /** Extra response headers (Allow, Retry-After, ...). */
    readonly headers?: Record<string, string>,
    /** Machine-readable facts about a refusal that is not about fields (api_key_expired: expired_at), rendered as `details`. */
    readonly facts?: Record<string, unknown>,
    /** Additive fields of the envelope's error object (the deny list's `not_in_scope`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = ERROR_CODES[code].status;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;

const NOT_FOUND_MESSAGES = {
  listing: (id: string) => `No listing with number ${id} exists in your agency.`,
  api_key: (id: string) => `No API key with id ${id} exists in your agency.`,
  agency: (id: string) => `No agency ${id}.`,
  shoot: (id: string) => `No shoot ${id} exists on that listing in your agency.`,
  media: (id: string) => `No media ${id} exists in your agency.`,
  webhook_endpoint: (id: string) => `No webhook endpoint ${id} exists in your agency.`,
  webhook_delivery: (id: string) => `No webhook delivery ${id} exists in your agency.`,
  order: (id: string) => `No order ${id} exists in your agency.`,
  delivery: (id: string) => `No delivery ${id} exists in your agency.`,
} as const;

type NotFoundResource = keyof typeof NOT_FOUND_MESSAGES;

/** Resources whose 404 predates per-resource codes (callers already match on plain not_found), and
 * deliveries, which need no code of their own in the public catalog. */
const GENERIC_NOT_FOUND: ReadonlySet<NotFoundResource> = new Set(["order", "delivery"]);

export const notFound = (what: NotFoundResource, id: string) =>
  new AppError(GENERIC_NOT_FOUND.has(what) ? "not_found" : (`${what}_not_found` as ErrorCode), NOT_FOUND_MESSAGES[what](id));

export const invalidReference = (field: string, message: string) =>
  new AppError("invalid_reference", `${field}: ${message}`, [{ field, message }]);

/** The envelope every error response carries. */
export interface ErrorEnvelope {
  error: { code: ErrorCode; message: string; request_id: string; details?: FieldIssue[] | Record<string, unknown>; doc_url: string; [extra: string]: unknown };
}

/** The path of a code's page in Valara's API reference (server/http/error-docs.ts serves it). */
export const errorDocPath = (code: ErrorCode) => `/docs/errors/${code}`;

/** The code's page, absolute when APP_URL is known (it is in every running server). */
export const errorDocUrl = (code: ErrorCode) => `${(process.env.APP_URL ?? "").replace(/\/+$/, "")}${errorDocPath(code)}`;

export function errorEnvelope(error: AppError, requestId: string): ErrorEnvelope {
  return {
    error: {
      code: error.code,
      message: error.message,
      request_id: requestId,
      ...(error.details?.length ? { details: error.details } : error.facts ? { details: error.facts } : {}),
      doc_url: errorDocUrl(error.code),
      ...error.extra,
    },
  };
}

/** The database is unreachable, restarting or out of connections: retry shortly (not a 500). */
export const databaseUnavailableError = () =>
  new AppError("service_unavailable", "The database is briefly unavailable; retry after Retry-After seconds.", undefined, { "Retry-After": "5" });

export const internalError = () =>
  new AppError("internal_error", "An unexpected error occurred. Quote the request_id if you contact support.");
