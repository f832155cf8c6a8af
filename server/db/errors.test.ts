import { expect, it } from "vitest";
import { isDatabaseUnavailable, isUniqueViolation } from "./errors";

const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error(String(cause.message ?? "")), { name: "DriverAdapterError", cause });

it("recognizes an unreachable, restarting or exhausted database through Prisma's wrapping", () => {
  const terminated = { code: "P2010", meta: { driverAdapterError: adapterError({ kind: "postgres", code: "57P01", message: "terminating connection due to administrator command" }) } };
  expect(isDatabaseUnavailable(terminated)).toBe(true);
  expect(isDatabaseUnavailable(adapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1" }))).toBe(true);
  expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
  expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  expect(isDatabaseUnavailable(new Error("wrapped", { cause: adapterError({ kind: "postgres", code: "08006", message: "connection failure" }) }))).toBe(true);
  expect(isDatabaseUnavailable(adapterError({ kind: "TooManyConnections", cause: "too many clients" }))).toBe(true);
});

it("does not take a request's own failure for an outage", () => {
  expect(isDatabaseUnavailable(adapterError({ kind: "postgres", code: "23505", message: "duplicate key value violates unique constraint" }))).toBe(false);
  expect(isDatabaseUnavailable(adapterError({ kind: "postgres", code: "40001", message: "could not serialize access" }))).toBe(false);
  expect(isDatabaseUnavailable(new Error("Cannot read properties of undefined"))).toBe(false);
  expect(isDatabaseUnavailable(undefined)).toBe(false);
  const circular: { cause?: unknown } = {};
  circular.cause = circular;
  expect(isDatabaseUnavailable(circular)).toBe(false);
  expect(isUniqueViolation(adapterError({ kind: "postgres", code: "23505", message: "tours_listing_number_key" }), "listing_number")).toBe(true);
});
