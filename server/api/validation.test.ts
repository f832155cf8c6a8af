import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodIssuesToFieldIssues } from "./validation";

const schema = z.strictObject({
  address: z.string().trim().min(1).max(10),
  limit: z.number().int().min(1).max(200),
  status: z.enum(["Active", "Sold"]),
  tags: z.array(z.string()).max(1).optional(),
});

const issuesOf = (input: unknown) => {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected failure");
  return zodIssuesToFieldIssues(result.error.issues);
};

describe("validation messages", () => {
  it("name each field and say why", () => {
    expect(issuesOf({ limit: 0, status: "Pending", extra: 1 })).toEqual(
      expect.arrayContaining([
        { field: "address", message: "is required" },
        { field: "limit", message: "must be at least 1" },
        { field: "status", message: 'must be one of: "Active", "Sold"' },
        { field: "extra", message: "is not a known field" },
      ]),
    );
  });

  it("describe wrong types, lengths and sizes", () => {
    expect(issuesOf({ address: 5, limit: 1.5, status: "Active" })).toEqual([
      { field: "address", message: "must be a string" },
      { field: "limit", message: "must be an integer" },
    ]);
    expect(issuesOf({ address: "   ", limit: 201, status: "Active", tags: ["a", "b"] })).toEqual([
      { field: "address", message: "must not be empty" },
      { field: "limit", message: "must be at most 200" },
      { field: "tags", message: "must have at most 1 item(s)" },
    ]);
  });
});
