import { describe, expect, it } from "vitest";
import { inputProblem, MAX_INPUT_DEPTH, unstorableTextAt } from "./input-guard";

describe("unstorableTextAt", () => {
  it("finds NUL characters and lone surrogates, naming the field", () => {
    expect(unstorableTextAt({ address: "1 Main\u0000St" })).toBe("address");
    expect(unstorableTextAt({ notes: "broken \ud83d emoji" })).toBe("notes");
    expect(unstorableTextAt({ a: { b: ["ok", "\udc00"] } })).toBe("a.b.1");
    expect(unstorableTextAt({ ["bad\u0000key"]: 1 })).toBe("body");
  });

  it("accepts ordinary text, emoji (paired surrogates) and non-strings", () => {
    expect(unstorableTextAt({ address: "12 Rue de l'Église 🏡", n: 5, x: null, list: ["a"] })).toBeUndefined();
    expect(unstorableTextAt(undefined)).toBeUndefined();
  });
});

describe("inputProblem", () => {
  const nested = (depth: number): unknown => {
    let value: unknown = "leaf";
    for (let i = 0; i < depth; i++) value = [value];
    return value;
  };

  it("refuses nesting deeper than the limit without overflowing the stack, however deep", () => {
    expect(inputProblem({ timezone: nested(20_000) })).toEqual({ field: "body", message: `must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep` });
    expect(inputProblem({ timezone: nested(MAX_INPUT_DEPTH) })).toBeDefined();
    expect(inputProblem({ list: nested(MAX_INPUT_DEPTH - 1) })).toBeUndefined();
  });

  it("names the field holding unstorable text", () => {
    expect(inputProblem({ a: { b: "x\u0000" } })).toEqual({ field: "a.b", message: "must be text without NUL characters or unpaired UTF-16 surrogates" });
  });
});
