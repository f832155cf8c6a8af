// The fake Square as a process of its own, for the e2e server (scripts/e2e-server.mjs starts it
// with tsx when no SQUARE_ACCESS_TOKEN is configured). Prints one JSON line with what the app needs
// ({url, accessToken, locationId, controlUrl}); the control server lets a spec inject failures
// (POST /fail {method, path, status, times}) and read what the fake holds (GET /invoices).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { FakeSquare } from "./fake-square";

const fake = await new FakeSquare().start();

const control = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    const reply = (status: number, value: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(value));
    };
    try {
      if (req.method === "POST" && req.url === "/fail") {
        const { method, path, status, times } = JSON.parse(body) as { method: string; path: string; status: number; times?: number };
        fake.fail(method, new RegExp(path), status, undefined, times ?? 1);
        return reply(200, { ok: true });
      }
      if (req.method === "POST" && req.url === "/clear") {
        fake.clearFailures();
        return reply(200, { ok: true });
      }
      if (req.method === "GET" && req.url === "/invoices") return reply(200, [...fake.invoices.values()]);
      return reply(404, { error: "unknown control route" });
    } catch (error) {
      return reply(400, { error: String(error) });
    }
  });
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

process.stdout.write(
  `${JSON.stringify({ url: fake.url, accessToken: fake.accessToken, locationId: fake.locationId, controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}` })}\n`,
);

const stop = async () => {
  control.closeAllConnections();
  control.close();
  await fake.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
