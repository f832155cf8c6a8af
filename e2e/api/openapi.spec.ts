// GET /api/openapi.json: a valid OpenAPI document (checked with @readme/openapi-parser) that
// describes what the server really does: versions, both auth schemes, each operation's real
// success status, the Error schema and each endpoint's error codes, the idempotency header; and
// real responses from the running server conform to the documented schemas.
import { expect, test } from "@playwright/test";
import { compileErrors, validate } from "@readme/openapi-parser";
import { mintKey, provisionAgency, revokeKey, scheduleShoot, type ProvisionedAgency } from "../support/cli";
import { API, APP_URL, ApiClient, expectError, expectJson, idemKey, listingBody, wrap } from "../support/api";
import { Conformance, documentedCodes, operations, type Doc } from "../support/openapi";

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const AUTH: Record<string, string[]> = {
  "400": ["validation_failed"],
  "401": ["authentication_required", "invalid_api_key", "api_key_revoked", "api_key_expired"],
  "403": ["insufficient_scope"],
  "500": ["internal_error"],
};
const WRITE: Record<string, string[]> = {
  "400": ["invalid_json", "idempotency_key_required"],
  "409": ["idempotency_key_conflict", "idempotency_key_in_use"],
  "413": ["payload_too_large"],
  "415": ["unsupported_media_type"],
};

/** The /api/v1 operations, their real success status and the error codes specific to each. */
const ENDPOINTS: { method: string; path: string; success: string; codes: Record<string, string[]> }[] = [
  { method: "POST", path: "/listings", success: "201", codes: { "422": ["invalid_reference"] } },
  { method: "GET", path: "/listings", success: "200", codes: { "400": ["invalid_cursor"] } },
  { method: "GET", path: "/listings/{listing_number}", success: "200", codes: { "404": ["listing_not_found"] } },
  {
    method: "GET",
    path: "/listings/{listing_number}/orders",
    success: "200",
    codes: { "404": ["listing_not_found"], "400": ["invalid_cursor"] },
  },
  {
    method: "PATCH",
    path: "/listings/{listing_number}/status",
    success: "200",
    codes: { "404": ["listing_not_found"], "422": ["lifecycle_violation"] },
  },
  {
    method: "POST",
    path: "/listings/{listing_number}/cancel",
    success: "200",
    codes: { "404": ["listing_not_found"], "422": ["lifecycle_violation"], "409": ["cancellation_window_active"] },
  },
  { method: "PATCH", path: "/listings/{listing_number}/sections/{section}", success: "200", codes: { "404": ["listing_not_found"] } },
  { method: "GET", path: "/users", success: "200", codes: { "400": ["invalid_cursor"] } },
  { method: "GET", path: "/scheduling/availability", success: "200", codes: {} },
  {
    method: "POST",
    path: "/listings/{listing_number}/shoots",
    success: "201",
    codes: { "404": ["listing_not_found"], "409": ["slot_unavailable"], "422": ["invalid_reference", "lifecycle_violation"] },
  },
  {
    method: "PATCH",
    path: "/listings/{listing_number}/shoots/{shoot_id}",
    success: "200",
    codes: { "404": ["listing_not_found", "shoot_not_found"], "409": ["slot_unavailable"], "422": ["invalid_reference", "lifecycle_violation"] },
  },
  {
    method: "POST",
    path: "/listings/{listing_number}/shoots/{shoot_id}/cancel",
    success: "200",
    codes: { "404": ["listing_not_found", "shoot_not_found"], "409": ["cancellation_window_active"], "422": ["lifecycle_violation"] },
  },
  {
    method: "POST",
    path: "/listings/{listing_number}/shoots/{shoot_id}/complete",
    success: "200",
    codes: { "404": ["listing_not_found", "shoot_not_found"], "422": ["lifecycle_violation"] },
  },
];

let doc: Doc;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: APP_URL });
  const res = await wrap(await request.get("/api/openapi.json"));
  await request.dispose();
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  doc = res.body;
});

