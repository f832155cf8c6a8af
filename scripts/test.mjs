// `npm test`: the whole suite, in the order that fails fastest.
//   1. type-check            tsc
//   2. unit tests            vitest (project unit: *.test.ts beside the code)
//   3. integration tests     vitest (project integration: *.integration.test.ts, on PostgreSQL and PGlite)
//   4. production build      next build + the server bundle
//   5. hardening proofs      npm run test:hardening against that build, on a PostgreSQL cluster of its own
//   6. end-to-end tests      Playwright: REST journeys and browser journeys against that build
// Needs a local PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
// tests create and drop their own databases), a Redis (TEST_REDIS_URL, default
// redis://127.0.0.1:6379; tests use keys of their own) and a Chromium (Playwright's, or Debian's /usr/bin/chromium).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import pg from "pg";

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function preflight() {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    console.error(`npm test needs PostgreSQL: could not connect to TEST_DATABASE_URL=${adminUrl} (${error.message}).`);
    console.error("Start a local PostgreSQL, or set TEST_DATABASE_URL to a role that may create databases.");
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
  const redisUrl = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  const redisAnswer = await new Promise((resolve) => {
    const socket = net.connect(Number(redisUrl.port || 6379), redisUrl.hostname, () => socket.write("PING\r\n"));
    socket.setTimeout(5000, () => socket.destroy(new Error("timed out")));
    socket.once("data", (data) => (resolve(String(data)), socket.end()));
    socket.once("error", (error) => resolve(error.message));
  });
  if (!String(redisAnswer).startsWith("+PONG")) {
    console.error(`npm test needs Redis (the rate-limit counters' REDIS_URL store is tested on one): ${redisUrl.host} answered ${String(redisAnswer).trim()}.`);
    console.error("Start one (redis-server --daemonize yes), or set TEST_REDIS_URL.");
    process.exit(1);
  }
  const chromium = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => fs.existsSync(p));
  const playwrightBrowsers = fs.existsSync(`${process.env.HOME}/.cache/ms-playwright`);
  if (!chromium && !playwrightBrowsers) {
    console.error("npm test needs a Chromium: `npx playwright install chromium`, or install your distribution's chromium (e.g. apt-get install chromium).");
    process.exit(1);
  }
}

const steps = [
  ["type-check", "npx", ["tsc", "--noEmit", "-p", "."]],
  ["unit tests", "npx", ["vitest", "run", "--project", "unit"]],
  ["integration tests (PostgreSQL and PGlite)", "npx", ["vitest", "run", "--project", "integration"]],
  ["production build", "npm", ["run", "build"]],
  ["hardening proofs (tenancy, fuzzing, faults, logs)", "node", ["scripts/hardening.mjs"]],
  ["end-to-end tests (REST and browser, Playwright)", "npx", ["playwright", "test"]],
];

await preflight();
const timings = [];
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: adminUrl } });
  const seconds = Math.round((Date.now() - started) / 1000);
  timings.push(`${name}: ${seconds} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  if (name === "production build") fs.writeFileSync("dist/.build-stamp", new Date().toISOString());
}
console.log(`\n✓ all tests passed\n  ${timings.join("\n  ")}`);
