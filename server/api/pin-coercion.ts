// trpc-to-openapi's node-http adapter sets `_def.coerce = true`, on every request, on each
// boolean, number, bigint and date field of a procedure's input schema — bodies included, and on
// the shared schema objects themselves. A JSON body's `"enabled": "false"` then parsed as true
// (truthiness), `0`/`""`/`null` as false, and `"100"` passed for a number: the schema's type
// was not enforced. There is no option to turn that off, so this pins each such field's
// `coerce` flag to what the schema itself declares (z.coerce.* stays coerced, e.g. the query's
// `limit`): the adapter's write is ignored, and a wrong type is a 400 validation_failed naming
// the field, as the schema says. Query-only procedures are left alone: their inputs come from
// the query string, where the adapter's coercion is what turns text into numbers.
import type { AnyRouter } from "@trpc/server";

const COERCIBLE = new Set(["boolean", "number", "bigint", "date"]);
const PINNED = Symbol("valara.coercionPinned");

type Def = { type?: string; coerce?: boolean; [key: string]: unknown };
type SchemaLike = { _zod?: { def: Def } };

function defOf(schema: unknown): Def | undefined {
  return (schema as SchemaLike | undefined)?._zod?.def;
}

/** Walks a zod 4 schema and pins the coerce flag of every coercible type in it. */
export function pinSchemaCoercion(schema: unknown, seen = new Set<unknown>()): void {
  const def = defOf(schema);
  if (!def || seen.has(def)) return;
  seen.add(def);
  if (def.type && COERCIBLE.has(def.type) && !(PINNED in def)) {
    const declared = def.coerce === true;
    Object.defineProperty(def, "coerce", { get: () => declared, set: () => {}, enumerable: true, configurable: false });
    Object.defineProperty(def, PINNED, { value: true });
  }
  const shape = def.shape as Record<string, unknown> | undefined;
  if (shape) for (const field of Object.values(shape)) pinSchemaCoercion(field, seen);
  for (const key of ["innerType", "element", "in", "out", "left", "right", "valueType", "catchall"]) pinSchemaCoercion(def[key], seen);
  for (const option of (def.options as unknown[] | undefined) ?? []) pinSchemaCoercion(option, seen);
}

/** Pins the input schemas of every mutation in the router (see the module comment). */
export function pinMutationInputCoercion(router: AnyRouter): void {
  for (const procedure of Object.values(router._def.procedures as Record<string, { _def: { type: string; inputs: unknown[] } }>)) {
    if (procedure._def.type !== "mutation") continue;
    for (const input of procedure._def.inputs) pinSchemaCoercion(input);
  }
}
