// Multipart uploads to POST /api/v1/media/upload for the REST specs.
import http from "node:http";
import type { APIRequestContext } from "@playwright/test";
import { API, APP_URL, idemKey, wrap, type Res } from "./api";

/** POST /media/upload as multipart: fields, then files (all under "files"). */
export async function upload(
  request: APIRequestContext,
  fields: Record<string, string>,
  files: [string, Buffer][],
  headers: Record<string, string>,
  idempotencyKey: string | null = idemKey(),
): Promise<Res> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const [filename, bytes] of files) form.append("files", new File([new Uint8Array(bytes)], filename));
  return wrap(
    await request.post(`${API}/media/upload`, {
      headers: { ...(idempotencyKey ? { "X-Idempotency-Key": idempotencyKey } : {}), ...headers },
      multipart: form,
      failOnStatusCode: false,
    }),
  );
}

/**
 * Starts a multipart upload with a raw request that sends the listing number, one whole file and
 * `partial` of a second (the declared length promises far more), then destroys the socket: a
 * client that goes away mid-upload. Resolves once the socket is gone.
 */
export async function hangUpMidUpload(listingNumber: string, headers: Record<string, string>, whole: Buffer, partial: Buffer): Promise<void> {
  const boundary = "----valara-e2e-boundary";
  const sent = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="listing_number"\r\n\r\n${listingNumber}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="one.jpg"\r\n\r\n`,
    ),
    whole,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="two.png"\r\n\r\n`),
    partial,
  ]);
  await new Promise<void>((resolve) => {
    const req = http.request(`${APP_URL}${API}/media/upload`, {
      method: "POST",
      headers: {
        ...headers,
        "X-Idempotency-Key": idemKey(),
        "Content-Type": `multipart/form-data; boundary=${boundary}`,
        "Content-Length": String(sent.length + 1_000_000),
      },
    });
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    req.write(sent, () => {
      // Give the server a moment to take in the first file and part of the second, then hang up.
      setTimeout(() => req.destroy(), 200);
    });
  });
}
