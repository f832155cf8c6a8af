// Pay to download, in the browser: the owner makes downloads wait for payment (Settings >
// Delivery), sends the invoice to (fake) Square and delivers; the client opens the gallery while
// the invoice is unpaid and sees watermarked previews only, no download, and the message with the
// link to pay; the fake Square reports the invoice paid (its signed webhook), and the same page,
// reloaded, downloads a ZIP whose entries are the delivered MLS renditions byte for byte. The
// listing's Client delivery card lists the delivery and revokes it after a confirmation.
import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import sharp from "sharp";
import yauzl from "yauzl";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { squareReportsPaid } from "../support/square";
import { checkPage, createListingViaApi, signIn } from "./helpers";

const idem = () => `dash-paygate-${randomBytes(6).toString("hex")}`;
const toastWith = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

async function photo(sky: string, wall: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="1200">
    <rect width="1800" height="1200" fill="${sky}"/><rect y="860" width="1800" height="340" fill="#4d7c3a"/>
    <polygon points="520,520 900,250 1280,520" fill="#7c2d12"/><rect x="580" y="520" width="640" height="380" fill="${wall}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

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

test("downloads wait for payment: watermarked previews while unpaid, the ZIP once Square reports it paid", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const agency = await provisionAgency("dash-paygate");
  const address = "7 Paywall Lane, Portland, OR 97209";
  const listing = await createListingViaApi(page.request, agency.key, { address, owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]!, package: "essentials" });
  const number = listing.listing_number;
  const form = new FormData();
  form.append("listing_number", number);
  form.append("files", new File([new Uint8Array(await photo("#7dd3fc", "#f5f0e6"))], "front.jpg", { type: "image/jpeg" }));
  form.append("files", new File([new Uint8Array(await photo("#312e81", "#e7e5e4"))], "back.jpg", { type: "image/jpeg" }));
  const uploaded = await page.request.post("/api/v1/media/upload", { headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() }, multipart: form });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const items = ((await uploaded.json()) as { items: { media_id: string; filename: string }[] }).items;
  const mlsOf = async (id: string) => {
    const res = await page.request.get(`/api/v1/media/${id}?size=mls`, { headers: { "X-API-Key": agency.key } });
    expect(res.status()).toBe(200);
    return Buffer.from(await res.body());
  };
  const mls = await Promise.all(items.map((item) => mlsOf(item.media_id)));

  // The owner turns the setting on (confirmed).
  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.getByRole("link", { name: "Delivery", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Delivery" })).toBeVisible();
  const setting = page.getByRole("checkbox", { name: "Downloads require payment" });
  await expect(setting).not.toBeChecked();
  await setting.check();
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("alertdialog", { name: "Require payment before downloads?" }).getByRole("button", { name: "Require payment" }).click();
  await expect(toastWith(page, "Downloads now require payment")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Downloads require payment" })).toBeChecked();
  await checkPage(page, "delivery-settings", async (p) => {
    await expect(p.getByRole("checkbox", { name: "Downloads require payment" })).toBeChecked();
  });

  // Sends the invoice through (fake) Square, then delivers: the card says downloads are locked.
  await page.goto(`/listings/${number}`);
  const orders = page.getByRole("region", { name: "Orders" });
  await orders.getByRole("button", { name: "Send invoice" }).click();
  await expect(toastWith(page, "Invoice sent")).toBeVisible();
  const payLink = await orders.getByRole("link", { name: /Public invoice/ }).getAttribute("href");
  expect(payLink).toMatch(/squareup\.com\/pay-invoice\//);
  const card = page.getByRole("region", { name: "Client delivery" });
  await card.getByRole("button", { name: "Deliver to client" }).click();
  await page.getByRole("alertdialog", { name: "Deliver to the client?" }).getByRole("button", { name: "Deliver" }).click();
  const link = card.getByLabel(/Gallery link/);
  await expect(link).toHaveValue(/\/d\/[A-Za-z0-9_-]{43}$/);
  const galleryUrl = await link.inputValue();
  await expect(card.getByText("Locked", { exact: true })).toBeVisible();
  const deliveries = card.getByRole("list", { name: "Deliveries" });
  await expect(deliveries.getByRole("listitem")).toHaveCount(1);
  await expect(deliveries.getByRole("listitem").first()).toContainText(/by Owner|by owner/i);
  await expect(deliveries.getByRole("listitem").first()).toContainText("Active");
  // The listing's override, confirmed: never locked opens it; back to the agency's setting locks it.
  const gate = card.getByLabel("Pay to download for this listing");
  // Each change's own toast (the previous one may still show).
  const changeGate = async (label: RegExp, badge: string, confirmation: string) => {
    await gate.selectOption({ label: (await gate.locator("option").allTextContents()).find((text) => label.test(text))! });
    await page.getByRole("alertdialog", { name: "Change pay to download for this listing?" }).getByRole("button", { name: "Change" }).click();
    await expect(toastWith(page, "Download setting saved").filter({ hasText: confirmation })).toBeVisible();
    await expect(card.getByText(badge, { exact: true })).toBeVisible();
  };
  await changeGate(/^Never locked$/, "Unlocked", "Downloads are open.");
  await changeGate(/^Agency's setting: locked until paid$/, "Locked", "Downloads are locked until the invoice is paid.");

  // The client, with no session, while the invoice is unpaid.
  const client = await browser.newContext({ acceptDownloads: true });
  const visitor = await client.newPage();
  expect((await visitor.goto(galleryUrl))?.status()).toBe(200);
  const due = visitor.getByRole("region", { name: "Payment due" });
  await expect(due).toContainText("Downloads open once the invoice is paid");
  await expect(due.getByRole("link", { name: "Pay the invoice" })).toHaveAttribute("href", payLink!);
  await expect(visitor.getByRole("link", { name: /^Download/ })).toHaveCount(0);
  await expect(visitor.getByText("Download after payment")).toHaveCount(2);
  const thumbs = visitor.getByRole("list", { name: "Delivered media" }).getByRole("img");
  await expect(thumbs).toHaveCount(2);
  for (const thumb of await thumbs.all()) {
    await expect(thumb).toHaveAttribute("src", /\/files\/[^/]+\/preview$/);
    await expect(thumb).not.toHaveAttribute("srcset", /./);
  }
  // The preview is a watermarked JPEG of web size, not the web rendition.
  const previewPath = await thumbs.first().getAttribute("src");
  const preview = await visitor.request.get(previewPath!);
  expect(preview.status()).toBe(200);
  expect((await sharp(Buffer.from(await preview.body())).metadata()).width).toBe(1280);
  const firstId = /\/files\/([^/]+)\/preview$/.exec(previewPath!)![1]!;
  const locked = await visitor.request.get(`${new URL(galleryUrl).pathname}/files/${firstId}/mls?download=1`);
  expect(locked.status()).toBe(402);
  expect((await locked.json()).error).toMatchObject({ code: "payment_required", request_id: expect.stringMatching(/^req_/) });
  expect((await visitor.request.get(`${new URL(galleryUrl).pathname}/download.zip?size=mls`)).status()).toBe(402);
  // The lightbox shows the same watermarked preview.
  await visitor.getByRole("button", { name: "Open Photo 1 full size" }).click();
  const slide = visitor.locator(".yarl__slide_current img");
  await expect(slide).toHaveAttribute("src", /\/files\/[^/]+\/preview$/);
  await expect.poll(() => slide.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await visitor.getByRole("button", { name: "Close" }).click();
  await expect(visitor.locator(".yarl__slide_current")).toHaveCount(0);
  await checkPage(visitor, "delivery-gallery-locked", async (p) => {
    await expect(p.getByRole("region", { name: "Payment due" })).toBeVisible();
    await expect.poll(() => p.getByRole("img").last().evaluate((img: HTMLImageElement) => { img.loading = "eager"; return img.complete && img.naturalWidth > 0; })).toBe(true);
  });

  // The client pays: the fake Square tells Valara's webhook receiver; nobody else acts.
  const orderList = await page.request.get(`/api/v1/listings/${number}/orders`, { headers: { "X-API-Key": agency.key } });
  const squareId = (await orderList.json()).items[0].invoice.square_invoice_id as string;
  const notified = await squareReportsPaid(squareId);
  expect(notified).toMatchObject({ status: 200, body: { outcome: "applied" } });

  // The same page, reloaded, downloads.
  await visitor.reload();
  await expect(visitor.getByRole("region", { name: "Payment due" })).toHaveCount(0);
  await expect(visitor.getByRole("list", { name: "Delivered media" }).getByRole("img").first()).toHaveAttribute("src", /\/files\/[^/]+\/thumb$/);
  await expect(visitor.getByRole("combobox", { name: "ZIP size" })).toHaveValue("mls");
  const [all] = await Promise.all([visitor.waitForEvent("download"), visitor.getByRole("link", { name: /^Download all/ }).click()]);
  expect(all.suggestedFilename()).toBe(`${number}-mls.zip`);
  const entries = await unzip(await all.path());
  expect(entries.map(([name]) => name)).toEqual([`${number}-01-photo.jpg`, `${number}-02-photo.jpg`]);
  // Gallery order is upload order here (no cover chosen): front, then back.
  const byName = Object.fromEntries(items.map((item, i) => [item.filename, mls[i]!]));
  expect(entries[0]![1].equals(byName["front.jpg"]!)).toBe(true);
  expect(entries[1]![1].equals(byName["back.jpg"]!)).toBe(true);
  await fs.rm(await all.path(), { force: true });

  // The card says so too, and revokes the delivery after a confirmation.
  await page.reload();
  await expect(card.getByText("Unlocked", { exact: true })).toBeVisible();
  await expect(card).toContainText("the invoice is paid");
  await checkPage(page, "listing-delivery-card", async (p) => {
    await p.getByRole("region", { name: "Client delivery" }).scrollIntoViewIfNeeded();
    await expect(p.getByRole("list", { name: "Deliveries" }).getByRole("listitem")).toHaveCount(1);
  });
  await deliveries.getByRole("button", { name: /^Revoke the delivery of/ }).click();
  const confirm = page.getByRole("alertdialog", { name: "Revoke this gallery link?" });
  await confirm.getByRole("button", { name: "Revoke link" }).click();
  await expect(toastWith(page, "Gallery link revoked")).toBeVisible();
  await expect(deliveries.getByRole("listitem").first()).toContainText("Revoked");
  await expect(deliveries.getByRole("button", { name: /^Revoke/ })).toHaveCount(0);
  expect((await visitor.goto(galleryUrl))?.status()).toBe(404);
  await client.close();
});
