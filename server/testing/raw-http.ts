// HTTP/1.1 over a bare socket, for tests that need what fetch hides: a request line or method
// fetch refuses, a body sent at a chosen pace, `Expect: 100-continue`, how many bytes the server
// took before it closed the connection.
import net from "node:net";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the last complete response in `text` (interim 1xx responses are skipped). */
export function parseResponse(text: string): RawResponse | undefined {
  let rest = text;
  for (;;) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) return undefined;
    const [statusLine, ...lines] = rest.slice(0, end).split("\r\n");
    const status = Number(statusLine!.split(" ")[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const after = rest.slice(end + 4);
    if (status >= 100 && status < 200) {
      rest = after;
      continue;
    }
    const length = headers["content-length"] === undefined ? after.length : Number(headers["content-length"]);
    if (after.length < length) return undefined;
    return { status, headers, body: after.slice(0, length) };
  }
}

export interface RawConnection {
  socket: net.Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves once `predicate` holds for what was received (or rejects if the socket closes first). */
  until(predicate: (text: string) => boolean): Promise<string>;
  /** Resolves with the first complete final response. */
  response(): Promise<RawResponse>;
  /** Resolves when the server has closed the connection (end or reset). */
  closed: Promise<void>;
}

export function connect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    let ended = false;
    const waiters = new Set<() => void>();
    const notify = () => {
      for (const waiter of [...waiters]) waiter();
    };
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => {
      text += chunk;
      notify();
    });
    // A reset after the server's answer is how some tests end; they look at what arrived.
    socket.on("error", () => {});
    const closed = new Promise<void>((done) =>
      socket.once("close", () => {
        ended = true;
        notify();
        done();
      }),
    );
    const until = (predicate: (text: string) => boolean) =>
      new Promise<string>((done, fail) => {
        const check = () => {
          if (predicate(text)) {
            waiters.delete(check);
            done(text);
          } else if (ended) {
            waiters.delete(check);
            fail(new Error(`connection closed; received: ${text.slice(0, 500)}`));
          }
        };
        waiters.add(check);
        check();
      });
    socket.once("connect", () =>
      resolve({
        socket,
        received: () => text,
        until,
        response: () => until((t) => parseResponse(t) !== undefined).then((t) => parseResponse(t)!),
        closed,
      }),
    );
    socket.once("error", reject);
  });
}

/** One request written whole; resolves with the server's answer. */
export async function rawRequest(port: number, request: string): Promise<RawResponse & { closedAfter: Promise<void> }> {
  const connection = await connect(port);
  connection.socket.write(request);
  const response = await connection.response();
  return { ...response, closedAfter: connection.closed };
}
