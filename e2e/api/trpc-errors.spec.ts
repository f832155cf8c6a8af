// The dashboard's /api/trpc endpoint answers a client's mistakes as what they are, 4xx, in the
// error shape tRPC's client reads (error.code, error.data.{code, requestId, httpStatus}) carrying
// Valara's code and the request id of X-Request-Id: never 500 internal_error. With and without a
// session, against the production build.
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD, E2E_BASE_URL } from "../support/env";

const ORIGIN = { Origin: E2E_BASE_URL };

async function expectTrpcError(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  const body = (await response.json()) as { error: { message: string; code: number; data: { code: string; requestId: string; httpStatus: number } } };
  expect(body.error.data.code).toBe(code);
  expect(body.error.data.httpStatus).toBe(status);
  expect(body.error.data.requestId).toMatch(/^req_/);
  expect(body.error.data.requestId).toBe(response.headers()["x-request-id"]);
  expect(typeof body.error.code).toBe("number");
  expect(body.error.message).not.toMatch(/unexpected error|at \w+ \(/);
  return body;
}

/** Signs in through next-auth's credentials callback, as the sign-in form does. */
async function signIn(request: APIRequestContext, email: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" },
    headers: ORIGIN,
    maxRedirects: 0,
  });
  expect(response.status()).toBeLessThan(400);
  const me = await request.get("/api/trpc/session.me");
  expect(me.status(), "signed in").toBe(200);
}

for (const signedIn of [false, true]) {
  test.describe(signedIn ? "with a session" : "without a session", () => {
    test.beforeEach(async ({ request }) => {
      if (signedIn) await signIn(request, "owner@northlight.test");
    });

    test("an unknown procedure is 404 not_found", async ({ request }) => {
      await expectTrpcError(await request.get("/api/trpc/listings.noSuchThing"), 404, "not_found");
      await expectTrpcError(await request.post("/api/trpc/noSuchRouter.create", { headers: ORIGIN, data: {} }), 404, "not_found");
    });

    test("a mutation called with GET, or a query with POST, is 405 method_not_allowed with Allow", async ({ request }) => {
      const get = await request.get("/api/trpc/listings.create");
      await expectTrpcError(get, 405, "method_not_allowed");
      expect(get.headers()["allow"]).toBe("POST");
      const post = await request.post("/api/trpc/session.me", { headers: ORIGIN, data: {} });
      await expectTrpcError(post, 405, "method_not_allowed");
      expect(post.headers()["allow"]).toBe("GET");
      await expectTrpcError(await request.put("/api/trpc/listings.create", { headers: ORIGIN, data: {} }), 405, "method_not_allowed");
    });

    test("input that is not JSON is 400 invalid_json", async ({ request }) => {
      await expectTrpcError(await request.get("/api/trpc/session.me?input=%7Bnot-json"), 400, "invalid_json");
      await expectTrpcError(
        await request.post("/api/trpc/listings.create", { headers: { ...ORIGIN, "Content-Type": "application/json" }, data: Buffer.from("{") }),
        400,
        "invalid_json",
      );
    });

    test("a batch naming an unknown procedure answers each call with its own code", async ({ request }) => {
      const response = await request.get("/api/trpc/session.me,listings.noSuchThing?batch=1&input=%7B%7D");
      // session.me answers 200 or 401; the unknown procedure is 404: a 207 multi-status or one 4xx, never a 500.
      expect(response.status()).not.toBe(500);
      const calls = (await response.json()) as { error?: { data: { code: string; httpStatus: number } } }[];
      expect(calls.map((call) => call.error?.data.code ?? "ok")).toEqual([signedIn ? "ok" : "authentication_required", "not_found"]);
    });

    test(signedIn ? "malformed input is 400 validation_failed naming the field" : "malformed input is 401 authentication_required (who calls is checked first)", async ({ request }) => {
      const response = await request.post("/api/trpc/listings.create", { headers: ORIGIN, data: { address: 5 } });
      if (!signedIn) {
        await expectTrpcError(response, 401, "authentication_required");
        return;
      }
      const body = await expectTrpcError(response, 400, "validation_failed");
      expect(JSON.stringify(body.error.data)).toContain("address");
    });
  });
}
