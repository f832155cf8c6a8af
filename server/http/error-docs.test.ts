import { describe, expect, it } from "vitest";
import { AppError, ERROR_CODES, errorEnvelope, type ErrorCode } from "../errors";
import { errorDocFor } from "./error-docs";

describe("error code pages", () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it("every envelope's doc_url resolves to a page naming its code, its status and its meaning", () => {
    for (const code of codes) {
      const envelope = errorEnvelope(new AppError(code, "x"), "req_01JD3Q6W4ZKXY3T5V7B9C1D2EF");
      const page = errorDocFor(new URL(envelope.error.doc_url, "https://valara.example").pathname);
      expect(page, code).toBeDefined();
      expect(page).toContain(`<h1><code>${code}</code></h1>`);
      expect(page).toContain(`<strong>${ERROR_CODES[code].status}</strong>`);
      expect(page).toContain("How to fix it");
      expect(page).toContain("Example response");
    }
  });

  it("lists every code on the index and has no page for an unknown code", () => {
    const index = errorDocFor("/docs/errors")!;
    for (const code of codes) expect(index).toContain(`href="/docs/errors/${code}"`);
    expect(errorDocFor("/docs/errors/no_such_code")).toBeUndefined();
    expect(errorDocFor("/docs/errors/toString")).toBeUndefined();
  });
});
