import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package directory; bundled, it cannot.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pino"],
  poweredByHeader: false,
  // Type-checking runs in `npm run typecheck` (and in the tests), not twice per build.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
