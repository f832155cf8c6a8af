// The fields of an event's `data`, as rows a person can read: walks the JSON Schema that
// describeCatalog() renders (zod's toJSONSchema, draft 2020-12) depth-first, nested objects and
// array items under their parent. Written here rather than taken from a schema-viewer package:
// those render their own UI and styles, and this needs only the handful of keywords zod emits
// (type, properties, required, items, enum, const, anyOf/oneOf, $ref into $defs).

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  description?: string;
  format?: string;
}

export interface SchemaField {
  /** Where the field is in `data`: "media[].media_id". */
  path: string;
  name: string;
  /** 0 for `data`'s own fields, 1 inside them, and so on. */
  depth: number;
  /** "string", "integer", "object", "array of object", "string | integer". */
  type: string;
  /** Allowed values, for enums and constants. */
  values?: unknown[];
  format?: string;
  required: boolean;
  nullable: boolean;
  description?: string;
}

interface Resolved {
  /** The non-null alternatives (usually one). */
  variants: JsonSchema[];
  nullable: boolean;
  description?: string;
}

function deref(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const seen = new Set<string>();
  let current = schema;
  while (current.$ref && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(current.$ref);
    const target = match ? root[match[1] as "$defs" | "definitions"]?.[decodeURIComponent(match[2]!)] : undefined;
    if (!target) break;
    // Keywords beside a $ref (a description, say) apply too.
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

/** Splits "or null" off a schema: ["string","null"], anyOf [X, {type:"null"}], enum with null. */
function resolve(schema: JsonSchema, root: JsonSchema): Resolved {
  const own = deref(schema, root);
  const alternatives = own.anyOf ?? own.oneOf;
  if (alternatives) {
    let nullable = false;
    const variants: JsonSchema[] = [];
    for (const alternative of alternatives) {
      const inner = resolve(alternative, root);
      nullable ||= inner.nullable;
      variants.push(...inner.variants);
    }
    return { variants, nullable, description: own.description ?? variants.find((v) => v.description)?.description };
  }
  const types = Array.isArray(own.type) ? own.type : own.type ? [own.type] : [];
  const nullable = types.includes("null") || (own.enum?.includes(null) ?? false);
  const nonNull = types.filter((t) => t !== "null");
  if (types.length > 0 && nonNull.length === 0) return { variants: [], nullable: true, description: own.description };
  const variant: JsonSchema = {
    ...own,
    type: nonNull.length === 1 ? nonNull[0] : nonNull.length ? nonNull : undefined,
    enum: own.enum?.filter((value) => value !== null),
  };
  return { variants: [variant], nullable, description: own.description };
}

function typeOf(schema: JsonSchema, root: JsonSchema): string {
  if (schema.const !== undefined) return typeof schema.const;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  if (schema.type === "array") {
    const items = schema.items ? resolve(schema.items, root) : undefined;
    const inner = items?.variants.map((v) => typeOf(v, root)).join(" | ") || "any";
    return `array of ${inner}${items?.nullable ? " or null" : ""}`;
  }
  if (schema.type) return schema.type;
  if (schema.properties) return "object";
  if (schema.enum?.length) return [...new Set(schema.enum.map((v) => typeof v))].join(" | ");
  return "any";
}

const MAX_DEPTH = 8;

/** The rows for an object schema's properties, children right after their parent. */
export function schemaFields(root: JsonSchema): SchemaField[] {
  const rows: SchemaField[] = [];
  const walk = (schema: JsonSchema, depth: number, prefix: string) => {
    // A recursive schema ($ref to itself) would never end; nothing in the catalog nests this deep.
    if (depth > MAX_DEPTH) return;
    const required = new Set(schema.required ?? []);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const resolved = resolve(property, root);
      const variants = resolved.variants;
      const path = `${prefix}${name}`;
      const values = variants.flatMap((v) => (v.const !== undefined ? [v.const] : (v.enum ?? [])));
      rows.push({
        path,
        name,
        depth,
        type: variants.length ? variants.map((v) => typeOf(v, root)).join(" | ") : "null",
        ...(values.length ? { values } : {}),
        ...(variants[0]?.format ? { format: variants[0].format } : {}),
        required: required.has(name),
        nullable: resolved.nullable,
        ...(resolved.description ? { description: resolved.description } : {}),
      });
      for (const variant of variants) {
        if (variant.properties) walk(variant, depth + 1, `${path}.`);
        if (variant.type === "array" && variant.items) {
          for (const item of resolve(variant.items, root).variants) {
            if (item.properties) walk(item, depth + 1, `${path}[].`);
          }
        }
      }
    }
  };
  walk(deref(root, root), 0, "");
  return rows;
}
