// Valara's API reference pages for error codes, generated from the one table of codes
// (ERROR_CODES in server/errors.ts): /docs/errors lists them, /docs/errors/<code> explains one.
// A code added to the table has its page by construction; error-docs.test.ts checks each page.
import { ERROR_CODES, errorDocPath, type ErrorCode } from "../errors";
import { DENY_LIST, operationOf } from "./deny-list";

export const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
export const code = (text: string) => `<code>${escape(text)}</code>`;

/** What a caller should do, by the kind of answer (the description says when it happens). */
function howToFix(status: number): string {
  if (status === 401) return "Send a valid, active API key in X-API-Key or Authorization: Bearer; create or rotate one on the dashboard's API keys page.";
  if (status === 403) return "Use a key with the needed scope, or ask your agency's owner; an operator denial needs Valara support.";
  if (status === 404) return "Check the identifier and that it belongs to your agency; the deny list names operations kept off the API.";
  if (status === 409) return "Fetch the resource again and retry with a new X-Idempotency-Key, or wait for the request in flight.";
  if (status === 429) return "Wait Retry-After seconds (plus a random 0–5 s) before retrying; the X-Rate-Limit-* headers show the budget.";
  if (status >= 500) return "Retry later with the same X-Idempotency-Key; quote the request_id to support if it persists.";
  return "Correct the request as the message and details say, then send it again.";
}

/** A page of the API reference: plain HTML, one stylesheet inline, a link back to the contents. */
export function page(title: string, body: string, head = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)} · Valara API</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#111}pre{background:#f4f4f5;padding:1rem;overflow-x:auto;white-space:pre-wrap}table{display:block;overflow-x:auto}code{overflow-wrap:anywhere}td,th{padding:.25rem .5rem;text-align:left;vertical-align:top}nav{font-size:.9rem;margin-bottom:1rem}a{color:#1d4ed8}</style>${head}</head><body><nav aria-label="API reference"><a href="/docs">Valara API reference</a></nav><main>${body}</main></body></html>`;
}

export function renderErrorPage(name: ErrorCode): string {
  const { status, description } = ERROR_CODES[name];
  const example = JSON.stringify({ error: { code: name, message: description, request_id: "req_01JD3Q6W4ZKXY3T5V7B9C1D2EF", doc_url: `https://valara.example${errorDocPath(name)}` } }, null, 2);
  return page(
    name,
    `<p><a href="/docs/errors">All error codes</a></p><h1>${code(name)}</h1>` +
      `<p>HTTP status <strong>${status}</strong>.</p><h2>What it means and when it happens</h2><p>${escape(description)}</p>` +
      `<h2>How to fix it</h2><p>${escape(howToFix(status))}</p><p>Branch on ${code("code")}, show ${code("message")}, quote ${code("request_id")} (also in X-Request-Id) to support.</p>` +
      `<h2>Example response</h2><pre>HTTP/1.1 ${status}\n${escape(example)}</pre>`,
  );
}

export function renderErrorIndex(): string {
  const rows = (Object.keys(ERROR_CODES) as ErrorCode[])
    .map((name) => `<tr><td><a href="${errorDocPath(name)}">${code(name)}</a></td><td>${ERROR_CODES[name].status}</td><td>${escape(ERROR_CODES[name].description)}</td></tr>`)
    .join("");
  return page("Error codes", `<h1>Error codes</h1><table><thead><tr><th>code</th><th>status</th><th>meaning</th></tr></thead><tbody>${rows}</tbody></table>`);
}

/** The page for a request path under /docs/errors, or undefined (404). */
export function errorDocFor(path: string): string | undefined {
  const rest = path.replace(/\/+$/, "");
  if (rest === "/docs/errors") return renderErrorIndex();
  const name = rest.slice("/docs/errors/".length);
  return rest.startsWith("/docs/errors/") && Object.hasOwn(ERROR_CODES, name) ? renderErrorPage(name as ErrorCode) : undefined;
}

export const DENY_LIST_PATH = "/docs/deny-list";

/** The deny list as a page of the API reference (the same table as the OpenAPI document's x-valara-deny-list). */
export function renderDenyList(): string {
  const rows = DENY_LIST.map(
    (entry) =>
      `<tr><td>${code(operationOf(entry))}</td><td>${escape(entry.reason)}</td><td>${escape(entry.instead)}${entry.endpoint ? `<br>${code(entry.endpoint)}` : ""}${entry.dashboard_page ? `<br>dashboard: ${code(entry.dashboard_page)}` : ""}</td></tr>`,
  ).join("");
  return page(
    "Deny list",
    `<h1>Deny list</h1><p>Operations deliberately kept off the public API. Each answers <strong>404</strong> ${code("endpoint_not_in_scope")} ` +
      `(<a href="${errorDocPath("endpoint_not_in_scope")}">error page</a>) with the reason and the supported way in the message and in the envelope's ${code("not_in_scope")} field.</p>` +
      `<table><thead><tr><th>operation (under /api/v1)</th><th>why not</th><th>instead</th></tr></thead><tbody>${rows}</tbody></table>`,
  );
}
