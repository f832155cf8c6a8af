// The operator CLI: `npm run cli -- <command>`. Works on DATABASE_URL or the embedded database
// (which it refuses, clearly, while a server holds it). Every command prints one JSON object as
// the last line of stdout; messages go to stderr; a failure exits non-zero with a one-line reason.
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { EnvError, loadEnv } from "../env";
import { openDatabase, type Database } from "../db/client";
import { EmbeddedDatabaseBusyError } from "../db/embedded-lock";
import { AppError } from "../errors";
import { runCommand, UsageError, USAGE } from "./commands";
import { zodIssuesToFieldIssues } from "../api/validation";

function fail(code: string, message: string, exitCode: number): never {
  process.stderr.write(`error: ${message}\n`);
  process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.exit(exitCode);
}

async function main(argv: string[]) {
  if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
    process.stderr.write(USAGE);
    process.stdout.write(`${JSON.stringify({ usage: USAGE.trim().split("\n") })}\n`);
    return;
  }
  let env;
  try {
    env = loadEnv();
  } catch (error) {
    if (error instanceof EnvError) fail("invalid_configuration", error.problems.join("; "), 78);
    throw error;
  }
  const { positionals, values } = (() => {
    try {
      return parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();

  let db: Database | undefined;
  try {
    const result = await runCommand(positionals, values, async () => {
      db ??= await openDatabase(env, { migrate: true, role: "cli" });
      process.stderr.write(`using the ${db.kind === "pglite" ? `embedded database in ${db.dataDir}` : "PostgreSQL database in DATABASE_URL"}\n`);
      return db;
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db?.close();
  }
}

const OPTIONS = {
  slug: { type: "string" },
  name: { type: "string" },
  kind: { type: "string" },
  "owner-email": { type: "string" },
  "owner-name": { type: "string" },
  "owner-password": { type: "string" },
  agency: { type: "string" },
  "grace-days": { type: "string" },
  key: { type: "string" },
  ip: { type: "string" },
  budget: { type: "string" },
  limit: { type: "string" },
  "expires-in-hours": { type: "string" },
  email: { type: "string" },
  role: { type: "string" },
  password: { type: "string" },
  team: { type: "string" },
  scopes: { type: "string" },
  "expires-in-days": { type: "string" },
  listing: { type: "string" },
  at: { type: "string" },
  "duration-minutes": { type: "string" },
  photographer: { type: "string" },
  code: { type: "string" },
  "price-cents": { type: "string" },
  currency: { type: "string" },
  order: { type: "string" },
  timezone: { type: "string" },
  "travel-buffer-minutes": { type: "string" },
  "minimum-notice-minutes": { type: "string" },
  "slot-interval-minutes": { type: "string" },
  days: { type: "string" },
  open: { type: "string" },
  close: { type: "string" },
  closed: { type: "boolean" },
  user: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  reason: { type: "string" },
  all: { type: "boolean" },
} as const;

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) fail("usage", `${error.message} (run \`npm run cli -- help\`)`, 64);
  if (error instanceof EmbeddedDatabaseBusyError) fail("database_busy", error.message, 75);
  if (error instanceof AppError) fail(error.code, error.message, 1);
  if (error instanceof ZodError) {
    fail("validation_failed", zodIssuesToFieldIssues(error.issues).map((i) => `--${i.field.replace(/_/g, "-")}: ${i.message}`).join("; "), 1);
  }
  fail("internal_error", error instanceof Error ? error.message.split("\n")[0]! : String(error), 1);
});
