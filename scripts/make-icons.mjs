// Renders the static images in public/ from the SVG mark (public/icon.svg) and the default share
// image's SVG below: favicon.ico (16, 32, 48 px PNGs in one ICO), apple-touch-icon.png (180 px),
// icon-192.png and icon-512.png (the web manifest's), icon-maskable-512.png (safe-zone padding),
// og-default.png (1200x630, for listings without photos: no text, no brand, so the unbranded
// MLS page can use it too). Run `node scripts/make-icons.mjs` after changing the mark; the
// outputs are committed.
import { readFile, writeFile } from "node:fs/promises";
import sharp from "sharp";

const mark = await readFile("public/icon.svg");
const png = (size, input = mark) => sharp(input, { density: 72 * (size / 32) }).resize(size, size).png({ compressionLevel: 9 }).toBuffer();

// ICO: a 6-byte header, one 16-byte entry per image, then the PNGs themselves.
async function ico(sizes) {
  const images = await Promise.all(sizes.map((size) => png(size)));
  const header = Buffer.alloc(6 + 16 * sizes.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(sizes.length, 4);
  let offset = header.length;
  sizes.forEach((size, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(images[i].length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += images[i].length;
  });
  return Buffer.concat([header, ...images]);
}

// The mark on a full square (no rounded corners: iOS and Android round it themselves), padded
// into the maskable safe zone for the maskable icon.
const square = (pad) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#1f57d1"/>` +
      `<g transform="translate(${pad} ${pad}) scale(${(32 - 2 * pad) / 32})"><path d="M9 9h3.4l3.6 10.2L19.6 9H23l-5.3 14h-3.4z" fill="#fff"/></g></svg>`,
  );

const share = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1e293b"/><stop offset="1" stop-color="#0f172a"/></linearGradient></defs>
  <rect width="1200" height="630" fill="url(#g)"/>
  <g fill="none" stroke="#94a3b8" stroke-width="14" stroke-linejoin="round" stroke-linecap="round" transform="translate(460 170)">
    <path d="M20 130 140 30l120 100"/><path d="M50 110v150h180V110"/><path d="M115 260v-80h50v80"/>
  </g>
</svg>`);

await writeFile("public/favicon.ico", await ico([16, 32, 48]));
await writeFile("public/apple-touch-icon.png", await png(180, square(0)));
await writeFile("public/icon-192.png", await png(192, square(0)));
await writeFile("public/icon-512.png", await png(512, square(0)));
await writeFile("public/icon-maskable-512.png", await png(512, square(5)));
await writeFile("public/og-default.png", await sharp(share).png({ compressionLevel: 9 }).toBuffer());
console.log("public/ icons and og-default.png written");
