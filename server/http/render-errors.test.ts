import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { logRenderError } from "./render-errors";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("logRenderError", () => {
  it("logs the error, its digest and the route at error level, without the query string", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new TypeError("cannot read properties of undefined"), { digest: "1246522761" });
    logRenderError(logger, {
      error,
      request: { method: "GET", path: "/property/ABC123?token=secret-value" },
      context: { routePath: "/property/[listingNumber]", routeType: "render" },
    });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 50,
      msg: "request failed while rendering",
      digest: "1246522761",
      method: "GET",
      path: "/property/ABC123",
      route: "/property/[listingNumber]",
      error: { name: "TypeError", message: "cannot read properties of undefined" },
    });
    expect(JSON.stringify(line)).not.toContain("secret-value");
  });

  it("logs a thrown non-Error as a message", () => {
    const { logger, lines } = capture();
    logRenderError(logger, { error: "boom", request: { method: "POST", path: "/x" }, context: { routePath: "/x", routeType: "route" } });
    expect(lines[0]).toMatchObject({ error: { name: "Error", message: "boom" } });
    expect(lines[0]).not.toHaveProperty("digest");
  });
});
