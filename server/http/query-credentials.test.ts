import { describe, expect, it } from "vitest";
import { isCredentialParamName, queryCarriesCredential, redactUrl } from "./query-credentials";

const key = "ma_live_ak_01JAAAAAAAAAAAAAAAAAAAAAAA";
const ticket = "ma_upl_3q2Xn0bS1c9yA4v8Kp6tWm5Rj7Ld2Hf0";

describe("credentials in a query string", () => {
  it.each(["api_key", "API_KEY", "key", "token", "X-API-Key", "x_api_key", "apiKey", "access_token", "upload_ticket", "secret", "password", "session", "Authorization"])(
    "treats the parameter name %s as a credential",
    (name) => {
      expect(isCredentialParamName(name)).toBe(true);
      expect(queryCarriesCredential(new URLSearchParams({ [name]: "anything" }))).toBe(true);
    },
  );

  it("treats a Valara key or ticket as a credential whatever the parameter is called", () => {
    expect(queryCarriesCredential(new URLSearchParams({ q: key }))).toBe(true);
    expect(queryCarriesCredential(new URLSearchParams({ cursor: ticket }))).toBe(true);
    expect(queryCarriesCredential(new URLSearchParams({ q: key.toUpperCase() }))).toBe(true);
    expect(queryCarriesCredential(new URLSearchParams([[key, ""]]))).toBe(true);
  });

  it("leaves the API's own parameters alone", () => {
    expect(queryCarriesCredential(new URLSearchParams({ cursor: "eyJpZCI6IjEyMyJ9", limit: "10", status: "active", q: "Main St" }))).toBe(false);
  });

  it("redacts credential-like parameters in a logged URL and keeps the rest", () => {
    expect(redactUrl(`/users?api_key=${key}&limit=5`)).toBe("/users?api_key=[REDACTED]&limit=5");
    expect(redactUrl(`/users?q=${encodeURIComponent(key)}`)).toBe("/users?q=[REDACTED]");
    expect(redactUrl(`/users?${key}`)).toBe("/users?[REDACTED]");
    expect(redactUrl(`/users?X-API-Key=${key}&token=abc&bad=%zz`)).toBe("/users?X-API-Key=[REDACTED]&token=[REDACTED]&bad=%zz");
    expect(redactUrl("/users?limit=5")).toBe("/users?limit=5");
    expect(redactUrl("/users")).toBe("/users");
  });
});
