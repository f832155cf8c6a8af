// A throwaway PostgreSQL cluster for the hardening suite: initdb into a temporary directory and
// pg_ctl on a port of its own, so the faults (restart, stop for 10 s) never touch the PostgreSQL
// every other test uses. As root (CI), the binaries run as the postgres user, which initdb needs.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl"))) : [];
  versions.sort((a, b) => Number(a) - Number(b));
  const latest = versions.at(-1);
  if (!latest) throw new Error("hardening: no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
  return path.join(root, latest, "bin");
}

/** A port nobody listens on right now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class ThrowawayCluster {
  readonly dir: string;
  private readonly bin = postgresBin();
  private readonly asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];

  constructor(readonly port: number) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "valara-hardening-pg-"));
    if (this.asPostgres.length) {
      const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
      fs.chownSync(this.dir, uid, gid);
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  // Asynchronous, so that the suite's load keeps running while PostgreSQL goes down and comes back.
  private async run(tool: string, args: string[]): Promise<void> {
    const [command, ...rest] = [...this.asPostgres, path.join(this.bin, tool), ...args];
    try {
      await promisify(execFile)(command!, rest, { encoding: "utf8" });
    } catch (error) {
      const failure = error as { code?: number; stderr?: string; stdout?: string };
      throw new Error(`hardening: ${tool} ${args.join(" ")} failed (${failure.code}): ${failure.stderr}${failure.stdout}`);
    }
  }

  private get data() {
    return path.join(this.dir, "data");
  }

  async init(): Promise<void> {
    await this.run("initdb", ["-D", this.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    await this.start();
  }

  /** pg_ctl start and wait until it accepts connections. */
  private get options() {
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  }

  async start(): Promise<void> {
    const options = this.options;
    await this.run("pg_ctl", ["-D", this.data, "-l", path.join(this.dir, "postgres.log"), "-o", options, "-w", "-t", "60", "start"]);
  }

  /** Fast shutdown: open sessions are terminated, as in a real restart or failover. */
  async stop(): Promise<void> {
    await this.run("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "-t", "60", "stop"]);
  }

  async restart(): Promise<void> {
    // -l as on start: without it the new server writes to pg_ctl's stdout, and that pipe would
    // never close.
    await this.run("pg_ctl", ["-D", this.data, "-l", path.join(this.dir, "postgres.log"), "-m", "fast", "-w", "-t", "60", "-o", this.options, "restart"]);
  }

  async destroy(): Promise<void> {
    try {
      await this.run("pg_ctl", ["-D", this.data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
