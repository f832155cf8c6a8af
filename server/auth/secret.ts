// The secret that signs dashboard sessions. Configured with AUTH_SECRET; without it (the embedded
// default, or development), one is generated once and kept in DATA_DIR so that sessions survive
// a restart.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "../env";

export function resolveAuthSecret(env: Pick<Env, "AUTH_SECRET" | "DATA_DIR">): { secret: string; source: "env" | "generated" | "file" } {
  if (env.AUTH_SECRET) return { secret: env.AUTH_SECRET, source: "env" };
  const file = path.resolve(env.DATA_DIR, "auth-secret");
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return { secret: stored, source: "file" };
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: "generated" };
}
