// The /api/v1 routes, read from the procedures' openapi meta, plus the few routes served by a
// handler of their own (media uploads and downloads, which are not JSON): which procedure or
// handler a method and path reach, which methods a path accepts (for 405 and Allow), and the meta.
import type { AnyTRPCRouter } from "@trpc/server";
import type { Meta } from "../api/trpc";

/** A route served by its own handler instead of a procedure. */
export interface CustomRouteSpec {
  method: "GET" | "POST";
  path: `/${string}`;
  meta: Meta;
}

interface Route<C extends CustomRouteSpec = CustomRouteSpec> {
  method: string;
  template: string;
  pattern: RegExp;
  /** The procedure it calls, or undefined for a custom route. */
  procedurePath?: string;
  custom?: C;
  meta: Meta;
  /** Path parameters in the template: a literal segment is more specific than a parameter. */
  params: number;
}

export type RouteMatch<C extends CustomRouteSpec = CustomRouteSpec> =
  | { kind: "none" }
  | { kind: "wrong_method"; allowed: string[] }
  | { kind: "found"; route: Route<C>; normalizedPath: string; allowed: string[] };

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

const paramCount = (template: string) => (template.match(/\{\w+\}/g) ?? []).length;

export function buildRouteTable<C extends CustomRouteSpec = CustomRouteSpec>(router: AnyTRPCRouter, custom: readonly C[] = []) {
  const routes: Route<C>[] = [];
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
      params: paramCount(meta.openapi.path),
    });
  }
  for (const route of custom) {
    routes.push({ method: route.method, template: route.path, pattern: templateToPattern(route.path), custom: route, meta: route.meta, params: paramCount(route.path) });
  }

  return {
    routes: routes as readonly Route<C>[],
    metaOf: (procedurePath: string) => metaByPath.get(procedurePath),
    match(method: string, rawPath: string): RouteMatch<C> {
      const path = normalizePath(rawPath);
      const matching = routes.filter((route) => route.pattern.test(path));
      if (matching.length === 0) return { kind: "none" };
      // The most specific templates win: /media/upload is not /media/{media_id}.
      const fewest = Math.min(...matching.map((route) => route.params));
      const candidates = matching.filter((route) => route.params === fewest);
      const allowed = [...new Set(candidates.map((route) => route.method))];
      const route = candidates.find((r) => r.method === method);
      if (!route) return { kind: "wrong_method", allowed };
      return { kind: "found", route, normalizedPath: path, allowed };
    },
  };
}

export type RouteTable = ReturnType<typeof buildRouteTable>;
