// Playwright runs against the production build (`npm run build` first), served by
// scripts/e2e-server.mjs on a fresh PostgreSQL database with the demo seeded.
//   e2e/api/*       REST journeys over real HTTP
//   e2e/dashboard/* browser journeys in Chromium
// Chromium: Playwright's own if installed, else PLAYWRIGHT_CHROMIUM_PATH or Debian's /usr/bin/chromium.
import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT } from "./e2e/support/env";

const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium;

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: [
        ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "api", testDir: "e2e/api" },
    { name: "dashboard", testDir: "e2e/dashboard", use: { browserName: "chromium", viewport: { width: 1280, height: 800 } } },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${E2E_BASE_URL}/healthz`,
    reuseExistingServer: !process.env.CI && process.env.E2E_REUSE_SERVER === "1",
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(E2E_PORT) },
    // SIGTERM (not Playwright's default SIGKILL), so that scripts/e2e-server.mjs stops the server
    // and workers and drops its database and data directory.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
