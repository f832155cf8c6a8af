import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["server/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "lib/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["server/**/*.integration.test.ts", "prisma/**/*.integration.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file makes its own databases; two files at a time keep 2 cores busy, not swamped.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
      {
        resolve: { alias },
        test: {
          // `npm run test:hardening` (scripts/hardening.mjs): one file that starts the production
          // build on a PostgreSQL cluster of its own and runs every proof in order against it.
          name: "hardening",
          include: ["hardening/**/*.hardening.ts"],
          environment: "node",
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
