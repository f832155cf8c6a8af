// "Download all": a ZIP streamed as it is built (archiver in store mode: JPEGs do not compress, and
// storing keeps the CPU free), reading one stored file at a time so memory stays flat whatever
// the delivery weighs. Nothing is assembled in memory or on disk.
import type { Writable } from "node:stream";
import archiver from "archiver";
import type { MediaStorage } from "../storage/storage";
import type { GalleryFile } from "./downloads";

/**
 * Streams the ZIP of `entries` into `out`. Each stored file is opened only when the archive is
 * ready for it (archiver's queue takes one entry at a time, and we wait for each entry to be
 * written before opening the next), so at most one storage stream is open at once.
 */
export async function streamZip(storage: MediaStorage, entries: GalleryFile[], out: Writable): Promise<void> {
  const archive = archiver("zip", { store: true });
  const failed = new Promise<never>((_, reject) => archive.on("error", reject));
  failed.catch(() => {});
  archive.pipe(out);
  try {
    for (const entry of entries) {
      const stored = await storage.read(entry.storageKey);
      const written = new Promise<void>((resolve) => archive.once("entry", () => resolve()));
      archive.append(stored.body, { name: entry.name, store: true });
      await Promise.race([written, failed]);
    }
    await Promise.race([archive.finalize(), failed]);
  } catch (error) {
    archive.abort();
    throw error;
  }
}
