// Graceful shutdown of the production bundle (`node dist/server.js`), on its own embedded
// database: on SIGTERM it stops accepting connections, lets the request in flight finish, closes
// idle keep-alive connections at once, and exits in about the time the work needed (it took the
// force-exit timer's ~28 s before); a request that does not finish within SHUTDOWN_DRAIN_SECONDS
// has its connection closed and the process exits anyway.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cli, E2E_PASSWORD } from "../support/cli";
import { connect } from "../../server/testing/raw-http";

test.describe.configure({ mode: "serial" });
test.setTimeout(120_000);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; at: number }>;
}

let dataDir: string;
let key: string;
let agency: { ownerId: string; agentId: string };
const embedded = () => ({ DATABASE_URL: "", DATA_DIR: dataDir, SEED_DEMO: "0" });

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-shutdown-"));
  const ok = async <T>(args: string[]): Promise<T> => {
    const result = await cli<T>(args, embedded());
    expect(result.exitCode, result.stderr).toBe(0);
    return result.json;
  };
  const created = await ok<{ owner: { id: string } }>([
    "agency", "create", "--slug", "shutdown", "--name", "Shutdown Media", "--kind", "media_agency",
    "--owner-email", "owner@shutdown.test", "--owner-password", E2E_PASSWORD,
  ]);
  const agent = await ok<{ user: { id: string } }>(["user", "create", "--agency", "shutdown", "--email", "agent@shutdown.test", "--name", "Agent", "--role", "agent"]);
  key = (await ok<{ key: string }>(["key", "create", "--agency", "shutdown", "--name", "shutdown", "--scopes", "all"])).key;
  agency = { ownerId: created.owner.id, agentId: agent.user.id };
});

test.afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(extraEnv: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...embedded(),
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "info",
    ...extraEnv,
  };
  let output = "";
  const child = spawn(process.execPath, ["dist/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once("exit", (code) => resolve({ code, at: Date.now() })));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((res) => res.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, port, output: () => output, exited };
}

/** Resolves once a new connection to the port is refused (the server stopped listening). */
async function refusesConnections(port: number): Promise<void> {
  for (;;) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(false);
      });
      socket.once("error", () => resolve(true));
    });
    if (refused) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const listingHead = (length: number) =>
  `POST /api/v1/listings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: ${key}\r\nX-Idempotency-Key: ${crypto.randomUUID()}\r\n` +
  `Content-Type: application/json\r\nContent-Length: ${length}\r\nExpect: 100-continue\r\n\r\n`;

test("SIGTERM lets the request in flight finish, refuses new connections, and exits as soon as it is answered", async () => {
  const server = await startServer();
  // A write whose body takes about 3 s to arrive (steadily, above the minimum body rate).
  const body = JSON.stringify({ address: "1 Drain Street", owner_user_id: agency.ownerId, agent_one_id: agency.agentId }).replace("{", `{${" ".repeat(4500)}`);
  const connection = await connect(server.port);
  connection.socket.write(listingHead(Buffer.byteLength(body)));
  // 100 Continue: the server has the request and is waiting for its body.
  await connection.until((text) => text.startsWith("HTTP/1.1 100 Continue"));

  const signalled = Date.now();
  server.child.kill("SIGTERM");
  await refusesConnections(server.port);
  for (let offset = 0; offset < body.length; offset += 300) {
    connection.socket.write(body.slice(offset, offset + 300));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const bodySent = Date.now();
  const response = await connection.response();
  expect(response.status, response.body).toBe(201);
  expect(JSON.parse(response.body).address).toBe("1 Drain Street");
  expect(response.headers.connection).toBe("close");

  const { code, at } = await server.exited;
  expect(code).toBe(0);
  // It waited for the work (about 3 s of body) and no longer than a moment after it.
  expect(bodySent - signalled).toBeGreaterThan(2_500);
  expect(at - bodySent, server.output()).toBeLessThan(5_000);
  expect(server.output()).toContain("every request in flight was answered");
});

test("with only an idle keep-alive connection open, SIGTERM exits at once", async () => {
  const server = await startServer();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  await new Promise<void>((resolve, reject) =>
    http.get({ host: "127.0.0.1", port: server.port, path: "/healthz", agent }, (res) => {
      res.resume();
      res.on("end", resolve);
    }).on("error", reject),
  );
  // The connection stays open, idle (keep-alive 65 s).
  expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
  const signalled = Date.now();
  server.child.kill("SIGTERM");
  const { code, at } = await server.exited;
  expect(code).toBe(0);
  expect(at - signalled, server.output()).toBeLessThan(5_000);
  agent.destroy();
});

test("a request that does not finish within SHUTDOWN_DRAIN_SECONDS is cut off, and the process exits", async () => {
  const server = await startServer({ SHUTDOWN_DRAIN_SECONDS: "2" });
  const connection = await connect(server.port);
  connection.socket.write(listingHead(1000));
  await connection.until((text) => text.startsWith("HTTP/1.1 100 Continue"));
  // Its body never comes.
  const signalled = Date.now();
  server.child.kill("SIGTERM");
  await connection.closed;
  const { code, at } = await server.exited;
  expect(code).toBe(0);
  expect(at - signalled).toBeGreaterThan(1_900);
  expect(at - signalled, server.output()).toBeLessThan(8_000);
  expect(server.output()).toContain("requests still in flight were cut off after the drain");
});
