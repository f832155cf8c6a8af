// The client's delivery: the owner delivers from the listing page and copies the gallery link; a
// visitor with no session opens it, sees the photos, opens the lightbox, downloads one item and
// "Download all" (the ZIP's entries are the uploaded photos' MLS renditions, in gallery order,
// under readable names); the page is axe-clean and fits a phone; once revoked the link is a 404.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import sharp from "sharp";
import yauzl from "yauzl";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { checkPage, createListingViaApi, screenshot, signIn } from "./helpers";

const idem = () => `dash-delivery-${randomBytes(6).toString("hex")}`;

async function photo(sky: string, wall: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200">
    <rect width="1800" height="1200" fill="${sky}"/><rect y="860" width="1800" height="340" fill="#4d7c3a"/>
    <polygon points="520,520 900,250 1280,520" fill="#7c2d12"/><rect x="580" y="520" width="640" height="380" fill="${wall}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/** The ZIP's entry names and bytes, in archive order. */
async function unzip(file: string): Promise<[string, Buffer][]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const entries: [string, Buffer][] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("end", resolve).on("error", reject);
    zip.on("entry", (entry: yauzl.Entry) =>
      zip.openReadStream(entry, async (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        entries.push([entry.fileName, Buffer.concat(chunks)]);
        zip.readEntry();
      }),
    );
    zip.readEntry();
  });
  return entries;
}

