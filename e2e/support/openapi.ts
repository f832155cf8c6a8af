// Reading GET /api/openapi.json and checking real responses against it: the operation a request
// reached, the response documented for its status, and that response's JSON schema (compiled with
// ajv's JSON Schema 2020-12 dialect, which OpenAPI 3.1 uses).
//
// ajv is not a dependency of this project: it is installed as a dependency of
// @readme/openapi-parser (a devDependency), which validates documents with it.
import { expect } from "@playwright/test";
import { dereference } from "@readme/openapi-parser";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import type { Res } from "./api";

export type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers?: { url: string }[];
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, any>;
    securitySchemes: Record<string, any>;
    headers?: Record<string, any>;
  };
};

export type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: any }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: any }> };
  responses: Record<string, { description: string; headers?: Record<string, any>; content?: Record<string, { schema: any; examples?: Record<string, { value: any }> }> }>;
};

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Every (method, path, operation) of the document. */
export function operations(doc: Doc): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

/** The error codes a documented response names in its examples. */
export function documentedCodes(op: Operation, status: string): string[] {
  return Object.keys(op.responses[status]?.content?.["application/json"]?.examples ?? {});
}

/** Validates real responses against a document whose $refs have been resolved. */
export class Conformance {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  private readonly compiled = new Map<unknown, ValidateFunction>();

  private constructor(readonly doc: Doc) {}

  static async of(doc: Doc): Promise<Conformance> {
    return new Conformance((await dereference(structuredClone(doc) as never)) as unknown as Doc);
  }

  validator(schema: object): ValidateFunction {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  operation(method: string, template: string): Operation {
    const op = this.doc.paths[template]?.[method.toLowerCase()];
    expect(op, `${method} ${template} is documented`).toBeDefined();
    return op!;
  }

  /** Asserts `value` matches `schema`, reporting ajv's errors. */
  expectValid(schema: object, value: unknown, what: string): void {
    const validate = this.validator(schema);
    const ok = validate(value);
    expect(ok, `${what}: ${this.ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(value).slice(0, 600)}`).toBe(true);
  }

  /**
   * Asserts a real response conforms to the document: its status is documented for the operation,
   * its body matches that response's schema, its documented headers are present, and an error's
   * code is one the response documents.
   */
  expectResponse(method: string, template: string, res: Res): void {
    const op = this.operation(method, template);
    const what = `${method} ${template} -> ${res.status}`;
    const documented = op.responses[String(res.status)];
    expect(documented, `${what} is a documented response (documented: ${Object.keys(op.responses).join(", ")})`).toBeDefined();
    const media = documented!.content?.["application/json"];
    if (media) {
      expect(res.headers["content-type"], what).toMatch(/^application\/json/);
      this.expectValid(media.schema, res.body, what);
    } else {
      expect(res.text, what).toBe("");
    }
    for (const [name, header] of Object.entries(documented!.headers ?? {})) {
      const value = res.headers[name.toLowerCase()];
      if (name === "X-Idempotent-Replay") {
        if (value !== undefined) this.expectValid(header.schema, value, `${what} header ${name}`);
        continue;
      }
      expect(value, `${what} sends documented header ${name}`).toBeDefined();
      this.expectValid(header.schema, value, `${what} header ${name}`);
    }
    if (res.status >= 400) {
      expect(documentedCodes(op, String(res.status)), `${what}: code ${res.body?.error?.code} is documented`).toContain(res.body.error.code);
    }
  }

  /** Asserts a request body we send is what the document describes. */
  expectRequestBody(method: string, template: string, body: unknown): void {
    const op = this.operation(method, template);
    const schema = op.requestBody?.content["application/json"]?.schema;
    expect(schema, `${method} ${template} documents a JSON body`).toBeDefined();
    this.expectValid(schema, body, `${method} ${template} request body`);
  }
}
