// The webhook contract: every (event_type, api_version) shape in catalog.lock.json is frozen.
// A field removed, renamed, retyped or made nullable fails this test; adding fields does not.
// A breaking change must ship under a new api_version. An event type removed from the catalog
// fails too (its subscribers would silently stop hearing about it); a locked api_version may
// leave the catalog only when a newer api_version of the same type has replaced it. To record a NEW (event_type, api_version),
// run `UPDATE_EVENT_LOCK=1 npx vitest run --project unit server/webhooks/catalog.test.ts`: it adds
// missing entries and never rewrites existing ones.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_CATALOG, EVENT_TYPES, describeCatalog } from "./catalog";
import { exampleEnvelope } from "./example-envelope";

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

/**
 * What breaks the contract between the lock and the catalog (both keyed "event_type@api_version"):
 * one line per locked type that is gone, and per locked version whose fields changed.
 */
export function contractViolations(lock: Record<string, string[]>, catalog: Record<string, string[]>): string[] {
  const versions = new Map<string, string[]>();
  for (const key of Object.keys(catalog)) {
    const [type, version] = key.split("@") as [string, string];
    versions.set(type, [...(versions.get(type) ?? []), version]);
  }
  const violations: string[] = [];
  for (const [key, lockedFields] of Object.entries(lock)) {
    const fields = catalog[key];
    if (!fields) {
      const [type, version] = key.split("@") as [string, string];
      // An older api_version superseded by a newer one: receivers on it were told to move.
      if (versions.get(type)?.some((v) => v > version)) continue;
      violations.push(`${key}: missing from the catalog (an event type may not be removed or its api_version lowered; restore it)`);
      continue;
    }
    const lost = lockedFields.filter((field) => !fields.includes(field));
    if (lost.length) violations.push(`${key}: fields removed, renamed or changed (bump its api_version instead): ${lost.join("; ")}`);
  }
  return violations;
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
    expect(contractViolations(lock, current)).toEqual([]);
  });

  it("would catch a renamed field", () => {
    const shapes = fieldShapes({ type: "object", properties: { listing_number: { type: "string" } }, required: ["listing_number"] });
    const renamed = fieldShapes({ type: "object", properties: { listingNumber: { type: "string" } }, required: ["listingNumber"] });
    expect(shapes.filter((f) => !renamed.includes(f))).toEqual(["listing_number: string (required)"]);
    expect(contractViolations({ "listing.created@2026-05-29": shapes }, { "listing.created@2026-05-29": renamed })).toEqual([
      "listing.created@2026-05-29: fields removed, renamed or changed (bump its api_version instead): listing_number: string (required)",
    ]);
  });

  it("would catch a removed event type, and lets a newer api_version supersede an older one", () => {
    const lock = { "listing.created@2026-05-29": ["a: string"], "shoot.completed@2026-05-29": ["b: string"] };
    expect(contractViolations(lock, { "listing.created@2026-05-29": ["a: string"] })).toEqual([
      "shoot.completed@2026-05-29: missing from the catalog (an event type may not be removed or its api_version lowered; restore it)",
    ]);
    expect(contractViolations(lock, { "listing.created@2026-05-29": ["a: string"], "shoot.completed@2027-01-01": ["c: string"] })).toEqual([]);
    expect(contractViolations(lock, { "listing.created@2026-05-29": ["a: string"], "shoot.completed@2026-01-01": ["b: string"] })).toHaveLength(1);
  });

  it("documents only event ids of the real shape (evt_ and a ULID): the README, the examples", () => {
    const documented = [
      fs.readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8"),
      ...describeCatalog().map((event) => JSON.stringify(exampleEnvelope(event))),
    ].join("\n");
    const ids = documented.match(/\bevt_\w*/g) ?? [];
    expect(ids.length).toBeGreaterThan(EVENT_TYPES.length);
    expect(ids.filter((id) => !/^evt_[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toEqual([]);
  });
});
