// Provisions data through the operator CLI (the production bundle dist/cli.js) against the suite's
// database, as an operator would. A created key's plaintext is on stdout: registered as a secret.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { secrets } from "./secrets";

const run = promisify(execFile);

export async function cli<T = any>(databaseUrl: string, env: NodeJS.ProcessEnv, args: string[]): Promise<T> {
  try {
    const { stdout } = await run(process.execPath, ["dist/cli.js", ...args], {
      env: { ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
      maxBuffer: 16 * 1024 * 1024,
    });
    secrets.scan(stdout, `cli ${args[0]} ${args[1]}`);
    return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as T;
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string };
    throw new Error(`hardening: cli ${args.join(" ")} failed: ${failure.stderr ?? ""}${failure.stdout ?? ""}`);
  }
}
