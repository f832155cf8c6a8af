// `npm run test:hardening`: the proof suite of issue 11 (hardening/hardening.hardening.ts) against
// the production build. It starts its own PostgreSQL cluster (initdb + pg_ctl from
// /usr/lib/postgresql/*/bin, on a free port or HARDENING_PG_PORT) and the server on a free port
// (or HARDENING_PORT), so it never touches the PostgreSQL other tests use. Needs `npm run build`.
// Tunables: HARDENING_FUZZ_REQUESTS (default 10000), HARDENING_FUZZ_SEED (default: time-based,
// printed so that a failure can be replayed).
import { spawnSync } from "node:child_process";
import fs from "node:fs";

for (const file of ["dist/server.js", "dist/worker.js", "dist/cli.js", ".next/BUILD_ID"]) {
  if (!fs.existsSync(file)) {
    console.error(`test:hardening needs the production build (${file} is missing): run \`npm run build\` first`);
    process.exit(1);
  }
}
const started = Date.now();
const result = spawnSync("npx", ["vitest", "run", "--project", "hardening", ...process.argv.slice(2)], { stdio: "inherit" });
console.log(`test:hardening: ${result.status === 0 ? "passed" : "FAILED"} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(result.status ?? 1);
