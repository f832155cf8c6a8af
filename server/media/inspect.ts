// A pass-through stream that learns what an uploaded file is while it streams to storage: its
// size (refusing more than the limit), its SHA-256, its type from its first bytes (refusing types
// we do not keep before anything else is written), and an image's width and height. Only the
// first PROBE_BYTES are held in memory, never the whole file.
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";
import { AppError } from "../errors";
import { ALLOWED_TYPES_TEXT, allowedType, type AllowedType } from "./media-types";

/** Enough for file-type's signatures and for the dimensions of nearly every image (EXIF and ICC included). */
export const PROBE_BYTES = 256 * 1024;

export interface Inspection {
  type: AllowedType;
  sizeBytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
}

export class MediaInspector extends Transform {
  private readonly hash = createHash("sha256");
  private size = 0;
  private probe: Buffer[] = [];
  private probed = 0;
  private type: AllowedType | null = null;
  private dimensions: { width: number | null; height: number | null } = { width: null, height: null };
  private digest: string | null = null;

  constructor(
    private readonly filename: string,
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new AppError("payload_too_large", `${this.filename} is larger than ${this.maxBytes} bytes, the most a file may be.`));
      return;
    }
    this.hash.update(chunk);
    if (this.type) {
      callback(null, chunk);
      return;
    }
    this.probe.push(chunk);
    this.probed += chunk.length;
    if (this.probed < PROBE_BYTES) {
      callback();
      return;
    }
    this.identify().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) {
      callback(new AppError("validation_failed", `files: ${this.filename} is empty`, [{ field: "files", message: `${this.filename} is empty` }]));
      return;
    }
    const done = () => {
      this.digest = this.hash.digest("hex");
      callback();
    };
    if (this.type) done();
    else this.identify().then(done, callback);
  }

  /** Decides the type from the probe, then lets the held bytes through. */
  private async identify(): Promise<void> {
    const head = Buffer.concat(this.probe);
    this.probe = [];
    const detected = await fileTypeFromBuffer(head);
    const type = allowedType(detected?.mime);
    if (!type) {
      const what = detected ? `${detected.mime} data` : "not a file type Valara recognizes";
      throw new AppError("unsupported_media_type", `${this.filename} is ${what}; upload ${ALLOWED_TYPES_TEXT}.`);
    }
    this.type = type;
    if (type.family === "image") this.dimensions = readDimensions(head);
    this.push(head);
  }

  /** What the stream learned; only once it has ended. */
  result(): Inspection {
    if (!this.type || !this.digest) throw new Error("MediaInspector.result() before the stream ended");
    return { type: this.type, sizeBytes: this.size, sha256: this.digest, ...this.dimensions };
  }
}

/** An image's width and height from its first bytes, or nulls if they are not among them. */
export function readDimensions(head: Buffer): { width: number | null; height: number | null } {
  try {
    const { width, height, orientation } = imageSize(head);
    if (!width || !height) return { width: null, height: null };
    // EXIF orientations 5-8 are rotated a quarter turn: report the size as the image is shown.
    return orientation && orientation >= 5 ? { width: height, height: width } : { width, height };
  } catch {
    return { width: null, height: null };
  }
}
