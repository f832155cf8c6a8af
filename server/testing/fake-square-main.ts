// The fake Square as a process of its own, for the e2e server (scripts/e2e-server.mjs starts it
// with tsx when no SQUARE_ACCESS_TOKEN is configured). Prints one JSON line with what the app needs
// ({url, accessToken, locationId, controlUrl}); the control server lets a spec inject failures
// (POST /fail {method, path, status, times}) and read what the fake holds (GET /invoices), and make
// Square's side happen: POST /pay {square_invoice_id, status?} sets the invoice's state (PAID by
// default, as when the client pays) and delivers the signed invoice.payment_made notification to
// the app, as Square does (FAKE_SQUARE_WEBHOOK_TARGET, signed with FAKE_SQUARE_WEBHOOK_SIGNATURE_KEY
// over FAKE_SQUARE_NOTIFICATION_URL, the URL as registered); it answers with the app's answer.
import { createHmac, randomUUID } from "node:crypto";
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
      if (req.method === "POST" && req.url === "/pay") {
        const { square_invoice_id: id, status } = JSON.parse(body) as { square_invoice_id: string; status?: string };
        void notify(fake.setStatus(id, status ?? "PAID")).then((answer) => reply(200, answer), (error) => reply(502, { error: String(error) }));
        return;
      }
      return reply(404, { error: "unknown control route" });
    } catch (error) {
      return reply(400, { error: String(error) });
    }
  });
});
/** Square's notification of an invoice's change, signed as Square signs it, delivered to the app. */
async function notify(invoice: ReturnType<FakeSquare["setStatus"]>): Promise<{ status: number; body: unknown }> {
  const target = process.env.FAKE_SQUARE_WEBHOOK_TARGET;
  const key = process.env.FAKE_SQUARE_WEBHOOK_SIGNATURE_KEY;
  const url = process.env.FAKE_SQUARE_NOTIFICATION_URL;
  if (!target || !key || !url) throw new Error("FAKE_SQUARE_WEBHOOK_TARGET, FAKE_SQUARE_WEBHOOK_SIGNATURE_KEY and FAKE_SQUARE_NOTIFICATION_URL are needed to notify");
  const event = JSON.stringify({
    merchant_id: "MLFAKE0MERCHANT",
    location_id: fake.locationId,
    type: invoice.status === "PAID" ? "invoice.payment_made" : "invoice.updated",
    event_id: randomUUID(),
    created_at: invoice.updated_at,
    data: { type: "invoice", id: invoice.id, object: { invoice } },
  });
  const signature = createHmac("sha256", key).update(url + event).digest("base64");
  const response = await fetch(target, { method: "POST", headers: { "Content-Type": "application/json", "X-Square-HmacSha256-Signature": signature }, body: event });
  return { status: response.status, body: await response.json() };
}

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
