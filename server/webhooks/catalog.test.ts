// The webhook contract: every (event_type, api_version) shape in catalog.lock.json is frozen.
// A field removed, renamed, retyped or made nullable fails this test; adding fields does not.
// A breaking change must ship under a new api_version. To record a NEW (event_type, api_version),
// run `UPDATE_EVENT_LOCK=1 npx vitest run --project unit server/webhooks/catalog.test.ts`: it adds
// missing entries and never rewrites existing ones.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_CATALOG, EVENT_TYPES, describeCatalog } from "./catalog";

const LOCK_FILE = path.join(import.meta.dirname, "catalog.lock.json");

type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema; anyOf?: JsonSchema[]; enum?: unknown[] };

/** "path: type" for every field, e.g. "media[].width: integer|null (required)". */
export function fieldShapes(schema: JsonSchema, prefix = ""): string[] {
  const variants = schema.anyOf ?? [schema];
  // Nullable renders as anyOf [X, null] or as type [X, "null"]: flatten both the same way.
  const types = variants.flatMap((v) => (v.enum ? [`enum(${v.enum.join("|")})`] : Array.isArray(v.type) ? v.type : [v.type ?? "any"])).sort();
  const lines: string[] = [];
  for (const variant of variants) {
    for (const [key, child] of Object.entries(variant.properties ?? {})) {
      const childPath = prefix ? `${prefix}.${key}` : key;
      const required = variant.required?.includes(key) ? " (required)" : "";
      lines.push(...fieldShapes(child, childPath).map((line, i) => (i === 0 ? `${line}${required}` : line)));
    }
    if (variant.items) lines.push(...fieldShapes(variant.items, `${prefix}[]`));
  }
  return prefix ? [`${prefix}: ${types.join("|")}`, ...lines] : lines;
}

const current = Object.fromEntries(describeCatalog().map((e) => [`${e.event_type}@${e.api_version}`, fieldShapes(e.schema as JsonSchema)]));

describe("webhook event catalog", () => {
  it("gives every event a description and an example that matches its own schema", () => {
    for (const type of EVENT_TYPES) {
      const definition = EVENT_CATALOG[type];
      expect(definition.description.length, type).toBeGreaterThan(10);
      expect(definition.data.safeParse(definition.example).success, `${type} example`).toBe(true);
    }
  });

  it("keeps every locked (event_type, api_version) shape: no field removed, renamed or retyped", () => {
    const lock: Record<string, string[]> = fs.existsSync(LOCK_FILE) ? JSON.parse(fs.readFileSync(LOCK_FILE, "utf8")) : {};
    const missing = Object.keys(current).filter((key) => !lock[key]);
    if (missing.length && process.env.UPDATE_EVENT_LOCK === "1") {
      for (const key of missing) lock[key] = current[key]!;
      fs.writeFileSync(LOCK_FILE, `${JSON.stringify(lock, Object.keys(lock).sort(), 2)}\n`);
    } else {
      expect(missing, "new (event_type, api_version) pairs: record them with UPDATE_EVENT_LOCK=1").toEqual([]);
    }
    for (const [key, lockedFields] of Object.entries(lock)) {
      const fields = current[key];
      if (!fields) continue; // an older api_version, superseded: receivers on it were told to move
      const lost = lockedFields.filter((field) => !fields.includes(field));
      expect(lost, `${key}: fields removed, renamed or changed (bump its api_version instead)`).toEqual([]);
    }
  });

  it("would catch a renamed field", () => {
    const shapes = fieldShapes({ type: "object", properties: { listing_number: { type: "string" } }, required: ["listing_number"] });
    const renamed = fieldShapes({ type: "object", properties: { listingNumber: { type: "string" } }, required: ["listingNumber"] });
    expect(shapes.filter((f) => !renamed.includes(f))).toEqual(["listing_number: string (required)"]);
  });
});
