import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { parseCookies, requestOrigin } from "./credentials";
import { etagMatches } from "./media-routes";
import { buildRouteTable } from "./routes";
import { appRouter } from "../api/root";
import { rest } from "../api/rest-meta";

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe("parseCookies", () => {
  it("reads name=value pairs, decoding values, first one wins", () => {
    expect(parseCookies("a=1; next-auth.session-token=abc.def; b=%20x; a=2")).toEqual({ a: "1", "next-auth.session-token": "abc.def", b: " x" });
    expect(parseCookies('q="quoted"; bad; =x; broken=%E0%A4%A')).toEqual({ q: "quoted", broken: "%E0%A4%A" });
    expect(parseCookies(undefined)).toEqual({});
  });
});

describe("requestOrigin", () => {
  it("is Origin, else Referer's origin", () => {
    expect(requestOrigin(req({ origin: "https://valara.cloud" }))).toBe("https://valara.cloud");
    expect(requestOrigin(req({ referer: "https://valara.cloud/listings/K7Q4MX?x=1" }))).toBe("https://valara.cloud");
    expect(requestOrigin(req({ origin: "null", referer: "https://valara.cloud/x" }))).toBe("https://valara.cloud");
    expect(requestOrigin(req({ referer: "not a url" }))).toBeUndefined();
    expect(requestOrigin(req({}))).toBeUndefined();
  });
});

describe("etagMatches", () => {
  it("matches strong, weak, listed and * tags", () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches("*", '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe("route table with custom routes", () => {
  const table = buildRouteTable(appRouter, [
    { method: "POST", path: "/media/upload", meta: rest({ method: "POST", path: "/media/upload", scope: "media:write", tag: "Media", summary: "u" }) },
    { method: "GET", path: "/media/{media_id}", meta: rest({ method: "GET", path: "/media/{media_id}", scope: "listings:read", tag: "Media", summary: "d" }) },
  ]);

  it("prefers a literal segment over a parameter", () => {
    expect(table.match("GET", "/media/upload")).toEqual({ kind: "wrong_method", allowed: ["POST"] });
    const upload = table.match("POST", "/media/upload");
    expect(upload.kind === "found" && upload.route.custom?.path).toBe("/media/upload");
    const download = table.match("GET", "/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF");
    expect(download.kind === "found" && download.route.custom?.path).toBe("/media/{media_id}");
    // PATCH is the updateMedia procedure at the same path; a custom GET and a procedure share it.
    const patch = table.match("PATCH", "/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF");
    expect(patch.kind === "found" && patch.route.custom).toBeUndefined();
    expect(table.match("POST", "/media/media_01JD3Q6W4ZKXY3T5V7B9C1D2EF")).toEqual({ kind: "wrong_method", allowed: ["PATCH", "GET"] });
  });

  it("still routes the procedures", () => {
    const ticket = table.match("POST", "/listings/K7Q4MX/upload-tickets");
    expect(ticket.kind === "found" && ticket.route.procedurePath).toBe("media.createUploadTicket");
    expect(table.match("GET", "/media")).toEqual({ kind: "none" });
  });
});
