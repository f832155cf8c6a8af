// One HTTP attempt of a delivery: POST the signed body, no redirects followed, a hard deadline,
// the SSRF guard applied to the address actually connected to, and at most a short excerpt of
// the answer kept for the delivery log (as text the database can store).
import http from "node:http";
import https from "node:https";
import ipaddr from "ipaddr.js";
import { BlockedAddressError, blockedReason, guardedLookup, type GuardOptions } from "./address-guard";

export const RESPONSE_EXCERPT_BYTES = 1024;

export interface AttemptResult {
  statusCode: number | null;
  /** Why there was no usable answer, or why a 3xx was not followed. */
  error: string | null;
  responseExcerpt: string | null;
  retryAfter: string | null;
  durationMs: number;
}

/**
 * Text PostgreSQL (and PGlite) will store: they refuse NUL (U+0000) in text columns, so a
 * receiver answering with one would otherwise make the attempt unrecordable. Invalid UTF-8 is
 * already U+FFFD once decoded.
 */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "");
}

export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; guard: GuardOptions },
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      resolve({
        ...result,
        error: result.error === null ? null : storableText(result.error),
        responseExcerpt: result.responseExcerpt === null ? null : storableText(result.responseExcerpt) || null,
        durationMs: elapsed(),
      });
    };
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return finish({ statusCode: null, error: "invalid URL", responseExcerpt: null, retryAfter: null });
    }
    // Node connects to an IP-literal host without calling `lookup`, so check those here.
    const literal = target.hostname.replace(/^\[|\]$/g, "");
    const literalBlocked = ipaddr.isValid(literal) ? blockedReason(literal, options.guard) : null;
    if (literalBlocked) {
      return finish({ statusCode: null, error: `blocked: ${literalBlocked}`, responseExcerpt: null, retryAfter: null });
    }
    const transport = target.protocol === "https:" ? https : http;
    const request = transport.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": Buffer.byteLength(body).toString() },
        lookup: guardedLookup(options.guard),
        signal: AbortSignal.timeout(options.timeoutMs),
        agent: false,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
          const redirect = statusCode >= 300 && statusCode < 400;
          finish({
            statusCode,
            error: redirect ? `redirect not followed${response.headers.location ? ` (Location: ${response.headers.location})` : ""}` : null,
            responseExcerpt: excerpt || null,
            retryAfter: (response.headers["retry-after"] as string | undefined) ?? null,
          });
        };
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          // Nothing past the excerpt matters: stop reading a large answer.
          if (size >= RESPONSE_EXCERPT_BYTES) {
            done();
            response.destroy();
          }
        });
        response.on("end", done);
        response.on("error", done);
      },
    );
    request.on("error", (error: Error & { code?: string }) => {
      const reason =
        error instanceof BlockedAddressError || error.name === "BlockedAddressError"
          ? `blocked: ${error.message}`
          : error.name === "TimeoutError" || error.name === "AbortError"
            ? `timed out after ${Math.round(options.timeoutMs / 1000)} s`
            : `${error.code ?? error.name}: ${error.message}`;
      finish({ statusCode: null, error: reason, responseExcerpt: null, retryAfter: null });
    });
    request.end(body);
  });
}