test("the owner delivers, the client opens the gallery, downloads an item and the ZIP; revoked, it is a 404", async ({ browser, page, context, baseURL }) => {
  // Two browser contexts, axe and screenshots at two widths, and a ZIP: long on a loaded machine.
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const agency = await provisionAgency("dash-delivery");
  const address = "12 Delivery Row, Portland, OR 97205";
  const listing = await createListingViaApi(page.request, agency.key, { address, owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]! });
  const number = listing.listing_number;
  const form = new FormData();
  form.append("listing_number", number);
  form.append("files", new File([new Uint8Array(await photo("#7dd3fc", "#f5f0e6"))], "back.jpg", { type: "image/jpeg" }));
  form.append("files", new File([new Uint8Array(await photo("#312e81", "#e7e5e4"))], "front.jpg", { type: "image/jpeg" }));
  const uploaded = await page.request.post("/api/v1/media/upload", { headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() }, multipart: form });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const items = ((await uploaded.json()) as { items: { media_id: string; filename: string; variants: { size: string; url: string }[] }[] }).items;
  const front = items.find((i) => i.filename === "front.jpg")!;
  const back = items.find((i) => i.filename === "back.jpg")!;
  const cover = await page.request.patch(`/api/v1/media/${front.media_id}`, {
    headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() },
    data: { caption: "Front at dusk", is_cover: true },
  });
  expect(cover.status()).toBe(200);
  // The stored MLS renditions, as the agency downloads them.
  const mlsBytes = async (id: string) => {
    const res = await page.request.get(`/api/v1/media/${id}?size=mls`, { headers: { "X-API-Key": agency.key } });
    expect(res.status()).toBe(200);
    return Buffer.from(await res.body());
  };
  const frontMls = await mlsBytes(front.media_id);
  const backMls = await mlsBytes(back.media_id);

  // The owner delivers from the listing page and copies the link.
  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.goto(`/listings/${number}`);
  const card = page.getByRole("region", { name: "Client delivery" });
  await card.getByRole("button", { name: "Deliver to client" }).click();
  await page.getByRole("alertdialog", { name: "Deliver to the client?" }).getByRole("button", { name: "Deliver" }).click();
  const link = card.getByLabel(/Gallery link/);
  await expect(link).toHaveValue(/\/d\/[A-Za-z0-9_-]{43}$/);
  await card.getByRole("button", { name: "Copy link" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
  const galleryUrl = await page.evaluate(() => navigator.clipboard.readText());

  // The client: another browser context, no session.
  const client = await browser.newContext({ acceptDownloads: true });
  const visitor = await client.newPage();
  const response = await visitor.goto(galleryUrl);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1, name: address })).toBeVisible();
  await expect(visitor.getByText(`E2E ${agency.slug}`)).toBeVisible();
  await expect(visitor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const grid = visitor.getByRole("list", { name: "Delivered media" });
  const thumbs = grid.getByRole("img");
  await expect(thumbs).toHaveCount(2);
  await expect(thumbs.first()).toHaveAttribute("alt", "Front at dusk"); // the cover first
  await expect(thumbs.first()).toHaveAttribute("loading", "lazy");
  await expect(thumbs.first()).toHaveAttribute("srcset", /\/thumb \d+w, .*\/web \d+w$/);
  await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // The lightbox shows the web rendition.
  await visitor.getByRole("button", { name: "Open Photo 1 full size" }).click();
  const slide = visitor.locator(".yarl__slide_current img");
  await expect(slide).toHaveAttribute("src", /\/files\/[^/]+\/web$/);
  await expect.poll(() => slide.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await screenshot(visitor, "delivery-lightbox");
  await visitor.getByRole("button", { name: "Close" }).click();
  await expect(visitor.locator(".yarl__slide_current")).toHaveCount(0);

  // One item, in MLS size, under a readable name.
  const [one] = await Promise.all([visitor.waitForEvent("download"), visitor.getByRole("link", { name: /^Download Photo 1, MLS/ }).click()]);
  expect(one.suggestedFilename()).toBe(`${number}-01-front-at-dusk.jpg`);
  expect((await fs.readFile(await one.path())).equals(frontMls)).toBe(true);

  // Download all (MLS): the entries are the stored MLS renditions, in order.
  await expect(visitor.getByRole("combobox", { name: "ZIP size" })).toHaveValue("mls");
  const [all] = await Promise.all([visitor.waitForEvent("download"), visitor.getByRole("link", { name: /^Download all/ }).click()]);
  expect(all.suggestedFilename()).toBe(`${number}-mls.zip`);
  const entries = await unzip(await all.path());
  expect(entries.map(([name]) => name)).toEqual([`${number}-01-front-at-dusk.jpg`, `${number}-02-photo.jpg`]);
  expect(entries[0]![1].equals(frontMls)).toBe(true);
  expect(entries[1]![1].equals(backMls)).toBe(true);
  // The print choice points at the originals' ZIP.
  await visitor.getByRole("combobox", { name: "ZIP size" }).selectOption("original");
  await expect(visitor.getByRole("link", { name: /^Download all/ })).toHaveAttribute("href", /download\.zip\?size=original$/);

  await checkPage(visitor, "delivery-gallery", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: address })).toBeVisible();
    await p.getByRole("img").first().scrollIntoViewIfNeeded();
    await expect.poll(() => p.getByRole("img").last().evaluate((img: HTMLImageElement) => { img.loading = "eager"; return img.complete && img.naturalWidth > 0; })).toBe(true);
  });

  // Revoked: the page and every file are 404 at once.
  // Each delivery is listed on the card; revoking one is confirmed.
  const listed = card.getByRole("list", { name: "Deliveries" }).getByRole("listitem");
  await expect(listed).toHaveCount(1);
  await expect(listed.first()).toContainText("Active");
  await listed.first().getByRole("button", { name: /^Revoke the delivery of/ }).click();
  await page.getByRole("alertdialog", { name: "Revoke this gallery link?" }).getByRole("button", { name: "Revoke link" }).click();
  await expect(card.getByText("Gallery link (revoked)")).toBeVisible();
  await expect(listed.first()).toContainText("Revoked");
  const gone = await visitor.goto(galleryUrl);
  expect(gone?.status()).toBe(404);
  const file = await visitor.request.get(`${new URL(galleryUrl).pathname}/files/${front.media_id}/mls`);
  expect(file.status()).toBe(404);
  const zip = await visitor.request.get(`${new URL(galleryUrl).pathname}/download.zip?size=mls`);
  expect(zip.status()).toBe(404);
  await client.close();
});
