// GET /api/openapi.json: the OpenAPI 3.1 document, generated from the router by trpc-to-openapi
// and then corrected where the generator cannot know better: the real success status of each
// operation (201 on create), Valara's error envelope with each operation's error codes and
// examples, the X-Request-Id / X-Idempotent-Replay response headers, and both auth schemes.
import { DENY_LIST, notInScopeField } from "./deny-list";
import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import type { HeaderObject, SchemaObject } from "openapi3-ts/oas31";
import { ERROR_CODES, type ErrorCode } from "../errors";
import type { AppRouter } from "../api/root";
import { buildRouteTable } from "./routes";
import { describeCatalog } from "../webhooks/catalog";
import { exampleEnvelope } from "../webhooks/example-envelope";
import { API_PREFIX } from "./rest-handler";
import { addMediaOperations } from "./media-openapi";

/** Semantic version of the additive /api/v1 surface (see "Versioning" in the README). */
export const API_VERSION = "1.3.0"; // 1.3.0: GET /listings takes q, sort and order

const AUTH_ERRORS: ErrorCode[] = ["authentication_required", "invalid_api_key", "api_key_revoked", "api_key_expired", "api_key_disabled", "insufficient_scope"];
const READ_ERRORS: ErrorCode[] = ["validation_failed", ...AUTH_ERRORS, "not_found", "method_not_allowed", "internal_error"];
const WRITE_ERRORS: ErrorCode[] = [
  ...READ_ERRORS,
  "invalid_json",
  "idempotency_key_required",
  "idempotency_key_conflict",
  "idempotency_key_in_use",
  "payload_too_large",
  "unsupported_media_type",
];

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable entity",
  500: "Internal server error",
  502: "Bad gateway",
};

const errorSchema: SchemaObject = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "request_id"],
      properties: {
        code: { type: "string", enum: Object.keys(ERROR_CODES), description: "Stable, machine-readable error code" },
        message: { type: "string", description: "What went wrong, for a person" },
        request_id: { type: "string", pattern: "^req_[0-9A-HJKMNP-TV-Z]{26}$", description: "Quote it to support; also in X-Request-Id" },
        doc_url: { type: "string", format: "uri", description: "The page of the API reference for this code: what it means, when it happens, how to fix it" },
        not_in_scope: {
          type: "object",
          description: "On endpoint_not_in_scope only: the deny-list entry (x-valara-deny-list) with the reason and the supported way",
          properties: {
            operation: { type: "string" },
            reason: { type: "string" },
            supported_alternative: { type: "string" },
            dashboard_page: { type: ["string", "null"] },
            endpoint: { type: ["string", "null"] },
          },
        },
        details: {
          description:
            "Per-field problems (an array), on validation errors and the few refusals that name a field (rate_limit_exceeded: the budget); an object of facts on refusals that carry them (api_key_expired: `expired_at`)",
          oneOf: [
            {
              type: "array",
              items: {
                type: "object",
                required: ["field", "message"],
                properties: { field: { type: "string" }, message: { type: "string" } },
              },
            },
            { type: "object", properties: { expired_at: { type: "string", format: "date-time" } }, additionalProperties: true },
          ],
        },
      },
    },
  },
};

const requestIdHeader: HeaderObject = {
  description: "Identifies this request in Valara's logs (req_<ULID>)",
  schema: { type: "string" },
};

/**
 * The error responses for these codes, grouped by status. `descriptions` replaces a code's
 * generic description where an operation means something more exact by it (the media upload's
 * 413 and 415 are about a file, not the JSON body).
 */
