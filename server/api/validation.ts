// Turns zod issues into the per-field messages Valara's errors carry (`details`), phrased for a
// person reading an API response: "address: is required", "limit: must be at most 200".
import type { core } from "zod";
import type { FieldIssue } from "../errors";

function phrase(issue: core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined/.test(issue.message)) return "is required";
      return `must be ${issue.expected === "int" ? "an integer" : `a ${issue.expected}`}`;
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `must have at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must be at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `must have at most ${issue.maximum} item(s)`;
      return `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field(s): ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

export function zodIssuesToFieldIssues(issues: readonly core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue) => {
    // Unknown keys are reported on the object that has them; name each key as the field.
    if (issue.code === "unrecognized_keys") {
      const base = issue.path.join(".");
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, message: "is not a known field" }));
    }
    return [{ field: issue.path.map(String).join(".") || "body", message: phrase(issue) }];
  });
}
