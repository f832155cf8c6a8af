// The API reference at /docs, as an integrator reads it in a browser: the contents, the pages the
// API overview promises, and the endpoint reference rendered from the OpenAPI document.
import { expect, test } from "@playwright/test";
import { checkPage } from "./helpers";

test("the API reference: contents, rate limits, authentication, webhooks, errors, deny list, and every endpoint", async ({ page }) => {
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Valara API reference" })).toBeVisible();
  await checkPage(page, "docs", async (p) => void (await expect(p.getByRole("link", { name: "Rate limits" })).toBeVisible()));

  for (const [link, heading, text] of [
    ["Rate limits", "Rate limits", "create_listing"],
    ["Authentication", "Authentication", "api_key_disabled"],
    ["Webhooks", "Webhooks", "listing.created"],
    ["Errors", "Error codes", "idempotency_key_conflict"],
    ["Deny list", "Deny list", "POST /tours/{id}/share"],
  ] as const) {
    await page.goto("/docs");
    await page.getByRole("link", { name: link, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(page.getByText(text, { exact: true }).first()).toBeVisible();
  }
  await page.goto("/docs/rate-limits");
  await checkPage(page, "docs-rate-limits", async (p) => void (await expect(p.getByRole("heading", { name: "Budgets" })).toBeVisible()));

  // The endpoint reference: Swagger UI draws every operation of the OpenAPI document (some more
  // than once: an operation appears under each of its tags), and every webhook.
  // OpenAPI 3.1's webhooks (one per event type) are drawn as operations too.
  const document = (await (await page.request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>>; webhooks?: Record<string, Record<string, unknown>> };
  const expected = [...Object.entries(document.paths), ...Object.entries(document.webhooks ?? {})]
    .flatMap(([path, methods]) => Object.keys(methods).filter((method) => /^(get|post|put|patch|delete)$/.test(method)).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
  await page.goto("/docs/api");
  await expect(page.locator(".opblock-summary-path", { hasText: /^\/listings\/\{listing_number\}$/ }).first()).toBeVisible();
  const drawn = async () =>
    [...new Set(await page.locator(".opblock-summary").evaluateAll((rows) => rows.map((row) => `${row.querySelector(".opblock-summary-method")?.textContent} ${row.querySelector(".opblock-summary-path")?.getAttribute("data-path")}`)))].sort();
  await expect.poll(drawn).toEqual(expected);
  await page.screenshot({ path: "test-results/screenshots/docs-api-desktop.png" });
});
