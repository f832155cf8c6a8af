import os from "node:os";
import path from "node:path";
// Where the e2e server listens and which database it uses; shared by the config, the server
// launcher (scripts/e2e-server.mjs reads the same variables) and the specs.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const E2E_DATABASE_NAME = process.env.E2E_DATABASE_NAME ?? "valara_e2e";

export function e2eDatabaseUrl(): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${E2E_DATABASE_NAME}`;
  return url.toString();
}

export const DEMO_PASSWORD = "valara-demo-2026";

// What scripts/e2e-server.mjs configures for Square's webhooks: the signature key, and the
// notification URL as "registered with Square" (signed by Square; not where the server listens).
export const E2E_SQUARE_WEBHOOK_SIGNATURE_KEY = process.env.E2E_SQUARE_WEBHOOK_SIGNATURE_KEY ?? "e2e-square-webhook-signature-key";
export const E2E_SQUARE_WEBHOOK_URL = process.env.E2E_SQUARE_WEBHOOK_URL ?? "https://valara-e2e.test/api/integrations/square/webhook";

/** Where scripts/e2e-server.mjs writes how to reach the fake Square it started (absent if Square was configured). */
export const E2E_SQUARE_INFO_FILE = path.join(os.tmpdir(), `${E2E_DATABASE_NAME}-square.json`);
