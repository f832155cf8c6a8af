// Receives a multipart/form-data upload with busboy, streaming each file through a
// MediaInspector into storage's staging area: nothing is held whole in memory, and nothing
// reaches a final key here. On any failure (a file too large or of a type we do not keep, a bad
// field, the client going away) the request stops being parsed, every file staged so far is
// discarded, and the error is thrown.
import type { IncomingMessage } from "node:http";
import busboy from "busboy";
import { AppError } from "../errors";
import { ClientGone } from "./raw-body";
import { MediaInspector, type Inspection } from "../media/inspect";
import { cleanFilename } from "../media/media-types";
import type { MediaStorage, StagedObject } from "../storage/storage";

export const MAX_FILES_PER_UPLOAD = 50;
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 1024;

export interface ReceivedFile {
  /** The cleaned file name. */
  filename: string;
  inspection: Inspection;
  staged: StagedObject;
}

export interface ReceivedUpload {
  /** Text fields in the order sent; a name may repeat. */
  fields: [string, string][];
  /** Files in the order sent. */
  files: ReceivedFile[];
}

// The client closed the connection before the body ended; nobody is left to answer.
export { ClientGone };

const fieldError = (field: string, message: string) => new AppError("validation_failed", `${field}: ${message}`, [{ field, message }]);

export function isMultipart(req: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers["content-type"] ?? "");
}

export async function receiveMultipart(
  req: IncomingMessage,
  options: {
    storage: MediaStorage;
    maxFileBytes: number;
    /** Called as each text field arrives (before the files after it): a rejection stops the upload early. */
    onField?: (name: string, value: string) => Promise<void> | void;
  },
): Promise<ReceivedUpload> {
  if (!isMultipart(req)) {
    req.resume();
    const sent = req.headers["content-type"]?.split(";")[0];
    throw new AppError("unsupported_media_type", `Send the files as multipart/form-data${sent ? `, not ${sent}` : ""}.`);
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { files: MAX_FILES_PER_UPLOAD, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, parts: MAX_FILES_PER_UPLOAD + MAX_FIELDS },
      defParamCharset: "utf8",
    });
  } catch (error) {
    req.resume();
    throw fieldError("Content-Type", `is not a usable multipart/form-data header (${(error as Error).message})`);
  }

  const fields: [string, string][] = [];
  const files: (ReceivedFile | undefined)[] = [];
  const staging: Promise<void>[] = [];
  const active = new Set<MediaInspector>();
  let failure: unknown;

  return new Promise<ReceivedUpload>((resolve, reject) => {
    const settle = async () => {
      await Promise.allSettled(staging);
      if (failure === undefined) {
        resolve({ fields, files: files.filter((f): f is ReceivedFile => f !== undefined) });
        return;
      }
      await Promise.allSettled(files.map((file) => file?.staged.discard()));
      reject(failure);
    };
    const fail = (error: unknown) => {
      if (failure !== undefined) return;
      failure = error;
      // Stop parsing and stop reading: the answer goes out with Connection: close and the socket
      // is closed once it is flushed (rest-handler.ts), so the rest of a body that is too large
      // or refused is never read (it used to be drained while staged files were discarded).
      req.unpipe(parser);
      req.pause();
      for (const inspector of active) inspector.destroy(error as Error);
      void settle();
    };

    parser.on("field", (name, value, info) => {
      if (failure !== undefined) return;
      if (info.nameTruncated || info.valueTruncated) {
        fail(fieldError(name || "field", `must be at most ${MAX_FIELD_BYTES} bytes`));
        return;
      }
      fields.push([name, value]);
      if (options.onField) {
        staging.push(Promise.resolve().then(() => options.onField!(name, value)).catch(fail));
      }
    });

    parser.on("file", (_name, stream, info) => {
      if (failure !== undefined) {
        stream.resume();
        return;
      }
      const index = files.length;
      files.push(undefined);
      // Browsers (and fetch's FormData) send a " in a file name as %22 (WHATWG multipart encoding).
      const filename = cleanFilename(info.filename?.replace(/%22/g, '"'), "bin");
      const inspector = new MediaInspector(filename, options.maxFileBytes);
      active.add(inspector);
      // Its errors reach us through storage.stage's promise below; this listener keeps one that
      // happens before storage starts reading (an empty file, the client leaving) from being
      // an uncaught 'error' event.
      inspector.on("error", () => {});
      stream.on("error", (error: Error) => inspector.destroy(error));
      stream.pipe(inspector);
      staging.push(
        options.storage.stage(inspector).then(
          (staged) => {
            active.delete(inspector);
            files[index] = { filename, inspection: inspector.result(), staged };
            if (failure !== undefined) return staged.discard();
          },
          (error: unknown) => {
            active.delete(inspector);
            stream.resume();
            fail(error);
          },
        ),
      );
    });

    parser.on("filesLimit", () => fail(fieldError("files", `at most ${MAX_FILES_PER_UPLOAD} files per upload`)));
    parser.on("fieldsLimit", () => fail(fieldError("body", `at most ${MAX_FIELDS} fields per upload`)));
    parser.on("partsLimit", () => fail(fieldError("body", `at most ${MAX_FILES_PER_UPLOAD + MAX_FIELDS} parts per upload`)));
    parser.on("error", (error: Error) => fail(failure ?? fieldError("body", `is not valid multipart/form-data (${error.message})`)));
    parser.on("close", () => {
      if (failure === undefined) void settle();
    });
    // The client went away mid-body: 'aborted' on older Node, 'close' before the body completed.
    req.on("aborted", () => fail(new ClientGone()));
    req.on("close", () => {
      if (!req.complete) fail(new ClientGone());
    });
    req.on("error", () => fail(new ClientGone()));
    req.pipe(parser);
  });
}
