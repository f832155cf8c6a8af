// Both storage drivers against real backends: the local disk in a temp directory, and the S3
// driver against s3rver (an S3-compatible server, run in-process here). Staging, commit, discard,
// reading, deleting, and that a failing stream leaves nothing behind.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import { StorageObjectMissing, type MediaStorage } from "./storage";

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function digest(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A stream of `size` bytes in 64 KiB chunks that fails after `failAfter` bytes, if given. */
function source(size: number, failAfter?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && sent >= failAfter) {
        this.destroy(new Error("source failed"));
        return;
      }
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(65_536, size - sent);
      this.push(Buffer.alloc(n, sent % 251));
      sent += n;
    },
  });
}

function contract(name: string, make: () => { storage: MediaStorage; keys: () => Promise<string[]> }) {
  describe(name, () => {
    it("stages, commits to a key, reads back, deletes", async () => {
      const { storage, keys } = make();
      const bytes = Buffer.from("hello media");
      const staged = await storage.stage(Readable.from([bytes]));
      expect(await keys()).toHaveLength(1); // the staged object, under no final key
      await staged.commit("agency_1/tour_1/media_1.jpg");
      await staged.discard(); // a no-op after commit
      expect(await keys()).toEqual(["agency_1/tour_1/media_1.jpg"]);
      const object = await storage.read("agency_1/tour_1/media_1.jpg");
      expect(object.size).toBe(bytes.length);
      expect(await readAll(object.body)).toEqual(bytes);
      await storage.delete("agency_1/tour_1/media_1.jpg");
      expect(await keys()).toEqual([]);
      await expect(storage.read("agency_1/tour_1/media_1.jpg")).rejects.toBeInstanceOf(StorageObjectMissing);
    });

    it("streams a multi-part-sized file", async () => {
      const { storage } = make();
      const size = 12 * 1024 * 1024 + 17; // over lib-storage's 5 MiB part size: a multipart upload
      const staged = await storage.stage(source(size));
      await staged.commit("big/file.bin");
      const object = await storage.read("big/file.bin");
      expect(object.size).toBe(size);
      expect(await digest(object.body)).toBe(await digest(source(size)));
      await storage.delete("big/file.bin");
    });

    it("discards what was staged, and leaves nothing when the stream fails", async () => {
      const { storage, keys } = make();
      const staged = await storage.stage(Readable.from([Buffer.from("x")]));
      await staged.discard();
      await staged.discard();
      expect(await keys()).toEqual([]);
      // Past the 5 MiB part size, so on S3 a multipart upload that must be aborted. s3rver cannot
      // abort one (its abort fails), which is what an unreachable bucket looks like too: the
      // stream's own error must still be what stage() rejects with, not the abort's.
      await expect(storage.stage(source(8 * 1024 * 1024, 6 * 1024 * 1024))).rejects.toThrow("source failed");
      await expect(storage.stage(source(1024, 512))).rejects.toThrow("source failed");
      expect(await keys()).toEqual([]);
    });
  });
}

let localRoot: string;
const localFiles = async (root: string) =>
  (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));

beforeAll(() => {
  localRoot = fs.mkdtempSync(path.join(os.tmpdir(), "valara-storage-"));
});
afterAll(() => fs.rmSync(localRoot, { recursive: true, force: true }));

contract("local disk", () => ({ storage: new LocalStorage(localRoot), keys: () => localFiles(localRoot) }));

describe("local disk keys", () => {
  it("refuses keys that leave the root or name the staging area", async () => {
    const storage = new LocalStorage(localRoot);
    await expect(storage.read("../etc/passwd")).rejects.toThrow("invalid storage key");
    await expect(storage.delete(".staging/x")).rejects.toThrow("invalid storage key");
  });
});

let s3rver: S3rver;
let s3Dir: string;
let endpoint: string;
const BUCKET = "valara-test";

beforeAll(async () => {
  s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-s3rver-"));
  s3rver = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { address, port } = await s3rver.run();
  endpoint = `http://${address}:${port}`;
});
afterAll(async () => {
  await s3rver?.close();
  fs.rmSync(s3Dir, { recursive: true, force: true });
});

contract("S3 (s3rver)", () => {
  const storage = new S3Storage({
    bucket: BUCKET,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
  });
  return {
    storage,
    keys: async () => {
      const listed = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((o) => o.Key!);
    },
  };
});
