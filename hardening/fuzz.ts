// Property-based fuzzing of every /api/v1 operation from its OpenAPI schema (fast-check): requests
// built from the document's parameters and request bodies, mostly well-formed and partly broken
// (wrong types, junk JSON, odd encodings, foreign ids), so both validation and the handlers behind
// it are exercised. The property: no answer is a 5xx, and every non-2xx is the error envelope.
import fc from "fast-check";
import { randomUUID } from "node:crypto";
import type { Agency } from "./support/fixtures";

type Schema = Record<string, any>;

export interface FuzzRequest {
  operation: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | FormData;
  /** A path naming another agency's resource: any 2xx would be a tenancy violation. */
  foreign: boolean;
}

function resolver(doc: Schema) {
  return (schema: Schema | undefined): Schema => {
    let current = schema ?? {};
    for (let i = 0; i < 10 && typeof current.$ref === "string"; i++) {
      const name = current.$ref.replace("#/components/schemas/", "");
      current = doc.components?.schemas?.[name] ?? {};
    }
    return current;
  };
}

/** A fast-check arbitrary of values the JSON Schema describes (depth-limited). */
export function arbitraryOf(doc: Schema, schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = resolver(doc)(schema);
  if (depth > 4) return fc.constant(null);
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (Array.isArray(alternatives) && alternatives.length) return fc.oneof(...alternatives.map((alt: Schema) => arbitraryOf(doc, alt, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length) return arbitraryOf(doc, s.allOf[0], depth + 1);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type: string) => arbitraryOf(doc, { ...s, type }, depth + 1)));
  switch (s.type) {
    case "string": {
      if (s.format === "date-time") return fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.format === "date") return fc.date({ min: new Date("2020-01-01"), max: new Date("2035-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (s.format === "uri") return fc.oneof(fc.webUrl(), fc.constant("https://example.com/hook"));
      if (s.format === "email") return fc.emailAddress();
      if (typeof s.pattern === "string") {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200));
        } catch {
          // a pattern JavaScript cannot compile: plain strings below
        }
      }
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40), unit: "grapheme" });
    }
    case "integer":
      return fc.integer({ min: s.minimum ?? -1_000_000, max: s.maximum ?? 1_000_000 });
    case "number":
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      return fc.array(arbitraryOf(doc, s.items, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case "object":
    default: {
      const properties = Object.entries((s.properties ?? {}) as Record<string, Schema>);
      if (!properties.length) return s.type === "object" ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 });
      const record = Object.fromEntries(properties.map(([name, prop]) => [name, arbitraryOf(doc, prop, depth + 1)]));
      return fc.record(record, { requiredKeys: (s.required ?? []).filter((k: string) => k in record) });
    }
  }
}

/** Turns a well-formed value into a broken one now and then: a field's type swapped, junk added. */
const mutate = (value: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 2, arbitrary: fc.tuple(value, fc.string(), fc.jsonValue({ maxDepth: 2 })).map(([v, k, junk]) => (v && typeof v === "object" && !Array.isArray(v) ? { ...v, [Object.keys(v)[0] ?? k]: junk } : junk)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, [], "", 0, true, { __proto__: { admin: true } }, { constructor: { prototype: {} } }) },
  );

const NASTY_SEGMENTS = ["..", "%2e%2e", "%00", "a%2Fb", "%C3%BF", "%E2%80%AE", "x".repeat(3000), "%", "%zz", "'%20OR%201=1--", "%3Cscript%3E", "-1", "0", "99999999999999999999"];

