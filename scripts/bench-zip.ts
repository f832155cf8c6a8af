// "Download all" under a 2 GB delivery: the memory a streamed ZIP costs the server, beside a
// baseline in the same run that streams the same files back to back with no archive. Each runs in
// this process behind a real node:http server, read by curl in another process (so the reader's
// buffers are not counted), through the real LocalStorage and streamZip (server/delivery/zip.ts).
// The delivery is BENCH_ZIP_FILES (default 64) files of 32 MiB: one random file, hard-linked,
// so 2 GiB is read without writing 2 GiB. Prints a Markdown table; run by `npm run bench`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { streamZip } from "../server/delivery/zip";
import { LocalStorage } from "../server/storage/local";

const FILES = Number(process.env.BENCH_ZIP_FILES ?? 64);
const FILE_BYTES = 32 * 1024 * 1024;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "valara-bench-zip-"));
fs.writeFileSync(path.join(root, "photo-0.jpg"), randomBytes(FILE_BYTES));
for (let i = 1; i < FILES; i++) fs.linkSync(path.join(root, "photo-0.jpg"), path.join(root, `photo-${i}.jpg`));
const storage = new LocalStorage(root);
const entries = Array.from({ length: FILES }, (_, i) => ({
  name: `L-1001-${String(i + 1).padStart(2, "0")}-photo.jpg`,
  storageKey: `photo-${i}.jpg`,
  contentType: "image/jpeg",
  bytes: FILE_BYTES,
  etag: "bench",
}));

type Handler = (res: http.ServerResponse) => Promise<void>;
const handlers: Record<string, Handler> = {
  "/plain": async (res) => {
    for (const entry of entries) {
      for await (const chunk of (await storage.read(entry.storageKey)).body) if (!res.write(chunk)) await once(res, "drain");
    }
    res.end();
  },
  "/zip": (res) => streamZip(storage, entries, res),
};
const server = http.createServer((req, res) => {
  res.setHeader("Content-Type", "application/octet-stream");
  handlers[req.url ?? ""]!(res).catch((error) => res.destroy(error));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;

async function measure(route: string) {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = process.hrtime.bigint();
  const bytes = await new Promise<number>((resolve, reject) => {
    const curl = spawn("curl", ["-s", "-o", "/dev/null", "-w", "%{size_download}", `http://127.0.0.1:${port}${route}`]);
    let out = "";
    curl.stdout.on("data", (chunk) => (out += chunk));
    curl.on("exit", (code) => (code === 0 ? resolve(Number(out)) : reject(new Error(`curl exited ${code}`))));
  });
  clearInterval(sampler);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const mb = (n: number) => Math.round(n / 1024 / 1024);
  return { route, gib: (bytes / 1024 ** 3).toFixed(2), seconds: seconds.toFixed(1), mbps: Math.round(bytes / 1024 / 1024 / seconds), before: mb(before), peak: mb(peak), rise: mb(peak - before) };
}

await measure("/plain"); // warm the page cache and the code paths; not reported
const plain = await measure("/plain");
const zip = await measure("/zip");
console.log(`\nDownload all: ${FILES} files × 32 MiB streamed to curl, RSS sampled every 10 ms\n`);
console.log("| stream | GiB sent | seconds | MiB/s | RSS before MiB | peak MiB | rise MiB |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const row of [plain, zip]) console.log(`| ${row.route === "/zip" ? "ZIP (streamZip, store mode)" : "baseline: files back to back"} | ${row.gib} | ${row.seconds} | ${row.mbps} | ${row.before} | ${row.peak} | ${row.rise} |`);
server.close();
fs.rmSync(root, { recursive: true, force: true });
