// Reading a request body whole, with a size limit: 413 as soon as it is known to be too large
// (from Content-Length, or while reading), without buffering more than the limit.
//
// A refused body is not read any further: the response to it goes out with Connection: close and
// the socket is closed once it is flushed (rest-handler.ts), so a client sending 200 MB to a 1 MB
// route costs us the 1 MB, not the 200. That is also why this does not use `for await`: leaving
// that loop early destroys the request, and with it the socket, before the 413 can be written.
import type { IncomingMessage } from "node:http";
import { AppError } from "../errors";

/** The client closed the connection before the body ended; nobody is left to answer. */
export class ClientGone extends Error {
  constructor() {
    super("the client closed the connection before the request body ended");
    this.name = "ClientGone";
  }
}

export async function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new AppError("payload_too_large", `The body is ${declared} bytes; the limit is ${maxBytes}.`);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (settle: () => void) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onGone);
      req.off("close", onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop pulling bytes off the wire; the connection closes after the 413.
        req.pause();
        finish(() => reject(new AppError("payload_too_large", `The body is larger than ${maxBytes} bytes.`)));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish(() => resolve(Buffer.concat(chunks)));
    const onGone = () => finish(() => reject(new ClientGone()));
    const onClose = () => {
      if (!req.complete) onGone();
    };
    req.on("data", onData);
    req.once("end", onEnd);
    req.once("error", onGone);
    req.once("close", onClose);
  });
}
