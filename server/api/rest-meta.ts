// Builds the `meta` of a procedure that is also a REST endpoint under /api/v1: its route, the
// scope it needs, its success status and the error codes it can answer with. The OpenAPI
// document (server/http/openapi.ts) and the REST handler both read it.
import { z } from "zod";
import type { ErrorCode } from "../errors";
import type { Scope } from "../auth/scopes";
import type { Meta } from "./trpc";

interface RestRoute {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: `/${string}`;
  scope: Scope;
  tag: string;
  summary: string;
  description?: string;
  successStatus?: 200 | 201 | 202;
  errors?: readonly ErrorCode[];
}

export const IdempotencyHeaders = z.object({
  "x-idempotency-key": z.string().min(1).max(255).meta({
    description:
      "Required on every POST and PATCH. Any unique string (a UUID v4 is fine). Responses are kept 24 hours per (agency, key); a retry returns the stored response with X-Idempotent-Replay: true.",
    example: "550e8400-e29b-41d4-a716-446655440000",
  }),
});

export function rest(route: RestRoute): Meta {
  const writes = route.method === "POST" || route.method === "PATCH";
  return {
    scope: route.scope,
    successStatus: route.successStatus ?? 200,
    errors: route.errors ?? [],
    openapi: {
      method: route.method,
      path: route.path,
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      protect: true,
      ...(writes ? { requestHeaders: IdempotencyHeaders } : {}),
    },
  };
}
