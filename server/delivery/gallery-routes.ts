// What the custom server serves for a delivery gallery before Next.js sees the request:
//   GET /d/<token>/files/<media id>/<size>   one item in mls|web|thumb|original (?download=1: as an attachment)
//   GET /d/<token>/download.zip?size=mls|original   every item, streamed as a ZIP
// The token is checked on every request (a revoked or expired link is a 404 at once), and the
// answers are never cached without asking again (no-cache + ETag: the browser revalidates).
import type http from "node:http";
import type { Logger } from "pino";
import type { PrismaClient } from "../db/generated/client.ts";
import type { MediaStorage } from "../storage/storage";
import { contentDisposition } from "../media/media-types";
import { etagMatches } from "../http/media-routes";
import { loadGallery } from "./deliveries";
import { streamZip } from "./zip";
import { DOWNLOAD_SIZES, galleryFile, ZIP_SIZES, zipEntries, zipName, type DownloadSize, type ZipSize } from "./downloads";

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
