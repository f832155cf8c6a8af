import { expect, it } from "vitest";
import { isValidHostHeader } from "./host-header";

it.each(["valara.example", "valara.example:3000", "127.0.0.1:80", "[::1]:3000", "localhost", undefined])("accepts Host %s", (host) =>
  expect(isValidHostHeader(host)).toBe(true),
);

it.each(["a b", "", "x@y", "x@y:80", "a/b", "a:b:c", "a:99999999", "[::1", "a?b"])("refuses Host %j", (host) => expect(isValidHostHeader(host)).toBe(false));
