// What a page or route handler that throws while rendering leaves in the log. Next's custom server
// runs `quiet` in production (no server details on stdout), which also silences these errors;
// instrumentation.ts hands them here so a 500 page always leaves a line. The digest is the one
// Next shows on its error page, so a user's report and the log line can be matched. The path is
// logged without its query string (it may carry a token).
import type { Logger } from "pino";

export interface RenderFailure {
  error: unknown;
  request: { method: string; path: string };
  context: { routePath: string; routeType: string };
}

export function logRenderError(logger: Logger, { error, request, context }: RenderFailure): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  logger.error(
    {
      error: { name: failure.name, message: failure.message, stack: failure.stack },
      digest: (error as { digest?: unknown } | null)?.digest,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      route_type: context.routeType,
    },
    "request failed while rendering",
  );
}
