import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { presentedApiKey } from "./authenticate";

const a = "ma_live_ak_01JAAAAAAAAAAAAAAAAAAAAAAA";
const b = "ma_live_ak_01JBBBBBBBBBBBBBBBBBBBBBBB";

describe("presentedApiKey", () => {
  it("reads X-API-Key or Authorization: Bearer", () => {
    expect(presentedApiKey({ "x-api-key": a })).toBe(a);
    expect(presentedApiKey({ authorization: `Bearer ${a}` })).toBe(a);
    expect(presentedApiKey({})).toBeUndefined();
  });

  it("accepts the same key in both headers (in either case)", () => {
    expect(presentedApiKey({ "x-api-key": a, authorization: `Bearer ${a.toLowerCase()}` })).toBe(a);
  });

  it("refuses two different keys with 400 validation_failed", () => {
    let thrown: unknown;
    try {
      presentedApiKey({ "x-api-key": a, authorization: `Bearer ${b}` });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("validation_failed");
    expect((thrown as AppError).status).toBe(400);
  });
});
