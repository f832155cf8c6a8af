// What a delivery looks like on the wire: the envelope (seed 001) and its signatures.
//   X-Valara-Signature: sha256=<hex HMAC-SHA256 of the exact raw body, keyed with the secret as
//     issued>; during a secret rotation one per secret, comma-separated.
//   webhook-id / webhook-timestamp / webhook-signature: the Standard Webhooks headers
//     (v1,<base64 HMAC-SHA256 of "id.timestamp.body" keyed with the secret's decoded bytes>), so
//     off-the-shelf verifiers work too.
//   X-Valara-Test: true, only on a test event (the catalog's example data, sent on request).
import { createHmac, randomBytes } from "node:crypto";
import { standardWebhooksKey } from "./secrets";

export interface Envelope {
  event_id: string;
  event_type: string;
  api_version: string;
  /** Unix seconds, when this attempt was sent. */
  timestamp: number;
  /** Unique per attempt: receivers reject a nonce seen in the last 10 minutes (replays). */
  nonce: string;
  data: unknown;
}

export function buildEnvelope(event: { id: string; type: string; apiVersion: string; data: unknown }, now: Date): Envelope {
  return {
    event_id: event.id,
    event_type: event.type,
    api_version: event.apiVersion,
    timestamp: Math.floor(now.getTime() / 1000),
    nonce: randomBytes(16).toString("hex"),
    data: event.data,
  };
}

export function valaraSignature(body: string, secrets: readonly string[]): string {
  return secrets.map((secret) => `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`).join(",");
}

export function standardWebhooksSignature(id: string, timestamp: number, body: string, secrets: readonly string[]): string {
  return secrets
    .map((secret) => `v1,${createHmac("sha256", standardWebhooksKey(secret)).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64")}`)
    .join(" ");
}

/** The body and headers of one attempt, signed with every current secret. */
export function signedRequest(
  envelope: Envelope,
  secrets: readonly string[],
  options: { test?: boolean } = {},
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(envelope);
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Valara-Webhooks/1",
      "X-Valara-Signature": valaraSignature(body, secrets),
      "X-Valara-Event-Type": envelope.event_type,
      "webhook-id": envelope.event_id,
      "webhook-timestamp": String(envelope.timestamp),
      "webhook-signature": standardWebhooksSignature(envelope.event_id, envelope.timestamp, body, secrets),
      ...(options.test ? { "X-Valara-Test": "true" } : {}),
    },
  };
}