test.describe("the document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  test("info.version is a semantic version; the server is this server's /api/v1", async () => {
    expect(doc.info.version).toMatch(SEMVER);
    expect(doc.info.title.length).toBeGreaterThan(0);
    expect(doc.servers?.map((s) => s.url)).toContain(`${APP_URL}${API}`);
  });

  test("documents both auth schemes, and every operation accepts either", async () => {
    const schemes = Object.entries(doc.components.securitySchemes);
    const apiKey = schemes.find(([, s]) => s.type === "apiKey");
    const bearer = schemes.find(([, s]) => s.type === "http");
    expect(apiKey?.[1]).toMatchObject({ type: "apiKey", in: "header", name: "X-API-Key" });
    expect(bearer?.[1].scheme.toLowerCase()).toBe("bearer");
    for (const { method, path, op } of operations(doc)) {
      const security = op.security ?? doc.security;
      // Alternatives: one requirement object per scheme, so that either one suffices.
      expect(security, `${method} ${path}`).toEqual(expect.arrayContaining([{ [apiKey![0]]: [] }, { [bearer![0]]: [] }]));
    }
  });

  test("documents every endpoint with its real success status and no other", async () => {
    for (const { method, path, success } of ENDPOINTS) {
      const op = doc.paths[path]?.[method.toLowerCase()];
      expect(op, `${method} ${path} is documented`).toBeDefined();
      const successes = Object.keys(op!.responses).filter((status) => status.startsWith("2"));
      expect(successes, `${method} ${path}`).toEqual([success]);
      expect(op!.responses[success]!.content?.["application/json"]?.schema, `${method} ${path} success schema`).toBeDefined();
    }
    expect(doc.paths["/listings"]!.post!.responses["201"]).toBeDefined();
    expect(doc.paths["/listings"]!.post!.responses["200"]).toBeUndefined();
  });

  test("documents the Error envelope, and every error response uses it", async () => {
    const error = doc.components.schemas.Error;
    expect(error).toMatchObject({ type: "object", required: ["error"] });
    expect([...error.properties.error.required].sort()).toEqual(["code", "message", "request_id"]);
    // Field problems are an array; refusals with facts (api_key_expired's expired_at) an object.
    expect(error.properties.error.properties.details?.oneOf?.map((s: { type: string }) => s.type)).toEqual(["array", "object"]);
    const codes: string[] = error.properties.error.properties.code.enum;
    for (const code of [...Object.values(AUTH), ...Object.values(WRITE), ...ENDPOINTS.flatMap((e) => Object.values(e.codes))].flat()) {
      expect(codes).toContain(code);
    }
    const conformance = await Conformance.of(doc);
    for (const { method, path, op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
        expect(response.content?.["application/json"]?.schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        expect(response.headers?.["X-Request-Id"], `${method} ${path} ${status} X-Request-Id`).toBeDefined();
        // Each example is a valid Error whose code belongs to this status.
        const resolved = conformance.doc.paths[path]![method.toLowerCase()]!.responses[status]!;
        for (const [code, example] of Object.entries(response.content!["application/json"]!.examples ?? {})) {
          expect(example.value.error.code).toBe(code);
          conformance.expectValid(resolved.content!["application/json"]!.schema, example.value, `${method} ${path} ${status} example ${code}`);
        }
      }
    }
  });

  test("every POST and PATCH takes a required X-Idempotency-Key header; GETs do not", async () => {
    for (const { method, path, op } of operations(doc)) {
      const header = op.parameters?.find((p) => p.in === "header" && p.name.toLowerCase() === "x-idempotency-key");
      if (method === "POST" || method === "PATCH") {
        expect(header, `${method} ${path}`).toBeDefined();
        expect(header!.required).toBe(true);
        expect(header!.schema).toMatchObject({ type: "string" });
        const success = Object.keys(op.responses).find((status) => status.startsWith("2"))!;
        expect(op.responses[success]!.headers?.["X-Idempotent-Replay"], `${method} ${path} ${success}`).toBeDefined();
      } else {
        expect(header, `${method} ${path}`).toBeUndefined();
      }
    }
  });

  test("documents each endpoint's error codes under the right status", async () => {
    for (const { method, path, codes } of ENDPOINTS) {
      const op = doc.paths[path]![method.toLowerCase()]!;
      const writes = method === "POST" || method === "PATCH";
      const expected: Record<string, string[]> = {};
      for (const table of [AUTH, writes ? WRITE : {}, codes]) {
        for (const [status, list] of Object.entries(table)) expected[status] = [...(expected[status] ?? []), ...list];
      }
      for (const [status, list] of Object.entries(expected)) {
        expect(documentedCodes(op, status), `${method} ${path} ${status}`).toEqual(expect.arrayContaining(list));
        for (const code of list) expect(op.responses[status]!.description).toContain(code);
      }
      if (!writes) {
        expect(documentedCodes(op, "409"), `${method} ${path} has no idempotency conflicts`).toEqual([]);
        expect(documentedCodes(op, "415")).toEqual([]);
      }
    }
  });

  test("documents the path and query parameters", async () => {
    const names = (path: string, method: string, where: string) =>
      (doc.paths[path]![method]!.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();
    expect(names("/listings", "get", "query")).toEqual(["agent_id", "cursor", "limit", "order", "q", "sort", "status"]);
    expect(names("/users", "get", "query")).toEqual(["cursor", "limit", "role"]);
    expect(names("/listings/{listing_number}/orders", "get", "query")).toEqual(["cursor", "limit"]);
    const limit = doc.paths["/listings"]!.get!.parameters!.find((p) => p.name === "limit")!;
    expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200, default: 50 });
    const section = doc.paths["/listings/{listing_number}/sections/{section}"]!.patch!.parameters!.find((p) => p.name === "section")!;
    expect(section).toMatchObject({ in: "path", required: true });
    expect([...section.schema.enum].sort()).toEqual(["floorplan", "matterport"]);
  });
});

