// What the custom server serves for a delivery gallery before Next.js sees the request:
//   GET /d/<token>/files/<media id>/<size>   one item in mls|web|thumb|original (?download=1: as an attachment)
//   GET /d/<token>/download.zip?size=mls|original   every item, streamed as a ZIP
//   GET /d/<token>/files/<media id>/preview   the `web` rendition watermarked with the agency's name
// The token is checked on every request (a revoked or expired link is a 404 at once), and the
// answers are never cached without asking again (no-cache + ETag: the browser revalidates).
// Pay to download: while the listing's downloads are locked (download-lock.ts, decided per
// request), every file and the ZIP are refused with 402 payment_required — an HTML page for a
// browser, the error envelope otherwise — and only the watermarked preview is served.
import type http from "node:http";
import type { Logger } from "pino";
import type { PrismaClient } from "../db/generated/client.ts";
import type { MediaStorage } from "../storage/storage";
import { contentDisposition } from "../media/media-types";
import { etagMatches } from "../http/media-routes";
import { loadGallery } from "./deliveries";
import { streamZip } from "./zip";
import { DOWNLOAD_SIZES, galleryFile, PREVIEW_SIZE, ZIP_SIZES, zipEntries, zipName, type DownloadSize, type Gallery, type ZipSize } from "./downloads";
import { cachedWatermark } from "./watermark";
import { newRequestId } from "../ids";
import { createHash } from "node:crypto";

const FILE_PATH = /^\/d\/([A-Za-z0-9_-]{1,64})\/files\/([A-Za-z0-9_]{1,64})\/([a-z]{1,16})$/;
const ZIP_PATH = /^\/d\/([A-Za-z0-9_-]{1,64})\/download\.zip$/;

export { galleryFilePath, galleryZipPath } from "./downloads";

export const isGalleryDownloadPath = (path: string) => FILE_PATH.test(path) || ZIP_PATH.test(path);

const COMMON_HEADERS = { "Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" };

