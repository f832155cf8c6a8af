import { describe, expect, it } from "vitest";
import { queryObject } from "./query-object";

describe("queryObject", () => {
  it("keeps every value of a parameter, in order", () => {
    expect({ ...queryObject(new URLSearchParams("limit=5&status=Active&status=Sold")) }).toEqual({ limit: ["5"], status: ["Active", "Sold"] });
  });

  it("treats names of Object.prototype members as ordinary parameters", () => {
    const query = queryObject(new URLSearchParams("valueOf=1&__proto__=x&constructor=y&toString=z"));
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(query.valueOf).toEqual(["1"]);
    expect(query["__proto__"]).toEqual(["x"]);
    expect(query.constructor).toEqual(["y"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
