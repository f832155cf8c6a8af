// Next.js calls onRequestError for every error thrown while rendering a page or running a route
// handler; server/http/render-errors.ts says why and what is logged.
import type { Instrumentation } from "next";

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  const [{ getLogger }, { logRenderError }] = await Promise.all([import("./server/logger"), import("./server/http/render-errors")]);
  logRenderError(getLogger(), { error, request, context });
};
