import { AppError } from "../errors";

/** The Valara error code a promise rejects with, "ok" if it resolves; other errors propagate. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
