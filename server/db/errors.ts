// Recognizing database errors the domain handles. PostgreSQL (adapter-pg) reports a unique
// violation as Prisma's P2002; the embedded PGlite adapter reports it as a DriverAdapterError
// carrying SQLSTATE 23505. Both name the violated constraint, e.g. "tours_listing_number_key".
import { Prisma } from "./generated/client.ts";

export function isUniqueViolation(error: unknown, column: string): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === "P2002" && JSON.stringify(error.meta ?? {}).includes(column);
  }
  if (error instanceof Error && error.name === "DriverAdapterError") {
    const cause = (error as Error & { cause?: { kind?: string; code?: string; message?: string } }).cause;
    return cause?.kind === "postgres" && cause.code === "23505" && (cause.message ?? "").includes(column);
  }
  return false;
}
