// The /api/v1 routes, read from the procedures' openapi meta: which procedure a method and path
// reach, which methods a path accepts (for 405 and Allow), and each procedure's meta.
import type { AnyTRPCRouter } from "@trpc/server";
import type { Meta } from "../api/trpc";

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  procedurePath: string;
  meta: Meta;
}

export type RouteMatch =
  | { kind: "none" }
  | { kind: "wrong_method"; allowed: string[] }
  | { kind: "found"; route: Route; normalizedPath: string; allowed: string[] };

/** "/listings/" and "listings" both become "/listings", as trpc-to-openapi normalizes them. */
export const normalizePath = (path: string) => `/${path.replace(/^\/+|\/+$/g, "")}`;

function templateToPattern(template: string): RegExp {
  const source = normalizePath(template)
    .split("/")
    .map((segment) => (/^\{\w+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  // Case-insensitive like the adapter, so that the two never disagree about a match.
  return new RegExp(`^${source}$`, "i");
}

export function buildRouteTable(router: AnyTRPCRouter) {
  const routes: Route[] = [];
  const metaByPath = new Map<string, Meta>();
  for (const [procedurePath, procedure] of Object.entries(router._def.procedures as Record<string, { _def: { meta?: Meta } }>)) {
    const meta = procedure._def.meta;
    if (!meta) continue;
    metaByPath.set(procedurePath, meta);
    if (!meta.openapi || meta.openapi.enabled === false) continue;
    routes.push({
      method: meta.openapi.method,
      template: meta.openapi.path,
      pattern: templateToPattern(meta.openapi.path),
      procedurePath,
      meta,
    });
  }

  return {
    routes: routes as readonly Route[],
    metaOf: (procedurePath: string) => metaByPath.get(procedurePath),
    match(method: string, rawPath: string): RouteMatch {
      const path = normalizePath(rawPath);
      const candidates = routes.filter((route) => route.pattern.test(path));
      if (candidates.length === 0) return { kind: "none" };
      const allowed = [...new Set(candidates.map((route) => route.method))];
      const route = candidates.find((r) => r.method === method);
      if (!route) return { kind: "wrong_method", allowed };
      return { kind: "found", route, normalizedPath: path, allowed };
    },
  };
}

export type RouteTable = ReturnType<typeof buildRouteTable>;
