import { describe, expect, it } from "vitest";
import { unstorableTextAt } from "./text-guard";

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
