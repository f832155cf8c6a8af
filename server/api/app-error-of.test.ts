// appErrorOf's safety net: a row deleted between a check and a write (Prisma P2025) is the
// client's 404, not a 500.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client.ts";
import { appErrorOf } from "./trpc";

describe("appErrorOf", () => {
  it("maps Prisma's record-not-found (P2025) to a 404 not_found", () => {
    const cause = new Prisma.PrismaClientKnownRequestError("No record was found for an update.", { code: "P2025", clientVersion: "6.19.3" });
    const appError = appErrorOf(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause }));
    expect(appError).toMatchObject({ code: "not_found", status: 404 });
  });

  it("leaves other Prisma errors as faults", () => {
    const cause = new Prisma.PrismaClientKnownRequestError("Foreign key constraint failed", { code: "P2003", clientVersion: "6.19.3" });
    expect(appErrorOf(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause }))).toBeUndefined();
  });
});