export function fuzzRequests(doc: Schema, own: Agency, foreign: Agency, count: number, seed: number): FuzzRequest[] {
  const operations = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "patch", "put", "delete"].includes(method))
      .map(([method, operation]) => ({ template, method: method.toUpperCase(), operation })),
  );
  const ids = (agency: Agency): Record<string, string> => ({
    listing_number: agency.listingNumber,
    shoot_id: agency.shootId,
    media_id: agency.mediaId,
    endpoint_id: agency.endpointId,
    delivery_id: agency.webhookDeliveryId,
  });
  const perOperation = Math.ceil(count / operations.length);
  const requests: FuzzRequest[] = [];
  operations.forEach(({ template, method, operation }, index) => {
    const parameters = ((operation.parameters ?? []) as Schema[]).map((p) => resolver(doc)(p));
    const pathParams = parameters.filter((p) => p.in === "path");
    const queryParams = parameters.filter((p) => p.in === "query");
    const pathValue = (name: string, schema: Schema) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant({ value: encodeURIComponent(ids(own)[name] ?? "floorplan"), foreign: false }) },
        { weight: 1, arbitrary: fc.constant({ value: encodeURIComponent(ids(foreign)[name] ?? "matterport"), foreign: name in ids(foreign) }) },
        { weight: 2, arbitrary: arbitraryOf(doc, schema).map((v) => ({ value: encodeURIComponent(String(v)) || "x", foreign: false })) },
        { weight: 1, arbitrary: fc.constantFrom(...NASTY_SEGMENTS).map((value) => ({ value, foreign: false })) },
      );
    const pathArb = fc.tuple(...pathParams.map((p) => pathValue(p.name, p.schema ?? {})));
    const queryArb = fc.array(
      fc.oneof(
        ...queryParams.map((p) => fc.tuple(fc.constant(p.name as string), mutate(arbitraryOf(doc, p.schema)).map((v) => (typeof v === "string" ? v : JSON.stringify(v) ?? "")))),
        fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 })),
      ),
      { maxLength: 4 },
    );
    const jsonSchema = operation.requestBody?.content?.["application/json"]?.schema;
    const bodyArb: fc.Arbitrary<string | FormData | undefined> = operation.requestBody?.content?.["multipart/form-data"]
      ? fc.tuple(fc.oneof(fc.constant(own.listingNumber), fc.constant(foreign.listingNumber), fc.string()), fc.uint8Array({ maxLength: 512 }), fc.string({ maxLength: 20 }), fc.constantFrom("photo", "video", "nope", "")).map(([listing, bytes, name, kind]) => {
          const form = new FormData();
          form.set("listing_number", listing);
          if (kind) form.set("kind", kind);
          form.set("files", new Blob([bytes]), name || "f");
          return form;
        })
      : method === "POST" || method === "PATCH" || jsonSchema
        ? fc.oneof(
            { weight: 8, arbitrary: mutate(arbitraryOf(doc, jsonSchema)).map((v) => JSON.stringify(v) ?? "null") },
            { weight: 1, arbitrary: fc.constantFrom("{", "{\"a\":", "[1,2", "\u0000", "{\"x\":1e999999}", "{\"a\":\"\\ud800\"}", "", "   ", "null") },
            { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
          )
        : fc.constant(undefined);
    const headersArb = fc.record({
      idempotency: fc.oneof(fc.constant(randomUUID()), fc.uuid(), fc.constant(""), fc.constant("shared-fuzz-key"), fc.constant(undefined), fc.string({ maxLength: 300 })),
      contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", undefined, "application/x-www-form-urlencoded", "application/json; charset=utf-16"),
    });
    const requestArb = fc.tuple(pathArb, queryArb, bodyArb, headersArb).map(([pathValues, query, body, h]): FuzzRequest => {
      let i = 0;
      const path = template.replace(/\{\w+\}/g, () => pathValues[i++]!.value);
      const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
      const headers: Record<string, string> = { "X-API-Key": own.key };
      if (h.idempotency !== undefined && /^[\x20-\x7e]*$/.test(h.idempotency)) headers["X-Idempotency-Key"] = h.idempotency;
      if (typeof body === "string" && h.contentType) headers["Content-Type"] = h.contentType;
      return { operation: `${method} ${template}`, method, path: `/api/v1${path}${search ? `?${search}` : ""}`, headers, body, foreign: pathValues.some((p) => p.foreign) };
    });
    requests.push(...fc.sample(requestArb, { numRuns: perOperation, seed: seed + index }));
  });
  return requests;
}
