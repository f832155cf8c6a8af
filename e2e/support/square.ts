// The fake Square that scripts/e2e-server.mjs runs beside the app (server/testing/fake-square-main.ts):
// specs inject failures through its control server.
import fs from "node:fs";
import { E2E_SQUARE_INFO_FILE } from "./env";

interface FakeSquareInfo {
  url: string;
  controlUrl: string;
}

export function fakeSquare(): FakeSquareInfo | null {
  return fs.existsSync(E2E_SQUARE_INFO_FILE) ? (JSON.parse(fs.readFileSync(E2E_SQUARE_INFO_FILE, "utf8")) as FakeSquareInfo) : null;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const info = fakeSquare();
  if (!info) throw new Error(`no fake Square (${E2E_SQUARE_INFO_FILE}): the e2e server was started with a real SQUARE_ACCESS_TOKEN`);
  const response = await fetch(`${info.controlUrl}${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body ?? {}) });
  if (!response.ok) throw new Error(`fake Square control ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The next `times` matching requests to the fake Square answer `status` with a Square error body. */
export const failSquare = (method: string, path: string, status: number, times: number) => control("/fail", { method, path, status, times });
export const clearSquareFailures = () => control("/clear");

/**
 * The client pays: the fake Square marks the invoice PAID and notifies the app's webhook receiver,
 * signed as Square signs. Resolves with the app's answer ({status, body}).
 */
export const squareReportsPaid = (squareInvoiceId: string) =>
  control("/pay", { square_invoice_id: squareInvoiceId }) as Promise<{ status: number; body: { received?: boolean; outcome?: string } }>;