test.describe("real responses conform to the document", () => {
  let agency: ProvisionedAgency;

  test.beforeAll(async () => {
    agency = await provisionAgency("openapi");
  });

  test("successes of every operation", async ({ request }) => {
    const oas = await Conformance.of(doc);
    const api = new ApiClient(request, agency.key);
    const check = (method: string, template: string, res: Parameters<Conformance["expectResponse"]>[2]) => {
      const endpoint = ENDPOINTS.find((e) => e.method === method && e.path === template)!;
      expect(String(res.status), `${method} ${template}: ${res.text.slice(0, 300)}`).toBe(endpoint.success);
      oas.expectResponse(method, template, res);
    };

    const body = listingBody(agency, { agent_two_id: agency.agentIds[1], package: "essentials", notes: "conformance" });
    oas.expectRequestBody("POST", "/listings", body);
    const key = idemKey();
    const created = await api.post("/listings", body, { idempotencyKey: key });
    check("POST", "/listings", created);
    const replay = await api.post("/listings", body, { idempotencyKey: key });
    expect(replay.headers["x-idempotent-replay"]).toBe("true");
    check("POST", "/listings", replay);
    const n = created.body.listing_number;
    oas.expectValid(doc.paths["/listings/{listing_number}"]!.get!.parameters![0]!.schema, n, "listing_number parameter");

    const plain = await api.post("/listings", listingBody(agency));
    check("POST", "/listings", plain);

    check("GET", "/listings", await api.get("/listings"));
    check("GET", "/listings", await api.get("/listings", { params: { limit: 1, status: "Coming Soon", agent_id: agency.agentIds[1]! } }));
    check("GET", "/listings/{listing_number}", await api.get(`/listings/${n}`));
    check("GET", "/listings/{listing_number}/orders", await api.get(`/listings/${n}/orders`));
    check("GET", "/listings/{listing_number}/orders", await api.get(`/listings/${plain.body.listing_number}/orders`));

    for (const [section, sectionBody] of [
      ["matterport", { url: "https://my.matterport.com/show/?m=SxQL3iGyoDo" }],
      ["matterport", { model_id: "SxQL3iGyoDo" }],
      ["floorplan", { url: "https://example.com/plan.pdf" }],
      ["floorplan", { url: null }],
    ] as const) {
      oas.expectRequestBody("PATCH", "/listings/{listing_number}/sections/{section}", sectionBody);
      check("PATCH", "/listings/{listing_number}/sections/{section}", await api.patch(`/listings/${n}/sections/${section}`, sectionBody));
    }
    oas.expectRequestBody("PATCH", "/listings/{listing_number}/status", { status: "Active" });
    check("PATCH", "/listings/{listing_number}/status", await api.patch(`/listings/${n}/status`, { status: "Active" }));

    await scheduleShoot(n, new Date(Date.now() + 3 * 24 * 60 * 60 * 1000));
    const withShoot = await api.get(`/listings/${n}`);
    expect(withShoot.body.shoots).toHaveLength(1);
    check("GET", "/listings/{listing_number}", withShoot);
    const cancelled = await api.post(`/listings/${n}/cancel`);
    check("POST", "/listings/{listing_number}/cancel", cancelled);
    expect(cancelled.body.shoots[0].status).toBe("cancelled");
    check("GET", "/listings/{listing_number}/orders", await api.get(`/listings/${n}/orders`));

    check("GET", "/users", await api.get("/users"));
    check("GET", "/users", await api.get("/users", { params: { role: "agent", limit: 1 } }));
  });

  test("errors of every operation", async ({ request }) => {
    const oas = await Conformance.of(doc);
    const api = new ApiClient(request, agency.key);
    const { listing_number: n } = await api.post("/listings", listingBody(agency, { package: "essentials" })).then((r) => r.body);
    const readOnly = await mintKey(agency.slug, "listings:read");
    const revoked = await mintKey(agency.slug, "listings:read");
    await revokeKey(revoked.id);

    const cases: [string, string, () => Promise<Parameters<Conformance["expectResponse"]>[2]>, number, string][] = [
      ["POST", "/listings", () => api.post("/listings", {}), 400, "validation_failed"],
      ["POST", "/listings", () => api.post("/listings", undefined, { rawBody: "{" }), 400, "invalid_json"],
      ["POST", "/listings", () => api.post("/listings", listingBody(agency), { idempotencyKey: null }), 400, "idempotency_key_required"],
      ["POST", "/listings", () => api.withKey(undefined).post("/listings", listingBody(agency)), 401, "authentication_required"],
      ["POST", "/listings", () => api.withKey(readOnly.key).post("/listings", listingBody(agency)), 403, "insufficient_scope"],
      ["POST", "/listings", () => api.post("/listings", listingBody(agency, { package: "nope" })), 422, "invalid_reference"],
      [
        "POST",
        "/listings",
        () => api.post("/listings", undefined, { rawBody: "x", headers: { "Content-Type": "text/plain" } }),
        415,
        "unsupported_media_type",
      ],
      [
        "POST",
        "/listings",
        () => api.post("/listings", undefined, { rawBody: JSON.stringify({ notes: "x".repeat(1024 * 1024) }) }),
        413,
        "payload_too_large",
      ],
      ["GET", "/listings", () => api.get("/listings", { params: { cursor: "garbage" } }), 400, "invalid_cursor"],
      ["GET", "/listings", () => api.get("/listings", { params: { limit: 0 } }), 400, "validation_failed"],
      ["GET", "/listings", () => api.withKey("ma_live_ak_00000000000000000000000000").get("/listings"), 401, "invalid_api_key"],
      ["GET", "/listings", () => api.withKey(revoked.key).get("/listings"), 401, "api_key_revoked"],
      ["GET", "/listings/{listing_number}", () => api.get("/listings/ZZZZZZ"), 404, "listing_not_found"],
      ["GET", "/listings/{listing_number}/orders", () => api.get("/listings/ZZZZZZ/orders"), 404, "listing_not_found"],
      ["GET", "/listings/{listing_number}/orders", () => api.get(`/listings/${n}/orders`, { params: { cursor: "x" } }), 400, "invalid_cursor"],
      ["PATCH", "/listings/{listing_number}/status", () => api.patch("/listings/ZZZZZZ/status", { status: "Active" }), 404, "listing_not_found"],
      ["PATCH", "/listings/{listing_number}/status", () => api.patch(`/listings/${n}/status`, { status: "Sold" }), 422, "lifecycle_violation"],
      ["PATCH", "/listings/{listing_number}/status", () => api.patch(`/listings/${n}/status`, { status: "Pending" }), 400, "validation_failed"],
      ["POST", "/listings/{listing_number}/cancel", () => api.post("/listings/ZZZZZZ/cancel"), 404, "listing_not_found"],
      [
        "PATCH",
        "/listings/{listing_number}/sections/{section}",
        () => api.patch("/listings/ZZZZZZ/sections/floorplan", { url: null }),
        404,
        "listing_not_found",
      ],
      [
        "PATCH",
        "/listings/{listing_number}/sections/{section}",
        () => api.patch(`/listings/${n}/sections/floorplan`, { url: "nope" }),
        400,
        "validation_failed",
      ],
      ["GET", "/users", () => api.get("/users", { params: { cursor: "garbage" } }), 400, "invalid_cursor"],
      ["GET", "/users", () => api.withKey(readOnly.key).get("/users"), 403, "insufficient_scope"],
    ];
    for (const [method, template, call, status, code] of cases) {
      const res = await call();
      expectError(res, status, code);
      oas.expectResponse(method, template, res);
    }

    // Idempotency conflicts, and the cancellation window.
    const key = idemKey();
    expectJson(await api.post("/listings", listingBody(agency, { notes: "one" }), { idempotencyKey: key }), 201);
    const conflict = await api.post("/listings", listingBody(agency, { notes: "two" }), { idempotencyKey: key });
    expectError(conflict, 409, "idempotency_key_conflict");
    oas.expectResponse("POST", "/listings", conflict);

    await scheduleShoot(n, new Date(Date.now() + 60 * 60 * 1000));
    const window = await api.post(`/listings/${n}/cancel`);
    expectError(window, 409, "cancellation_window_active");
    oas.expectResponse("POST", "/listings/{listing_number}/cancel", window);
  });
});
