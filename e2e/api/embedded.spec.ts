// The embedded default, as `npm start` runs it with no DATABASE_URL: the production bundle on its
// own PGlite database, delivering webhooks itself (no worker processes). The rest of the suite
// runs on PostgreSQL with separate workers, so this is the one place the in-app delivery path is
// exercised end to end: provision with the CLI while the server is down (the embedded database
// belongs to one process at a time), start the server, register an endpoint, create a listing,
// receive listing.created and verify it with the README's snippet.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ApiClient, createListing, expectJson } from "../support/api";
import { cli, E2E_PASSWORD, type ProvisionedAgency } from "../support/cli";
import { startReceiver } from "../../server/testing/webhook-receiver";
import { loadReadmeVerifier } from "../../server/testing/readme-snippet";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output()}`);
    const healthy = await fetch(`${url}/healthz`).then((res) => res.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not become healthy:\n${output()}`);
}

test("on the embedded database the app delivers webhooks itself", async ({ playwright }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-embedded-"));
  // No DATABASE_URL (an empty value counts as unset): the embedded PGlite in DATA_DIR.
  const embedded = { DATABASE_URL: "", DATA_DIR: dataDir, SEED_DEMO: "0" };
  const ok = async <T>(args: string[]): Promise<T> => {
    const result = await cli<T>(args, embedded);
    expect(result.exitCode, result.stderr).toBe(0);
    return result.json;
  };
  const receiver = await startReceiver();
  let server: ChildProcess | undefined;
  try {
    // One CLI process at a time: each holds the embedded database while it runs.
    const created = await ok<{ agency: { id: string }; owner: { id: string; email: string } }>([
      "agency", "create", "--slug", "embedded", "--name", "Embedded Media", "--kind", "media_agency",
      "--owner-email", "owner@embedded.test", "--owner-password", E2E_PASSWORD,
    ]);
    const agent = await ok<{ user: { id: string } }>(["user", "create", "--agency", "embedded", "--email", "agent@embedded.test", "--name", "Agent", "--role", "agent"]);
    const { key } = await ok<{ key: string }>(["key", "create", "--agency", "embedded", "--name", "embedded", "--scopes", "all"]);
    const agency = { ownerId: created.owner.id, agentIds: [agent.user.id] } as ProvisionedAgency;

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...embedded,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: url,
      WEBHOOKS_ALLOW_LOOPBACK: "1",
      LOG_LEVEL: "warn",
    };
    delete env.WEBHOOK_DELIVERY; // the default for the embedded database: inline
    let output = "";
    server = spawn(process.execPath, ["dist/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitForHealth(url, server, () => output);
    expect(output).toContain(`embedded database in ${dataDir}`);
    expect(output).toContain("Webhooks: delivered by this process");

    const request = await playwright.request.newContext({ baseURL: url });
    const api = new ApiClient(request, key);
    const registered = await api.post("/webhooks/endpoints", { url: receiver.url, event_types: ["listing.created"] });
    expectJson(registered, 201);

    const started = Date.now();
    const listing = await createListing(api, agency);
    const [delivery] = await receiver.waitFor(1, 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    const verify = await loadReadmeVerifier();
    const event = verify(delivery!.body, delivery!.headers["x-valara-signature"] as string, registered.body.secret);
    expect(event).toMatchObject({ event_type: "listing.created", data: { listing_number: listing.listing_number } });

    // The attempt is recorded in the same embedded database.
    await expect
      .poll(async () => (await api.get(`/webhooks/endpoints/${registered.body.endpoint_id}/deliveries`)).body.items[0]?.status, { timeout: 10_000 })
      .toBe("succeeded");
    await request.dispose();
  } finally {
    await receiver.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
