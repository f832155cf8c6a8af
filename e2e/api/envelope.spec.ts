// The /api/v1 pipeline around every endpoint: the error envelope and X-Request-Id on every
// response, unknown routes, wrong methods, content types, malformed and oversized bodies,
// validation details, OPTIONS, HEAD and trailing slashes.
import { expect, test } from "@playwright/test";
import { provisionAgency, type ProvisionedAgency } from "../support/cli";
import {
  API,
  ApiClient,
  createListing,
  expectError,
  expectJson,
  expectRequestId,
  expectValidation,
  idemKey,
  listingBody,
  rawRequest,
  withRequest,
  wrap,
} from "../support/api";

const MAX_BODY = 1024 * 1024;

let agency: ProvisionedAgency;
let listingNumber: string;

test.beforeAll(async ({ playwright }) => {
  agency = await provisionAgency("envelope");
  listingNumber = await withRequest(playwright, async (request) => (await createListing(new ApiClient(request, agency.key), agency)).listing_number);
});

test.describe("X-Request-Id", () => {
  test("is on every kind of response, unique per request, and echoed in every error body", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const responses = [
      await api.get("/listings"), // 200
      await api.post("/listings", listingBody(agency)), // 201
      await api.call("OPTIONS", "/listings"), // 204
      await api.get("/nope"), // 404
      await api.call("DELETE", "/listings"), // 405
      await api.withKey(undefined).get("/users"), // 401
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 201, 204, 404, 405, 401]);
    const ids = responses.map(expectRequestId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const res of responses.filter((r) => r.status >= 400)) expect(res.body.error.request_id).toBe(res.headers["x-request-id"]);
  });

  test("is on the OpenAPI document's response too", async ({ request }) => {
    const res = await wrap(await request.get("/api/openapi.json"));
    expect(res.status).toBe(200);
    expectRequestId(res);
  });
});

test.describe("unknown routes", () => {
  for (const [method, path] of [
    ["GET", "/nope"],
    ["POST", "/nope"],
    ["GET", "/listing"],
    ["GET", "/listings/K7Q4MX/photos"],
    ["PATCH", "/listings/K7Q4MX/sections"],
    ["GET", "/webhooks/nope"],
    ["GET", ""],
    ["GET", "/"],
  ] as const) {
    test(`${method} ${API}${path} is 404 not_found, with or without a key`, async ({ request }) => {
      for (const key of [agency.key, undefined]) {
        const res = await new ApiClient(request, key).call(method, path, method === "GET" ? undefined : {});
        const error = expectError(res, 404, "not_found");
        expect(error.message).toContain(`${API}${path}`);
      }
    });
  }
});

test.describe("wrong method", () => {
  for (const [method, path, allowed] of [
    ["DELETE", "/listings", ["GET", "POST"]],
    ["PUT", "/listings", ["GET", "POST"]],
    ["POST", "/listings/K7Q4MX", ["GET"]],
    ["DELETE", "/listings/K7Q4MX", ["GET"]],
    ["GET", "/listings/K7Q4MX/status", ["PATCH"]],
    ["POST", "/listings/K7Q4MX/status", ["PATCH"]],
    ["GET", "/listings/K7Q4MX/cancel", ["POST"]],
    ["PUT", "/listings/K7Q4MX/sections/matterport", ["PATCH"]],
    ["POST", "/listings/K7Q4MX/orders", ["GET"]],
    // (POST /users is on the deny list: 404 endpoint_not_in_scope, e2e/api/access.spec.ts.)
    ["DELETE", "/users", ["GET"]],
  ] as const) {
    test(`${method} ${path} is 405 method_not_allowed with Allow: ${allowed.join(", ")}`, async ({ request }) => {
      const res = await new ApiClient(request, agency.key).call(method, path, method === "GET" ? undefined : {});
      const error = expectError(res, 405, "method_not_allowed");
      const allow = res.headers["allow"]?.split(",").map((m) => m.trim()).sort();
      // HEAD wherever GET is (it answers as GET without the body).
      expect(allow).toEqual([...allowed, ...((allowed as readonly string[]).includes("GET") ? ["HEAD"] : []), "OPTIONS"].sort());
      expect(error.message).toContain(method);
    });
  }

  test("the methods Allow names really work on that path", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const res = await api.call("DELETE", `/listings/${listingNumber}`);
    expectError(res, 405, "method_not_allowed");
    expect(res.headers["allow"]).toBe("GET, HEAD, OPTIONS");
    expectJson(await api.get(`/listings/${listingNumber}`), 200);
    expect((await api.call("HEAD", `/listings/${listingNumber}`)).status).toBe(200);
  });
});

