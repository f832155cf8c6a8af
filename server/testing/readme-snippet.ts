// Loads the webhook verification snippet exactly as README.md documents it, so that the tests
// run what integrators copy.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type VerifyValaraWebhook = (rawBody: string, signatureHeader: string | undefined, secret: string, now?: number) => {
  event_id: string;
  event_type: string;
  api_version: string;
  timestamp: number;
  nonce: string;
  data: Record<string, unknown>;
};

export async function loadReadmeVerifier(): Promise<VerifyValaraWebhook> {
  const readme = fs.readFileSync(path.resolve("README.md"), "utf8");
  const match = readme.match(/<!-- webhook-verification-snippet -->\s*```js\n([\s\S]*?)```/);
  if (!match) throw new Error("README.md has no webhook verification snippet");
  // Each load gets its own module (and its own nonce memory).
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "valara-snippet-")), "verify.mjs");
  fs.writeFileSync(file, match[1]!);
  const module = (await import(pathToFileURL(file).href)) as { verifyValaraWebhook: VerifyValaraWebhook };
  return module.verifyValaraWebhook;
}
