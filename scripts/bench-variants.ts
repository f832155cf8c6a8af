// Variant generation time per photo (server/media/variants.ts), beside a baseline in the same run:
// decoding the same photo once with sharp. Photos are 24 MP camera-sized JPEGs (6000 x 4000,
// noisy, so JPEG cannot shrink them to nothing). Prints a Markdown table; run by `npm run bench`.
import os from "node:os";
import sharp from "sharp";
import { renderVariants } from "../server/media/variants";

const COUNT = Number(process.env.BENCH_PHOTOS ?? 5);
const [W, H] = [6000, 4000];

async function photo(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(W * H * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = (x >>> 24) & 0xff;
  }
  return sharp(raw, { raw: { width: W, height: H, channels: 3 } }).blur(1.2).jpeg({ quality: 92 }).toBuffer();
}

const photos: Buffer[] = [];
for (let i = 0; i < COUNT; i++) photos.push(await photo(i + 1));
const time = async (fn: (b: Buffer) => Promise<unknown>) => {
  const start = process.hrtime.bigint();
  for (const p of photos) await fn(p);
  return Number(process.hrtime.bigint() - start) / 1e6 / photos.length;
};
const decode = await time((b) => sharp(b).stats());
let mlsBytes = 0;
const variants = await time(async (b) => {
  const out = await renderVariants(b, "bench.jpg");
  mlsBytes = Math.max(mlsBytes, out[0]!.bytes);
});
console.log(`\nVariant generation — ${os.cpus().length} CPUs, ${COUNT} photos of ${W}x${H} (${(photos[0]!.length / 1e6).toFixed(1)} MB each)\n`);
console.log("| step | ms per photo | vs decode |");
console.log("|---|---:|---:|");
console.log(`| decode once (baseline) | ${decode.toFixed(0)} | 1.00 |`);
console.log(`| mls + web + thumb | ${variants.toFixed(0)} | ${(variants / decode).toFixed(2)} |`);
console.log(`\nlargest mls variant: ${(mlsBytes / 1024 / 1024).toFixed(2)} MB (limit 4 MB)`);
