// The operator CLI's key lifecycle, denial and override commands, as an operator runs them.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPostgresDatabase } from "../testing/databases";

const run = promisify(execFile);
vi.setConfig({ testTimeout: 300_000 });
const tsx = path.resolve("node_modules/.bin/tsx");

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; json: Record<string, any>; stderr: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ["server/cli/main.ts", ...args], { env: { ...process.env, ...env } });
    return { code: 0, json: JSON.parse(stdout.trim().split("\n").pop()!), stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    const last = e.stdout.trim().split("\n").pop() ?? "";
    return { code: e.code, json: last ? JSON.parse(last) : {}, stderr: e.stderr };
  }
}

describe("operator CLI: keys, denials, overrides", () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await createPostgresDatabase();
    drop = database.drop;
    env = { DATABASE_URL: database.url };
  });
  afterAll(async () => drop?.());

  it("disables, enables and rotates a key; denies and lifts; sets and removes an override", async () => {
    expect((await cli(["agency", "create", "--slug", "acme", "--name", "Acme", "--kind", "media_agency", "--owner-email", "boss@acme.test"], env)).code).toBe(0);
    const minted = await cli(["key", "create", "--agency", "acme", "--name", "CRM"], env);
    const id = minted.json.api_key.id as string;
    expect((await cli(["key", "disable", id], env)).json.api_key.status).toBe("disabled");
    expect((await cli(["key", "enable", id], env)).json.api_key.status).toBe("active");
    const rotated = await cli(["key", "rotate", id, "--grace-days", "3"], env);
    expect(rotated.json.key).toMatch(/^ma_live_ak_/);
    expect(rotated.json.previous).toMatchObject({ id, status: "rotating", grace_ends_at: expect.any(String) });
    expect(rotated.json.api_key.rotated_from_key_id).toBe(id);

    const denied = await cli(["deny", "add", "--ip", "203.0.113.0/24", "--reason", "Abuse", "--expires-in-hours", "2"], env);
    expect(denied.json.denial).toMatchObject({ kind: "ip", subject: "203.0.113.0/24", status: "active", created_via: "cli" });
    expect((await cli(["deny", "add", "--key", id, "--agency", "acme", "--reason", "x"], env)).code).toBe(64);
    const listed = await cli(["deny", "list"], env);
    expect(listed.json.denials.map((d: { id: string }) => d.id)).toEqual([denied.json.denial.id]);
    expect((await cli(["deny", "lift", denied.json.denial.id], env)).json.denial.status).toBe("lifted");

    const set = await cli(["override", "set", "--agency", "acme", "--budget", "create_listing", "--limit", "1000"], env);
    expect(set.json.override).toMatchObject({ kind: "agency", budget: "create_listing", limit: 1000, default_limit: 200, subject_label: "Acme" });
    expect((await cli(["override", "set", "--key", id, "--budget", "nope", "--limit", "5"], env)).json.error.code).toBe("validation_failed");
    expect((await cli(["override", "remove", "--agency", "acme", "--budget", "create_listing"], env)).json).toEqual({ removed: true });
  });
});