function errorResponses(codes: readonly ErrorCode[], descriptions: Partial<Record<ErrorCode, string>> = {}) {
  const describe = (code: ErrorCode) => descriptions[code] ?? ERROR_CODES[code].description;
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: `${STATUS_TEXT[status] ?? "Error"}: ${list.map((c) => `\`${c}\` (${describe(c)})`).join("; ")}`,
          headers: { "X-Request-Id": { $ref: "#/components/headers/RequestId" } },
          content: {
            "application/json": {
              schema: { $ref: "#/components/schemas/Error" },
              examples: Object.fromEntries(
                list.map((code) => [
                  code,
                  { value: { error: { code, message: describe(code), request_id: "req_01JD3Q6W4ZKXY3T5V7B9C1D2EF" } } },
                ]),
              ),
            },
          },
        },
      ]),
  );
}

type Operation = { operationId?: string; responses: Record<string, { description?: string; headers?: object; content?: object }> };

export function buildOpenApiDocument(router: AppRouter, appUrl: string, options: { maxFileBytes: number }): OpenAPIObject {
  const routes = buildRouteTable(router);
  const doc = generateOpenApiDocument(router, {
    title: "Valara API",
    version: API_VERSION,
    description:
      "The Valara Media Agency API. Every request needs an API key (X-API-Key or Authorization: Bearer), bound to one agency: " +
      "another agency's resources answer 404. POST and PATCH need X-Idempotency-Key. Lists are cursor-paginated " +
      "({items, next_cursor, total}; next_cursor is empty at the end). Errors are {\"error\":{\"code\",\"message\",\"request_id\"}}.",
    baseUrl: `${appUrl}${API_PREFIX}`,
    securitySchemes: {
      ApiKeyHeader: { type: "apiKey", in: "header", name: "X-API-Key", description: "ma_live_ak_<ULID>" },
      BearerAuth: { type: "http", scheme: "bearer", bearerFormat: "ma_live_ak_<ULID>" },
    },
    tags: ["Listings", "Users", "Scheduling", "Webhooks"],
  });

  // The generator's own error shapes ("error.BAD_REQUEST", ...) describe a body we never send.
  const schemas = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).filter(([name]) => !name.startsWith("error.")));
  doc.components = {
    ...doc.components,
    schemas: { ...schemas, Error: errorSchema },
    headers: {
      ...doc.components?.headers,
      RequestId: requestIdHeader,
      IdempotentReplay: <HeaderObject>{ description: "Present (true) when this is a stored response replayed for a repeated idempotency key", schema: { type: "string", enum: ["true"] } },
    },
  };

  for (const route of routes.routes) {
    const pathKey = route.template.replace(/^\/+|\/+$/g, "").replace(/^/, "/");
    const operation = doc.paths?.[pathKey]?.[route.method.toLowerCase() as "get"] as Operation | undefined;
    if (!operation) throw new Error(`OpenAPI: no operation for ${route.method} ${pathKey}`);
    const writes = route.method === "POST" || route.method === "PATCH";
    const success = operation.responses["200"]!;
    const status = String(route.meta.successStatus ?? 200);
    operation.responses = {
      [status]: {
        ...success,
        description: ({ "201": "Created", "202": "Accepted" } as Record<string, string>)[status] ?? "OK",
        headers: {
          "X-Request-Id": { $ref: "#/components/headers/RequestId" },
          ...(writes ? { "X-Idempotent-Replay": { $ref: "#/components/headers/IdempotentReplay" } } : {}),
        },
      },
      ...errorResponses([...(writes ? WRITE_ERRORS : READ_ERRORS), ...(route.meta.errors ?? [])]),
    };
  }
  doc.webhooks = webhookPayloads();
  // The deny list: operations kept off the API on purpose (404 endpoint_not_in_scope), with why and the way instead.
  (doc as OpenAPIObject & Record<string, unknown>)["x-valara-deny-list"] = DENY_LIST.map((entry) => ({ ...notInScopeField(entry), method: entry.method, path: entry.path }));
  addMediaOperations(doc, { responses: errorResponses, read: READ_ERRORS, write: WRITE_ERRORS }, { maxFileBytes: options.maxFileBytes });
  return doc;
}

/** Each event type as an OpenAPI 3.1 webhook: the signed envelope with that event's data. */
function webhookPayloads() {
  return Object.fromEntries(
    describeCatalog().map((event) => [
      event.event_type,
      {
        post: {
          summary: event.event_type,
          description: `${event.description} (api_version ${event.api_version}). Verify X-Valara-Signature before trusting the body; see the README.`,
          parameters: [
            { in: "header", name: "X-Valara-Signature", required: true, schema: { type: "string" }, description: "sha256=<hex HMAC-SHA256 of the raw body>; one per secret, comma-separated, during a rotation" },
            { in: "header", name: "webhook-id", required: true, schema: { type: "string" } },
            { in: "header", name: "webhook-timestamp", required: true, schema: { type: "string" } },
            { in: "header", name: "webhook-signature", required: true, schema: { type: "string" } },
            {
              in: "header",
              name: "X-Valara-Test",
              required: false,
              schema: { type: "string", enum: ["true"] },
              description: "Present only on a test event (the catalog's example data, sent from the dashboard or POST /webhooks/endpoints/{endpoint_id}/test)",
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["event_id", "event_type", "api_version", "timestamp", "nonce", "data"],
                  properties: {
                    event_id: { type: "string", pattern: "^evt_[0-9A-HJKMNP-TV-Z]{26}$" },
                    event_type: { type: "string", const: event.event_type },
                    api_version: { type: "string", const: event.api_version },
                    timestamp: { type: "integer", description: "Unix seconds, when this attempt was sent" },
                    nonce: { type: "string", description: "Unique per attempt" },
                    data: event.schema,
                  },
                },
                example: exampleEnvelope(event),
              },
            },
          },
          responses: { "200": { description: "Any 2xx within 15 seconds acknowledges the delivery" } },
        },
      },
    ]),
  ) as OpenAPIObject["webhooks"];
}
