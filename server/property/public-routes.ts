// What the custom server does for the public property pages before (or instead of) Next.js:
//   GET /property/<n>/media/<media id>/<size>  a public rendition (web, thumb, or a video's "file"; public-listing.ts decides, 404 otherwise)
//   GET /property/<n>[/unbranded]                        counts the visit, then Next renders the page
import type http from "node:http";
import type { Logger } from "pino";
import type { PrismaClient } from "../db/generated/client.ts";
import type { MediaStorage } from "../storage/storage";
import { canonicalListingNumber, findPublicMediaObject } from "../listings/public-listing";
import { etagMatches } from "../http/media-routes";
import { isCountableVisit, recordPropertyView } from "./views";

const MEDIA_PATH = /^\/property\/([A-Za-z0-9]{6,8})\/media\/([^/]{1,64})\/([^/]{1,16})$/;
const PAGE_PATH = /^\/property\/([A-Za-z0-9]{6,8})(?:\/unbranded)?\/?$/;

export const isPublicMediaPath = (path: string) => MEDIA_PATH.test(path);

/**
 * Counts a page visit without holding the page up: the insert runs beside the render.
 * `clientAddress` is the caller's reading of the socket and TRUSTED_PROXIES (server/access/client-address.ts).
 */
export function countPageVisit(prisma: PrismaClient, req: http.IncomingMessage, path: string, logger: Logger, clientAddress: string): void {
  const match = PAGE_PATH.exec(path);
  if (!match) return;
  const listingNumber = canonicalListingNumber(match[1]!);
  const userAgent = req.headers["user-agent"];
  if (!listingNumber || !isCountableVisit({ method: req.method, userAgent, headers: req.headers })) return;
  recordPropertyView(prisma, { listingNumber, clientAddress, userAgent: userAgent! }).catch((error: unknown) =>
    logger.warn({ err: error, listingNumber }, "property view not counted"),
  );
}

/** Serves one public media file, or 404. */
export async function servePublicMedia(
  prisma: PrismaClient,
  storage: MediaStorage,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
): Promise<void> {
  const [, listingNumber, mediaId, size] = MEDIA_PATH.exec(path) ?? [];
  const notFound = () => {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end("Not found");
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" });
    res.end();
    return;
  }
  const object = listingNumber && mediaId && size ? await findPublicMediaObject(prisma, listingNumber, mediaId, size) : null;
  if (!object) return notFound();
  const headers: Record<string, string> = {
    ETag: object.etag,
    // Short, so that a cancelled listing's files stop being served soon everywhere.
    "Cache-Control": "public, max-age=300",
    "X-Content-Type-Options": "nosniff",
  };
  if (etagMatches(req.headers["if-none-match"], object.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const stored = await storage.read(object.storageKey);
  res.writeHead(200, { ...headers, "Content-Type": object.contentType, "Content-Length": String(stored.size), "Content-Disposition": "inline" });
  if (req.method === "HEAD") {
    stored.body.destroy();
    res.end();
    return;
  }
  stored.body.on("error", () => res.destroy());
  stored.body.pipe(res);
}
