import { describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "../errors";
import { BUDGETS, OPERATION_BUDGETS, SESSION_BUDGETS } from "../rate-limit/budgets";
import { EVENT_TYPES } from "../webhooks/catalog";
import { SCOPES } from "../auth/scopes";
import { DOCS_PAGES, docsFor } from "./api-docs";

const text = (path: string) => String(docsFor(path)?.body ?? "");

describe("the API reference at /docs", () => {
  it("has a contents page linking every page, and every page it links exists", () => {
    for (const href of Object.keys(DOCS_PAGES)) {
      expect(text("/docs")).toContain(`href="${href}"`);
      expect(docsFor(href)?.contentType).toBe("text/html; charset=utf-8");
      expect(docsFor(`${href}/`)).toBeDefined();
    }
    expect(docsFor("/docs/nothing-here")).toBeUndefined();
    expect(docsFor("/docs/errors/no_such_code")).toBeUndefined();
  });

  it("documents every budget with its figures and operations, and the dashboard's", () => {
    const page = text("/docs/rate-limits");
    for (const [name, budget] of Object.entries(BUDGETS)) expect(page).toContain(`<td><code>${name}</code></td><td>${budget.limit}</td><td>${budget.limit * 2}</td>`);
    for (const operation of Object.keys(OPERATION_BUDGETS)) expect(page).toContain(operation);
    for (const name of Object.keys(SESSION_BUDGETS)) expect(page).toContain(`<code>${name}</code>`);
    expect(page).toContain("Retry-After");
  });

  it("explains each 401 and every scope on the authentication page", () => {
    const page = text("/docs/authentication");
    const unauthorized = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((name) => ERROR_CODES[name].status === 401);
    expect(unauthorized).toEqual(expect.arrayContaining(["authentication_required", "invalid_api_key", "api_key_revoked", "api_key_expired", "api_key_disabled"]));
    for (const name of unauthorized) expect(page).toContain(`href="/docs/errors/${name}"`);
    for (const scope of SCOPES) expect(page).toContain(`<code>${scope}</code>`);
  });

  it("lists every webhook event type", () => {
    const page = text("/docs/webhooks");
    for (const type of EVENT_TYPES) expect(page).toContain(`<code>${type}</code>`);
    expect(page).toContain("X-Valara-Signature");
  });

  it("serves the endpoint reference with Swagger UI's files from the installed package", () => {
    expect(text("/docs/api")).toContain('src="/docs/assets/swagger-ui-bundle.js"');
    expect(docsFor("/docs/assets/swagger-ui-bundle.js")).toMatchObject({ contentType: "text/javascript; charset=utf-8" });
    expect(String(docsFor("/docs/assets/swagger-ui-bundle.js")!.body).length).toBeGreaterThan(100_000);
    expect(text("/docs/assets/api-reference.js")).toContain('url: "/api/openapi.json"');
    expect(docsFor("/docs/assets/../../package.json")).toBeUndefined();
  });
});
