// What the OpenAPI document tells clients about webhook endpoints that the schemas cannot say.
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../../http/openapi";
import { MAX_ENDPOINTS_PER_AGENCY } from "../../../webhooks/endpoints";
import { appRouter } from "../../root";

describe("the webhooks routes' documentation", () => {
  it("states the per-agency endpoint cap on registration, and the error it answers with", () => {
    const document = buildOpenApiDocument(appRouter, "http://localhost:3000", { maxFileBytes: 1024 });
    const create = document.paths?.["/webhooks/endpoints"]?.post;
    expect(create?.description).toContain(`at most ${MAX_ENDPOINTS_PER_AGENCY} endpoints`);
    expect(create?.description).toContain("validation_failed");
  });
});
