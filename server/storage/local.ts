// Media on the local disk: DATA_DIR/media/<key>. Staged files go to DATA_DIR/media/.staging, on
// the same filesystem, so that committing is a rename: atomic, and never a half-written file at
// a final key.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { StorageObjectMissing, type MediaStorage, type StagedObject, type StoredObject } from "./storage";

export class LocalStorage implements MediaStorage {
  readonly driver = "local";
  private readonly staging: string;

  constructor(readonly root: string) {
    this.staging = path.join(root, ".staging");
  }

  /** The file of a key; keys are ours, but a key that escapes the root is refused all the same. */
  private fileOf(key: string): string {
    const file = path.resolve(this.root, key);
    if (!file.startsWith(`${this.root}${path.sep}`) || key.startsWith(".staging")) throw new Error(`invalid storage key ${key}`);
    return file;
  }

  async stage(body: Readable): Promise<StagedObject> {
    await fsp.mkdir(this.staging, { recursive: true });
    const temp = path.join(this.staging, randomBytes(16).toString("hex"));
    const discard = () => fsp.rm(temp, { force: true });
    try {
      await pipeline(body, fs.createWriteStream(temp, { flags: "wx" }));
    } catch (error) {
      await discard();
      throw error;
    }
    let committed = false;
    return {
      commit: async (key) => {
        const file = this.fileOf(key);
        await fsp.mkdir(path.dirname(file), { recursive: true });
        await fsp.rename(temp, file);
        committed = true;
      },
      discard: async () => {
        if (!committed) await discard();
      },
      read: async () => fs.createReadStream(temp),
    };
  }

  async read(key: string): Promise<StoredObject> {
    const file = this.fileOf(key);
    // Open first, so that the size and the bytes are of the same file.
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new StorageObjectMissing(key);
      throw error;
    }
    const { size } = await handle.stat();
    return { body: handle.createReadStream(), size };
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.fileOf(key), { force: true });
  }
}