test.describe("OPTIONS and HEAD", () => {
  test("OPTIONS on a route answers 204 with Allow (no key needed, no body)", async ({ request }) => {
    const anonymous = new ApiClient(request);
    for (const [path, allowed] of [
      ["/listings", ["GET", "HEAD", "OPTIONS", "POST"]],
      [`/listings/${listingNumber}`, ["GET", "HEAD", "OPTIONS"]],
      [`/listings/${listingNumber}/status`, ["OPTIONS", "PATCH"]],
      [`/listings/${listingNumber}/sections/floorplan`, ["OPTIONS", "PATCH"]],
      ["/users", ["GET", "HEAD", "OPTIONS"]],
    ] as const) {
      const res = await anonymous.call("OPTIONS", path);
      expect(res.status, path).toBe(204);
      expect(res.text).toBe("");
      expectRequestId(res);
      expect(res.headers["allow"]?.split(",").map((m) => m.trim()).sort(), path).toEqual([...allowed]);
    }
  });

  test("OPTIONS on an unknown route is 404 not_found", async ({ request }) => {
    expectError(await new ApiClient(request).call("OPTIONS", "/nope"), 404, "not_found");
  });

  test("HEAD answers as GET without a body: the same status and headers, with a key and without", async ({ request }) => {
    for (const [key, status] of [[agency.key, 200], [undefined, 401]] as const) {
      const client = new ApiClient(request, key);
      const get = await client.get("/listings");
      const head = await client.call("HEAD", "/listings");
      expect(get.status).toBe(status);
      expect(head.status).toBe(status);
      expect(head.text).toBe("");
      expectRequestId(head);
      expect(head.headers["content-type"]).toBe(get.headers["content-type"]);
    }
    // On a route with no GET, HEAD is 405 naming what it accepts.
    const res = await new ApiClient(request, agency.key).call("HEAD", `/listings/${listingNumber}/cancel`);
    expect(res.status).toBe(405);
    expect(res.headers["allow"]).toBe("POST, OPTIONS");
  });
});

test.describe("trailing slashes", () => {
  test("a route with a trailing slash is the same route", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const plain = await api.get("/listings");
    const slashed = await api.get("/listings/");
    expectJson(slashed, 200);
    expect(slashed.body.total).toBe(plain.body.total);
    expect(slashed.body.items.map((l: { listing_number: string }) => l.listing_number)).toEqual(
      plain.body.items.map((l: { listing_number: string }) => l.listing_number),
    );
    const one = await api.get(`/listings/${listingNumber}/`);
    expectJson(one, 200);
    expect(one.body.listing_number).toBe(listingNumber);
  });

  test("the bare prefix, with or without a slash, is not a resource", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    expectError(await api.get(""), 404, "not_found");
    expectError(await api.get("/"), 404, "not_found");
  });
});

test.describe("request bodies", () => {
  test("a body that is not JSON is 415 unsupported_media_type", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const json = JSON.stringify(listingBody(agency));
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"]) {
      const res = await api.post("/listings", undefined, { rawBody: json, headers: { "Content-Type": contentType } });
      const error = expectError(res, 415, "unsupported_media_type");
      expect(error.message).toContain("application/json");
    }
    const patch = await api.patch(`/listings/${listingNumber}/status`, undefined, {
      rawBody: "status=Active",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expectError(patch, 415, "unsupported_media_type");
    expect((await api.get(`/listings/${listingNumber}`)).body.status).toBe("Coming Soon");
  });

  test("a body without any Content-Type is 415 too", async () => {
    const res = await rawRequest({
      method: "POST",
      path: `${API}/listings`,
      headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idemKey() },
      body: JSON.stringify(listingBody(agency)),
    });
    expectError(res, 415, "unsupported_media_type");
  });

  test("JSON with a charset or a +json media type is accepted", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const res = await api.post("/listings", undefined, {
      rawBody: JSON.stringify(listingBody(agency)),
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    expectJson(res, 201);
    const patch = await api.patch(`/listings/${res.body.listing_number}/status`, undefined, {
      rawBody: JSON.stringify({ status: "Active" }),
      headers: { "Content-Type": "application/merge-patch+json" },
    });
    expectJson(patch, 200);
  });

  for (const [name, text] of [
    ["truncated", '{"address": "1 Main'],
    ["trailing comma", '{"address": "1 Main",}'],
    ["single quotes", "{'address': '1 Main'}"],
    ["not JSON at all", "address=1+Main"],
  ] as const) {
    test(`malformed JSON (${name}) is 400 invalid_json`, async ({ request }) => {
      const api = new ApiClient(request, agency.key);
      expectError(await api.post("/listings", undefined, { rawBody: text }), 400, "invalid_json");
      expectError(await api.patch(`/listings/${listingNumber}/status`, undefined, { rawBody: text }), 400, "invalid_json");
    });
  }

  test("JSON that is not an object is 400 validation_failed naming the body", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    for (const text of ["[]", '"address"', "42", "null", "true"]) {
      expectValidation(await api.post("/listings", undefined, { rawBody: text }), ["body"]);
    }
  });

  test(`a body over ${MAX_BODY} bytes is 413 payload_too_large; exactly ${MAX_BODY} bytes is read`, async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    // {"address":"...","owner_user_id":"...","agent_one_id":"...","notes":"xxxx..."} padded to an exact size.
    const sized = (bytes: number) => {
      const base = JSON.stringify({ ...listingBody(agency), notes: "" });
      return base.replace('"notes":""', `"notes":"${"x".repeat(bytes - base.length)}"`);
    };
    expect(Buffer.byteLength(sized(MAX_BODY))).toBe(MAX_BODY);
    const before = (await api.get("/listings")).body.total;

    expectError(await api.post("/listings", undefined, { rawBody: sized(MAX_BODY + 1) }), 413, "payload_too_large");
    expectError(await api.post("/listings", undefined, { rawBody: sized(3 * MAX_BODY) }), 413, "payload_too_large");
    expectError(
      await api.patch(`/listings/${listingNumber}/sections/floorplan`, undefined, { rawBody: sized(MAX_BODY + 1) }),
      413,
      "payload_too_large",
    );
    // At the limit the body is read and parsed: the notes are then too long for the field.
    expectValidation(await api.post("/listings", undefined, { rawBody: sized(MAX_BODY) }), ["notes"]);
    expect((await api.get("/listings")).body.total).toBe(before);
  });

  test("a chunked body (no Content-Length) over the limit is 413 as well", async () => {
    const res = await rawRequest({
      method: "POST",
      path: `${API}/listings`,
      headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idemKey(), "Content-Type": "application/json" },
      body: JSON.stringify({ ...listingBody(agency), notes: "x".repeat(MAX_BODY + 10) }),
      chunked: true,
    });
    expectError(res, 413, "payload_too_large");
  });
});

