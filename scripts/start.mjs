// `npm start` (the app) and `npm run worker` (a webhook worker, `start.mjs worker`): builds the
// production bundle when it is missing or older than the sources, then runs it. The first start
// on a fresh checkout therefore takes a build (~1 min); later ones start in seconds.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const STAMP = "dist/.build-stamp";
const SOURCES = ["app", "server", "components", "lib", "public", "prisma", "proxy.ts", "server.ts", "worker.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs"];
const entry = process.argv[2] === "worker" ? "dist/worker.js" : "dist/server.js";

function newestMtime(entry) {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const built = fs.existsSync(STAMP) && fs.existsSync(".next/BUILD_ID") ? fs.statSync(STAMP).mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newestMtime))) {
  console.log(built ? "Sources changed since the last build; rebuilding…" : "No production build yet; building (about a minute)…");
  const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(STAMP, new Date().toISOString());
}

const child = spawn(process.execPath, ["--enable-source-maps", entry], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
