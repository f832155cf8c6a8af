// Where media bytes live, behind one small interface: the local disk under DATA_DIR/media by
// default, or an S3-compatible bucket (STORAGE_DRIVER=s3). An upload is written in two steps so
// that a failed or repeated request leaves nothing behind: `stage` streams the bytes to a
// temporary object that no key names yet; once the database agrees (the idempotency key is ours,
// the rows are inserted), `commit` puts it at its final key; otherwise `discard` removes it.
import path from "node:path";
import type { Readable } from "node:stream";
import type { Env } from "../env";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";

export interface StagedObject {
  /** Moves the staged bytes to `key`. After this, discard() does nothing. */
  commit(key: string): Promise<void>;
  /** Removes the staged bytes; safe to call more than once and after a failed stage. */
  discard(): Promise<void>;
  /** The staged bytes, streamed (before commit): variants are rendered from them. */
  read(): Promise<Readable>;
}

export interface StoredObject {
  body: Readable;
  size: number;
}

export interface MediaStorage {
  readonly driver: "local" | "s3";
  /** Streams `body` to a temporary object. Rejects (leaving nothing) if the stream errors. */
  stage(body: Readable): Promise<StagedObject>;
  /** The object at `key`, streamed; rejects with StorageObjectMissing if there is none. */
  read(key: string): Promise<StoredObject>;
  /** Removes the object at `key`, if any. */
  delete(key: string): Promise<void>;
}

export class StorageObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored object at ${key}`);
    this.name = "StorageObjectMissing";
  }
}

type StorageEnv = Pick<
  Env,
  "STORAGE_DRIVER" | "DATA_DIR" | "S3_BUCKET" | "S3_REGION" | "S3_ENDPOINT" | "S3_FORCE_PATH_STYLE" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY"
>;

export function createStorage(env: StorageEnv): MediaStorage {
  if (env.STORAGE_DRIVER === "s3") {
    return new S3Storage({
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      credentials:
        env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
          : undefined,
    });
  }
  return new LocalStorage(path.resolve(env.DATA_DIR, "media"));
}
