// The sign-in gate's matcher: client delivery galleries (/d/<token>) open without a session, the
// dashboard does not. Next compiles the matcher with path-to-regexp; for these paths the pattern
// reads the same as a plain regular expression anchored at both ends.
import { describe, expect, it } from "vitest";
import { config } from "../../proxy";

const gated = (path: string) => config.matcher.some((m) => new RegExp(`^${m}$`).test(path));

describe("proxy matcher", () => {
  it("lets anonymous visitors open delivery galleries and property pages", () => {
    expect(gated("/d/3q2-7wZ0bQm8yTn1vXc4sLk9pRa6dFh2jEu5oGi0NwY")).toBe(false);
    expect(gated("/property/K7Q4MX")).toBe(false);
  });
  it("still gates the dashboard", () => {
    expect(gated("/listings")).toBe(true);
    expect(gated("/dashboard")).toBe(true);
    expect(gated("/")).toBe(true);
  });
});
