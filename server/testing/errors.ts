import { TRPCError } from "@trpc/server";
import { AppError } from "../errors";
import { appErrorOf } from "../api/trpc";

/**
 * The Valara error code a promise rejects with, "ok" if it resolves; other errors propagate. A
 * procedure called through a tRPC caller rejects with a TRPCError: its AppError's code (input
 * validation counts as validation_failed), else the tRPC code.
 */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    if (error instanceof TRPCError) return appErrorOf(error)?.code ?? error.code;
    throw error;
  }
}
