// Valara's API reference, served by the app at /docs: the pages the API overview promises
// (authentication, webhooks, errors, rate limits, the deny list) and a reference of every
// endpoint. Each page is generated from the table the code itself runs on (the budgets, the error
// codes, the scopes, the event catalog, the OpenAPI document), so the documentation cannot drift
// from what the API does. The endpoint reference is rendered in the browser by Swagger UI
// (swagger-ui-dist, served from node_modules) from /api/openapi.json, rather than a renderer of
// our own.
import fs from "node:fs";
import path from "node:path";
import { SCOPES, SCOPE_DESCRIPTIONS } from "../auth/scopes";
import { ERROR_CODES, errorDocPath, type ErrorCode } from "../errors";
import { AGENCY_CEILING_FACTOR, BUDGETS, OPERATION_BUDGETS, SESSION_BUDGETS, WINDOW_SECONDS, type BudgetName } from "../rate-limit/budgets";
import { describeCatalog } from "../webhooks/catalog";
import { DENY_LIST_PATH, code, errorDocFor, escape, page, renderDenyList } from "./error-docs";

export interface DocsAnswer {
  contentType: string;
  body: string | Buffer;
  /** How long a cache may keep it. */
  maxAgeSeconds: number;
}

const html = (body: string): DocsAnswer => ({ contentType: "text/html; charset=utf-8", body, maxAgeSeconds: 300 });
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join("")}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

export const DOCS_PAGES = {
  "/docs/api": "Endpoints: every operation, its parameters, bodies, answers and error codes (from the OpenAPI document)",
  "/docs/authentication": "Authentication: API keys, scopes, key states and each 401",
  "/docs/webhooks": "Webhooks: event types, signatures, retries",
  "/docs/errors": "Errors: the envelope and a page per error code",
  "/docs/rate-limits": "Rate limits: the budgets, the agency ceiling, the headers",
  [DENY_LIST_PATH]: "Deny list: operations deliberately kept off the API",
} as const;

function renderIndex(): string {
  const links = Object.entries(DOCS_PAGES).map(([href, title]) => {
    const [name, rest] = title.split(": ");
    return `<li><a href="${href}">${escape(name!)}</a>: ${escape(rest!)}</li>`;
  });
  return page(
    "API reference",
    `<h1>Valara API reference</h1><p>Base URL ${code("<your Valara address>/api/v1")}. Every request carries an agency's API key; ` +
      `every write carries ${code("X-Idempotency-Key")}; every error is ${code('{"error":{"code","message","request_id","doc_url"}}')}. ` +
      `The machine-readable contract is the <a href="/api/openapi.json">OpenAPI 3.1 document</a>.</p><ul>${links.join("")}</ul>`,
  );
}

function renderRateLimits(): string {
  const operations = new Map<BudgetName, string[]>();
  for (const [operation, budget] of Object.entries(OPERATION_BUDGETS)) operations.set(budget, [...(operations.get(budget) ?? []), operation]);
  const rows = (Object.keys(BUDGETS) as BudgetName[]).map((name) => [
    code(name),
    String(BUDGETS[name].limit),
    String(BUDGETS[name].limit * AGENCY_CEILING_FACTOR),
    (operations.get(name) ?? []).map(code).join("<br>") || escape(BUDGETS[name].description),
  ]);
  const sessions = Object.entries(SESSION_BUDGETS).map(([name, budget]) => [code(name), String(budget.limit), escape(budget.description)]);
  return page(
    "Rate limits",
    `<h1>Rate limits</h1><p>Every operation draws from a named budget, counted per API key over the last ${WINDOW_SECONDS} seconds (a sliding window: ` +
      `a burst at the end of one minute still counts at the start of the next). All of an agency's keys together also share each budget's agency ceiling ` +
      `(${AGENCY_CEILING_FACTOR}× the per-key figure), so more keys do not mean more quota. Budgets are independent of each other and of other keys. ` +
      `Valara's support can raise a budget for one key or one agency.</p>` +
      `<h2>Headers</h2><p>Every answer to a request with a valid key carries ${code("X-Rate-Limit-Limit")}, ${code("X-Rate-Limit-Remaining")} and ` +
      `${code("X-Rate-Limit-Reset")} (Unix seconds: when the current counting minute ends; on a 429, when the next request will be allowed) for the budget it drew from, ` +
      `and the IETF draft's ${code("RateLimit-Policy")} and ${code("RateLimit")}. Past the limit: <a href="${errorDocPath("rate_limit_exceeded")}">${code("429 rate_limit_exceeded")}</a> ` +
      `with ${code("Retry-After")} and the budget's name in ${code("details")}. A refused request does nothing else (no write, no idempotency record) and is not counted: ` +
      `wait ${code("Retry-After")} plus a random 0–5 s, then send it again with the same key.</p>` +
      `<h2>Budgets</h2>${table(["budget", "per key / 60 s", "agency ceiling / 60 s", "operations"], rows)}` +
      `<h2>Per webhook endpoint</h2><p>Test sends (${code("test_webhook")}) and redeliveries (${code("redeliver_webhook")}) are also counted per endpoint, whoever asks.</p>` +
      `<h2>The dashboard</h2><p>Signed-in people are limited per user, apart from API keys:</p>${table(["budget", "per user / 60 s", "what"], sessions)}`,
  );
}

