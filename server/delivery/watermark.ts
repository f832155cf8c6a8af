// Watermarked previews for a gallery whose downloads are locked until payment: the `web` rendition
// with the agency's name tiled diagonally across it, semi-transparent, drawn server-side by sharp
// (an SVG composited over the photo) when the preview is first asked for. Nothing is written to
// storage: the preview is the only image a locked gallery hands out, and it is never a usable
// unmarked photo. Rendering costs 100–300 ms of CPU per photo, so each process keeps the latest
// previews in memory (bounded by bytes) and renders one only once however many ask at a time.
import { LRUCache } from "lru-cache";
import sharp from "sharp";

/** Escapes text for an SVG text node. */
const xml = (text: string) => text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

/**
 * The overlay for a `width`×`height` image: the name repeated in rows rotated -30°, white with a
 * dark outline so it shows on light and dark photos alike, at 35% opacity, covering every corner.
 */
export function watermarkSvg(width: number, height: number, text: string): string {
  const fontSize = Math.max(14, Math.round(Math.min(width, height) / 14));
  const label = xml(`${text} · PREVIEW`);
  // Step between copies: wide enough for the label at this font size (about 0.6 em per character).
  const stepX = Math.round(fontSize * 0.62 * (text.length + 10) + fontSize * 2);
  const stepY = Math.round(fontSize * 3.2);
  const diagonal = Math.ceil(Math.hypot(width, height));
  const rows: string[] = [];
  for (let y = -diagonal, row = 0; y < diagonal; y += stepY, row++) {
    for (let x = -diagonal + (row % 2) * (stepX / 2); x < diagonal; x += stepX) {
      rows.push(`<text x="${Math.round(x)}" y="${y}">${label}</text>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <g transform="translate(${width / 2} ${height / 2}) rotate(-30)" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-weight="bold" font-size="${fontSize}"
     fill="#ffffff" fill-opacity="0.35" stroke="#000000" stroke-opacity="0.25" stroke-width="${Math.max(1, Math.round(fontSize / 24))}">
    ${rows.join("")}
  </g>
</svg>`;
}

/** The image with the watermark composited over it, as a JPEG of the same size. */
export async function watermarkImage(image: Buffer, text: string): Promise<Buffer> {
  const base = sharp(image).rotate();
  const { width, height } = await base.metadata();
  if (!width || !height) throw new Error("watermark: the image has no size");
  return base
    .composite([{ input: Buffer.from(watermarkSvg(width, height, text)), top: 0, left: 0 }])
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
}

/** At most this many bytes of previews are kept per process (about 150–250 previews). */
export const PREVIEW_CACHE_BYTES = 32 * 1024 * 1024;
const previews = new LRUCache<string, Promise<Buffer>>({
  maxSize: PREVIEW_CACHE_BYTES,
  // A render in flight counts as a typical preview until it is done (then it is replaced by its size).
  sizeCalculation: () => 200 * 1024,
});

/**
 * The watermarked preview for `key` (it must name the photo's bytes and the text, e.g. their
 * hash: a new photo or a renamed agency is a new key), rendered by `load` + watermarkImage once.
 */
export async function cachedWatermark(key: string, text: string, load: () => Promise<Buffer>): Promise<Buffer> {
  let preview = previews.get(key);
  if (!preview) {
    preview = load().then((image) => watermarkImage(image, text));
    previews.set(key, preview);
    preview.then(
      (body) => previews.get(key) === preview && previews.set(key, preview!, { size: Math.max(1, body.length) }),
      () => previews.delete(key), // a failure is not kept: the next request tries again
    );
  }
  return preview;
}
