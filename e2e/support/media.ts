// Multipart uploads to POST /api/v1/media/upload for the REST specs.
import type { APIRequestContext } from "@playwright/test";
import { API, idemKey, wrap, type Res } from "./api";

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
