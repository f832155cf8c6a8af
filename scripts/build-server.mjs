// Bundles the custom server, the webhook worker and the operator CLI into dist/ (ESM, dependencies left external).
// Next's own output is built by `next build`.
import { build } from "esbuild";

await build({
  entryPoints: { server: "server.ts", worker: "worker.ts", cli: "server/cli/main.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __valaraRequire } from 'node:module'; const require = __valaraRequire(import.meta.url);" },
});
console.log("built dist/server.js, dist/worker.js and dist/cli.js");