export async function serveGalleryDownload(
  prisma: PrismaClient,
  storage: MediaStorage,
  logger: Logger,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
): Promise<void> {
  const notFound = () => {
    res.writeHead(404, { ...COMMON_HEADERS, "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end("Not found");
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" });
    res.end();
    return;
  }
  const query = new URL(req.url ?? "/", "http://local").searchParams;
  const fileMatch = FILE_PATH.exec(path);
  const zipMatch = ZIP_PATH.exec(path);
  const token = (fileMatch ?? zipMatch)?.[1];
  const gallery = token ? await loadGallery(prisma, token) : null;
  if (!gallery) return notFound();

  if (fileMatch?.[3] === PREVIEW_SIZE) return servePreview(storage, req, res, gallery, fileMatch[2]!, notFound);
  if (gallery.lock.locked) return paymentDue(req, res, gallery);

  if (fileMatch) {
    const [, , mediaId, size] = fileMatch;
    const index = gallery.items.findIndex((item) => item.id === mediaId);
    const file = index >= 0 && (DOWNLOAD_SIZES as readonly string[]).includes(size!) ? galleryFile(gallery, index, size as DownloadSize) : null;
    if (!file) return notFound();
    const headers = { ...COMMON_HEADERS, ETag: file.etag };
    if (etagMatches(req.headers["if-none-match"], file.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const stored = await storage.read(file.storageKey);
    res.writeHead(200, {
      ...headers,
      "Content-Type": file.contentType,
      "Content-Length": String(stored.size),
      "Content-Disposition": contentDisposition(file.name, query.get("download") === "1" ? "attachment" : "inline"),
    });
    if (req.method === "HEAD") {
      stored.body.destroy();
      res.end();
      return;
    }
    stored.body.on("error", () => res.destroy());
    stored.body.pipe(res);
    return;
  }

  const size = query.get("size") ?? "mls";
  if (!(ZIP_SIZES as readonly string[]).includes(size)) {
    res.writeHead(400, { ...COMMON_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
    res.end(`size must be one of ${ZIP_SIZES.join(", ")}`);
    return;
  }
  // No Content-Length: the archive is written as it is read, chunked.
  res.writeHead(200, {
    ...COMMON_HEADERS,
    "Content-Type": "application/zip",
    "Content-Disposition": contentDisposition(zipName(gallery, size as ZipSize), "attachment"),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  try {
    await streamZip(storage, zipEntries(gallery, size as ZipSize), res);
  } catch (error) {
    // Headers are sent: all that is left is to cut the connection, so the client sees a broken
    // download, not a short ZIP. A client that went away is no server error.
    if (res.destroyed) logger.info({ listingNumber: gallery.listingNumber }, "gallery ZIP download abandoned by the client");
    else logger.error({ err: error, listingNumber: gallery.listingNumber }, "gallery ZIP failed");
    res.destroy();
  }
}

const escapeHtml = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;" })[c]!);

/**
 * 402: the listing's downloads wait for its invoice to be paid. A browser (a download link opened
 * by hand) gets a short page saying so, with the invoice's link; anything else the error envelope.
 */
function paymentDue(req: http.IncomingMessage, res: http.ServerResponse, gallery: Gallery): void {
  const requestId = newRequestId();
  const message = `Downloads of listing ${gallery.listingNumber} open once its invoice is paid.${gallery.lock.payUrl ? ` Pay it at ${gallery.lock.payUrl}` : ` Contact ${gallery.agencyName} to pay.`}`;
  const headers = { ...COMMON_HEADERS, "Cache-Control": "no-store", "X-Request-Id": requestId };
  if (/text\/html/.test(req.headers.accept ?? "")) {
    const pay = gallery.lock.payUrl
      ? `<p><a href="${escapeHtml(gallery.lock.payUrl)}" rel="noreferrer">Pay the invoice</a></p>`
      : `<p>Contact ${escapeHtml(gallery.agencyName)} to pay.</p>`;
    res.writeHead(402, { ...headers, "Content-Type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Payment due</title></head>` +
        `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#0f172a"><main><h1>Payment due</h1>` +
        `<p>${escapeHtml(gallery.agencyName)} unlocks the downloads of ${escapeHtml(gallery.address)} once its invoice is paid.</p>${pay}` +
        `<p style="color:#475569;font-size:.875rem">Request id: ${requestId}</p></main></body></html>`,
    );
    return;
  }
  res.writeHead(402, { ...headers, "Content-Type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: { code: "payment_required", message, request_id: requestId, pay_url: gallery.lock.payUrl } }));
}

/** The watermarked `web` preview of one photo (nothing unwatermarked leaves; previews are cached per process). */
async function servePreview(storage: MediaStorage, req: http.IncomingMessage, res: http.ServerResponse, gallery: Gallery, mediaId: string, notFound: () => void): Promise<void> {
  const index = gallery.items.findIndex((item) => item.id === mediaId);
  const web = index >= 0 ? galleryFile(gallery, index, "web") : null;
  if (!web) return notFound();
  // The watermark is part of what is served: a renamed agency gets a new ETag.
  const etag = `"${createHash("sha256").update(`${web.etag}|${gallery.agencyName}`).digest("hex").slice(0, 32)}-preview"`;
  const headers = { ...COMMON_HEADERS, ETag: etag };
  if (etagMatches(req.headers["if-none-match"], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = await cachedWatermark(etag, gallery.agencyName, async () => {
    const stored = await storage.read(web.storageKey);
    const chunks: Buffer[] = [];
    for await (const chunk of stored.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  });
  res.writeHead(200, {
    ...headers,
    "Content-Type": "image/jpeg",
    "Content-Length": String(body.length),
    "Content-Disposition": contentDisposition(web.name.replace(/\.jpg$/, "-preview.jpg"), "inline"),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
