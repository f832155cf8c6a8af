// The adapter's per-request `_def.coerce = true` (trpc-to-openapi's coerceSchema) no longer
// changes what a pinned schema accepts; schemas declared with z.coerce stay coerced.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { pinSchemaCoercion } from "./pin-coercion";

/** What trpc-to-openapi 3.3's coerceSchema does on every request (it is not exported). */
function coerceSchema(schema: z.ZodObject): void {
  for (const field of Object.values(schema.shape)) {
    let inner: z.ZodType = field as z.ZodType;
    while (["optional", "nullable", "default"].includes(inner._zod.def.type)) inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
    if (["boolean", "number", "bigint", "date"].includes(inner._zod.def.type)) (inner._zod.def as { coerce?: boolean }).coerce = true;
    else if (inner instanceof z.ZodObject) coerceSchema(inner);
  }
}

describe("pinSchemaCoercion", () => {
  const schema = () =>
    z.object({
      enabled: z.boolean().optional(),
      count: z.number().int().default(1),
      nested: z.object({ flag: z.boolean().nullable() }).optional(),
      limit: z.coerce.number().int().optional(),
    });

  it("is needed: the adapter's coercion makes an unpinned schema accept 'false' as true", () => {
    const unpinned = schema();
    coerceSchema(unpinned);
    expect(unpinned.parse({ enabled: "false" }).enabled).toBe(true);
  });

  it("keeps booleans and numbers strict after the adapter's coercion, at any depth", () => {
    const pinned = schema();
    pinSchemaCoercion(pinned);
    coerceSchema(pinned);
    for (const bad of [{ enabled: "false" }, { enabled: 0 }, { enabled: null }, { count: "100" }, { nested: { flag: "true" } }]) {
      expect(pinned.safeParse(bad).success).toBe(false);
    }
    expect(pinned.parse({ enabled: false, count: 3, nested: { flag: null } })).toMatchObject({ enabled: false, count: 3 });
    // Declared coercion (query-string numbers) still coerces.
    expect(pinned.parse({ limit: "20" }).limit).toBe(20);
  });
});
