// A webhook receiver on 127.0.0.1 (the server runs with WEBHOOKS_ALLOW_LOOPBACK): records every
// delivery, and can hold requests open to stand for a slow endpoint while a worker is killed.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  eventId: string;
  eventType: string;
  data: any;
  remotePort: number;
}

export class Receiver {
  readonly received: Received[] = [];
  /** Requests being held open (hold mode), with the client port each came from. */
  readonly held: { remotePort: number; release: () => void }[] = [];
  hold = false;
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const remotePort = req.socket.remotePort ?? 0;
      const answer = () => {
        // A request whose sender died while it was held was never acknowledged: not received.
        if (req.socket.destroyed) return;
        try {
          const event = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          this.received.push({ eventId: event.event_id, eventType: event.event_type, data: event.data, remotePort });
        } catch {
          // not an event
        }
        if (!res.writableEnded) res.writeHead(200).end("ok");
      };
      if (this.hold) this.held.push({ remotePort, release: answer });
      else answer();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  releaseAll(): void {
    this.hold = false;
    for (const request of this.held.splice(0)) request.release();
  }

  async stop(): Promise<void> {
    this.releaseAll();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