function renderAuthentication(): string {
  const unauthorized = (Object.keys(ERROR_CODES) as ErrorCode[]).filter((name) => ERROR_CODES[name].status === 401);
  return page(
    "Authentication",
    `<h1>Authentication</h1><p>Send your agency's API key in ${code("X-API-Key: <key>")} or ${code("Authorization: Bearer <key>")}. ` +
      `Both at once with different keys is a 400; a key in the query string (any parameter) is refused with 401 and never logged. ` +
      `A key belongs to one agency and acts only on it: another agency's resources answer 404, as if they did not exist.</p>` +
      `<h2>Key states</h2>${table(
        ["state", "what happens"],
        [
          ["active", "Works, within its scopes and rate limits."],
          ["disabled", `Switched off by the agency's owner or Valara's support; ${code("401 api_key_disabled")} until enabled again (no rotation needed).`],
          ["rotated", "A new key is issued and shown once; the old one keeps working until the grace period chosen at rotation (0–30 days) ends, then answers api_key_expired."],
          ["expired", `${code("401 api_key_expired")}, with ${code("details.expired_at")}.`],
          ["revoked", `Permanent: ${code("401 api_key_revoked")}.`],
        ],
      )}` +
      `<h2>Each 401</h2>${table(
        ["code", "when"],
        unauthorized.map((name) => [`<a href="${errorDocPath(name)}">${code(name)}</a>`, escape(ERROR_CODES[name].description)]),
      )}` +
      `<h2>Scopes</h2><p>A key acts with the scopes chosen when it was created; an operation outside them is <a href="${errorDocPath("insufficient_scope")}">${code("403 insufficient_scope")}</a>.</p>` +
      table(["scope", "allows"], SCOPES.map((scope) => [code(scope), escape(SCOPE_DESCRIPTIONS[scope])])),
  );
}

function renderWebhooks(): string {
  const events = describeCatalog().map((event) => [code(event.event_type), code(event.api_version), escape(event.description)]);
  return page(
    "Webhooks",
    `<h1>Webhooks</h1><p>Register an HTTPS endpoint (${code("POST /api/v1/webhooks/endpoints")}, or the dashboard's Webhooks page) with the event types it wants. ` +
      `Each event is sent from the same transaction as the change it reports, at least once: deduplicate on its ${code("id")}. ` +
      `Answer 2xx within 15 seconds; anything else is retried with backoff, and an endpoint that answers 410, or fails every delivery for 5 days, is disabled.</p>` +
      `<h2>Verify every delivery</h2><p>${code("X-Valara-Signature: sha256=<hex>")} is the HMAC-SHA256 of the exact raw body, keyed with the endpoint's secret. ` +
      `While a secret is being rotated the header carries one signature per secret, comma-separated: accept if any matches. ` +
      `Then reject a ${code("timestamp")} more than 5 minutes from your clock and a ${code("nonce")} seen in the last 10 minutes.</p>` +
      `<h2>Event types</h2><p>Each event's fields and an example are in ${code("GET /api/v1/webhooks/events")}.</p>` +
      table(["event type", "api_version", "when"], events),
  );
}

function renderReferenceShell(): string {
  return page(
    "Endpoints",
    `<h1>Endpoints</h1><p>Rendered from the <a href="/api/openapi.json">OpenAPI document</a>. ` +
      `See also <a href="/docs/errors">error codes</a> and <a href="/docs/rate-limits">rate limits</a>.</p><div id="swagger-ui"></div>` +
      `<noscript><p>This page needs JavaScript; the <a href="/api/openapi.json">OpenAPI document</a> holds the same.</p></noscript>` +
      `<script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/api-reference.js"></script>`,
    `<link rel="stylesheet" href="/docs/assets/swagger-ui.css">`,
  );
}

// Swagger UI's own files, read once from the installed package.
const SWAGGER_DIR = path.join(process.cwd(), "node_modules", "swagger-ui-dist");
const ASSETS: Record<string, { file?: string; body?: string; contentType: string }> = {
  "/docs/assets/swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", contentType: "text/javascript; charset=utf-8" },
  "/docs/assets/swagger-ui.css": { file: "swagger-ui.css", contentType: "text/css; charset=utf-8" },
  // The initializer is a file, not an inline script, so a strict Content-Security-Policy can allow it.
  "/docs/assets/api-reference.js": {
    body: 'window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true, docExpansion: "list", defaultModelsExpandDepth: 0 });\n',
    contentType: "text/javascript; charset=utf-8",
  },
};
const assetCache = new Map<string, Buffer | string>();

function asset(urlPath: string): DocsAnswer | undefined {
  const entry = ASSETS[urlPath];
  if (!entry) return undefined;
  let body = assetCache.get(urlPath);
  if (body === undefined) {
    body = entry.body ?? fs.readFileSync(path.join(SWAGGER_DIR, entry.file!));
    assetCache.set(urlPath, body);
  }
  return { contentType: entry.contentType, body, maxAgeSeconds: 3600 };
}

/** The API reference's answer for a request path under /docs, or undefined (not one of its pages). */
export function docsFor(urlPath: string): DocsAnswer | undefined {
  const clean = urlPath.length > 1 ? urlPath.replace(/\/+$/, "") : urlPath;
  if (clean === "/docs") return html(renderIndex());
  if (clean === "/docs/api") return html(renderReferenceShell());
  if (clean === "/docs/authentication") return html(renderAuthentication());
  if (clean === "/docs/webhooks") return html(renderWebhooks());
  if (clean === "/docs/rate-limits") return html(renderRateLimits());
  if (clean === DENY_LIST_PATH) return html(renderDenyList());
  if (clean.startsWith("/docs/assets/")) return asset(clean);
  const errorPage = errorDocFor(clean);
  return errorPage === undefined ? undefined : html(errorPage);
}