test.describe("validation errors", () => {
  test("name every bad field and why, in the message and in details", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const empty = expectValidation(await api.post("/listings", {}), ["address", "owner_user_id", "agent_one_id"]);
    for (const detail of empty.details!) expect(detail.message).toBe("is required");

    const res = await api.post("/listings", {
      address: "   ",
      owner_user_id: "owner-1",
      agent_one_id: 42,
      agent_two_id: "user_123",
      notes: "x".repeat(5001),
      colour: "blue",
    });
    const error = expectValidation(res, ["address", "owner_user_id", "agent_one_id", "agent_two_id", "notes", "colour"]);
    const why = Object.fromEntries(error.details!.map((d) => [d.field, d.message]));
    expect(why.address).toMatch(/empty/);
    expect(why.owner_user_id).toMatch(/user id/);
    expect(why.agent_one_id).toMatch(/string/);
    expect(why.notes).toMatch(/at most 5000/);
    expect(why.colour).toMatch(/not a known field/);
  });

  test("query and path parameters are validated the same way", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    expectValidation(await api.get("/listings", { params: { limit: "lots" } }), ["limit"]);
    expectValidation(await api.get("/listings", { params: { agent_id: "bob" } }), ["agent_id"]);
    expectValidation(await api.get("/listings/not-a-listing-number"), ["listing_number"]);
    expectValidation(await api.patch(`/listings/${listingNumber}/sections/video`, { url: "https://example.com" }), ["section"]);
  });

  test("text a database cannot store (NUL, unpaired surrogates) is 400 naming the field, not a 500", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const before = (await api.get("/listings")).body.total;
    const nul = JSON.stringify(listingBody(agency, { address: "1 Main St\u0000" }));
    expectValidation(await api.post("/listings", undefined, { rawBody: nul }), ["address"]);
    const surrogate = JSON.stringify(listingBody(agency)).replace('"owner_user_id"', '"notes":"half \\ud83d a smiley","owner_user_id"');
    expectValidation(await api.post("/listings", undefined, { rawBody: surrogate }), ["notes"]);
    expectValidation(
      await api.patch(`/listings/${listingNumber}/sections/floorplan`, undefined, { rawBody: '{"url":"https://example.com/a\\u0000.pdf"}' }),
      ["url"],
    );
    expect((await api.get("/listings")).body.total).toBe(before);
  });

  test("a deeply nested body is 400, not a 500", async ({ request }) => {
    const api = new ApiClient(request, agency.key);
    const depth = 100_000;
    const text = `{"notes":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expectValidation(await api.post("/listings", undefined, { rawBody: text }), ["body"]);
  });

  test("the dashboard's tRPC endpoint refuses a deeply nested input with a 400 too, before asking who calls", async ({ request }) => {
    const depth = 20_000;
    const res = await request.post("/api/trpc/scheduling.updateSettings", {
      headers: { "Content-Type": "application/json" },
      data: Buffer.from(`{"timezone":${"[".repeat(depth)}${"]".repeat(depth)}}`),
      failOnStatusCode: false,
    });
    expect(res.status()).toBe(400);
    expect((await res.json()).error.data.code).toBe("validation_failed");
  });
});
