// Media in an S3-compatible bucket, through the official AWS SDK v3. Uploads stream through
// @aws-sdk/lib-storage (multipart for large files, never the whole file in memory) to a key
// under staging/; committing copies the object to its final key (a server-side copy) and deletes
// the staged one. A failed upload is aborted by lib-storage, leaving no parts behind (and a
// bucket lifecycle rule for incomplete multipart uploads catches an abort that fails).
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { StorageObjectMissing, type MediaStorage, type StagedObject, type StoredObject } from "./storage";

export interface S3StorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Unset: the SDK's own credential chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

const STAGING_PREFIX = "staging/";

export class S3Storage implements MediaStorage {
  readonly driver = "s3";
  readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // Checksums only where S3 requires them: many S3-compatible servers do not understand the
      // SDK's default trailing checksums on streamed bodies. We keep our own SHA-256 anyway.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async stage(body: Readable): Promise<StagedObject> {
    const staged = `${STAGING_PREFIX}${randomBytes(16).toString("hex")}`;
    // lib-storage holds partSize x queueSize bytes in memory per upload: 5 MiB parts (S3's
    // minimum), two in flight, so at most ~10 MiB per file however large it is.
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: staged, Body: body }, partSize: 5 * 1024 * 1024, queueSize: 2 });
    try {
      await upload.done();
    } catch (error) {
      // A single-part upload that failed wrote nothing; a multipart one was aborted. If the
      // failure came after the object was written, this removes it.
      await this.delete(staged).catch(() => {});
      // When the body itself failed (a file over the size limit, a type we do not keep, the client
      // gone), that is the error to report: lib-storage rejects with whatever the multipart abort
      // threw instead, if the abort fails, which would turn a 413 or 415 into a 500.
      throw body.errored ?? error;
    }
    let committed = false;
    return {
      commit: async (key) => {
        await this.client.send(
          new CopyObjectCommand({ Bucket: this.bucket, Key: key, CopySource: `${this.bucket}/${encodeURIComponent(staged).replace(/%2F/g, "/")}` }),
        );
        committed = true;
        await this.delete(staged).catch(() => {});
      },
      discard: async () => {
        if (!committed) await this.delete(staged);
      },
      read: async () => (await this.read(staged)).body,
    };
  }

  async read(key: string): Promise<StoredObject> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return { body: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)) {
        throw new StorageObjectMissing(key);
      }
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
