// "Download all": a ZIP streamed as it is built (archiver in store mode: JPEGs do not compress, and
// storing keeps the CPU free), reading one stored file at a time so memory stays flat whatever
// the delivery weighs. Nothing is assembled in memory or on disk.
import type { Readable, Writable } from "node:stream";
import archiver from "archiver";
import type { MediaStorage } from "../storage/storage";
import type { GalleryFile } from "./downloads";

/**
 * Streams the ZIP of `entries` into `out`. Each stored file is opened only when the archive is
 * ready for it (archiver's queue takes one entry at a time, and we wait for each entry to be
 * written before opening the next), so at most one storage stream is open at once. If `out`
 * closes first (the client went away), the archive and the open storage stream are stopped and
 * the promise rejects, rather than waiting forever on a reader that is gone.
 */
export async function streamZip(storage: MediaStorage, entries: GalleryFile[], out: Writable): Promise<void> {
  const archive = archiver("zip", { store: true });
  const failed = new Promise<never>((_, reject) => {
    archive.on("error", reject);
    out.once("close", () => {
      if (!out.writableFinished) reject(new Error("the ZIP's reader went away"));
    });
  });
  failed.catch(() => {});
  archive.pipe(out);
  let current: Readable | undefined;
  try {
    for (const entry of entries) {
      current = (await Promise.race([storage.read(entry.storageKey), failed])).body;
      const written = new Promise<void>((resolve) => archive.once("entry", () => resolve()));
      archive.append(current, { name: entry.name, store: true });
      await Promise.race([written, failed]);
    }
    await Promise.race([archive.finalize(), failed]);
  } catch (error) {
    current?.destroy();
    archive.abort();
    throw error;
  }
}
