// The public property pages the API's property_url points at: no sign-in needed. The branded page
// (/property/<n>) and the unbranded one for the MLS (/property/<n>/unbranded): photos with srcset
// and a lightbox, share tags and JSON-LD, no agency or agent and no link out on the unbranded one,
// views counted and shown to the agency, and nothing public once the listing is cancelled.
import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { checkPage, createListingViaApi, screenshot, signIn } from "./helpers";

// Headless Chromium says "HeadlessChrome", which is (rightly) counted as a bot: visit as a person.
test.use({ userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36" });

const idem = () => `dash-prop-${randomBytes(6).toString("hex")}`;

/** A photo-like JPEG (sky, lawn, a house) so the screenshots look like a listing. */
async function fakePhoto(sky: [string, string], wall: string, roof: string, width = 1800, height = 1200): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 1800 1200">
    <defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${sky[0]}"/><stop offset="1" stop-color="${sky[1]}"/></linearGradient></defs>
    <rect width="1800" height="1200" fill="url(#s)"/>
    <rect y="860" width="1800" height="340" fill="#4d7c3a"/>
    <polygon points="520,520 900,250 1280,520" fill="${roof}"/>
    <rect x="580" y="520" width="640" height="380" fill="${wall}"/>
    <rect x="840" y="700" width="120" height="200" fill="#5b3a29"/>
    <rect x="640" y="600" width="130" height="110" fill="#cfe8ff"/><rect x="1030" y="600" width="130" height="110" fill="#cfe8ff"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

async function uploadPhotos(page: Page, key: string, listingNumber: string, files: [string, Buffer][]) {
  const form = new FormData();
  form.append("listing_number", listingNumber);
  for (const [name, bytes] of files) form.append("files", new File([new Uint8Array(bytes)], name, { type: "image/jpeg" }));
  const response = await page.request.post("/api/v1/media/upload", { headers: { "X-API-Key": key, "X-Idempotency-Key": idem() }, multipart: form });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { items: { media_id: string; filename: string }[] }).items;
}

test("shows a listing publicly, and nothing once it is cancelled", async ({ page, request }) => {
  const agency = await provisionAgency("dash-property");
  const listing = await createListingViaApi(request, agency.key, {
    address: "1600 Public Page Ave, Portland, OR 97205",
    owner_user_id: agency.ownerId,
    agent_one_id: agency.agentIds[0]!,
  });
  const number = listing.listing_number;
  expect(new URL(listing.property_url).pathname).toBe(`/property/${number}`);
  const patch = (section: string, data: object) =>
    request.patch(`/api/v1/listings/${number}/sections/${section}`, { headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() }, data });

  // Without media yet.
  await page.goto(`/property/${number}`);
  await expect(page.getByRole("heading", { name: "1600 Public Page Ave, Portland, OR 97205", level: 1 })).toBeVisible();
  await expect(page.getByText("Coming Soon")).toBeVisible();
  await expect(page.getByText("on their way")).toBeVisible();
  // No photo yet: the default share image.
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-default\.png$/);

  expect((await patch("matterport", { model_id: "SxQL3iGyoDo" })).status()).toBe(200);
  expect((await patch("floorplan", { url: "https://example.com/plans/1600.pdf" })).status()).toBe(200);

  await page.goto(`/property/${number.toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/property/${number}$`));
  await expect(page.getByText(`Presented by E2E ${agency.slug}`).first()).toBeVisible();
  await expect(page.getByTitle("3D tour of 1600 Public Page Ave, Portland, OR 97205")).toHaveAttribute("src", "https://my.matterport.com/show/?m=SxQL3iGyoDo");
  await expect(page.getByRole("link", { name: "Open 3D tour in a new tab" })).toHaveAttribute("href", "https://my.matterport.com/show/?m=SxQL3iGyoDo");
  await expect(page.getByRole("link", { name: "View floor plan" })).toHaveAttribute("href", "https://example.com/plans/1600.pdf");
  await screenshot(page, "property");

  const cancel = await request.post(`/api/v1/listings/${number}/cancel`, { headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() } });
  expect(cancel.status()).toBe(200);
  const gone = await page.goto(`/property/${number}`);
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This property page is not available" })).toBeVisible();
});

test("photos with srcset and a lightbox, share tags, JSON-LD, an unbranded page without the agency, views, and 404s once cancelled", async ({ page }) => {
  const agency = await provisionAgency("dash-property-photos");
  const address = "742 Evergreen Terrace, Springfield, OR 97477";
  const listing = await createListingViaApi(page.request, agency.key, { address, owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]! });
  const number = listing.listing_number;
  const items = await uploadPhotos(page, agency.key, number, [
    ["front.jpg", await fakePhoto(["#7dd3fc", "#e0f2fe"], "#f5f0e6", "#7c2d12")],
    ["dusk.jpg", await fakePhoto(["#312e81", "#f97316"], "#e7e5e4", "#292524")],
    ["side.jpg", await fakePhoto(["#93c5fd", "#f0f9ff"], "#fde68a", "#1e3a8a")],
    ["garden.jpg", await fakePhoto(["#a5f3fc", "#ecfeff"], "#fecaca", "#14532d")],
    ["back.jpg", await fakePhoto(["#bae6fd", "#f8fafc"], "#d6d3d1", "#44403c")],
  ]);
  const dusk = items.find((item) => item.filename === "dusk.jpg")!;
  const cover = await page.request.patch(`/api/v1/media/${dusk.media_id}`, {
    headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() },
    data: { caption: "The house at dusk", is_cover: true },
  });
  expect(cover.status(), await cover.text()).toBe(200);
  const section = await page.request.patch(`/api/v1/listings/${number}/sections/matterport`, {
    headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() },
    data: { model_id: "SxQL3iGyoDo" },
  });
  expect(section.status()).toBe(200);

  // The branded page.
  const response = await page.goto(`/property/${number}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveTitle(`${address} · E2E ${agency.slug}`);
  const gallery = page.getByRole("region", { name: /Photos/ });
  const thumbs = gallery.getByRole("img");
  await expect(thumbs).toHaveCount(5);
  // The cover leads, captioned; every image is lazy, with the thumb and web renditions in srcset.
  await expect(thumbs.first()).toHaveAttribute("alt", "The house at dusk");
  for (const img of await thumbs.all()) {
    await expect(img).toHaveAttribute("loading", "lazy");
    await expect(img).toHaveAttribute("srcset", /\/media\/[^/ ]+\/thumb \d+w, \/property\/[A-Z0-9]+\/media\/[^/ ]+\/web \d+w/);
  }
  await expect(page.locator("section[aria-labelledby=property-address] img")).toHaveAttribute("fetchpriority", "high");
  // The images load (the public route serves them).
  await expect.poll(() => thumbs.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The agent and agency.
  const contact = page.getByRole("complementary", { name: "Listing agent" });
  await expect(contact.getByText(`agent1 ${agency.slug}`)).toBeVisible();
  await expect(contact.getByRole("link", { name: `agent1@${agency.slug}.test` })).toHaveAttribute("href", `mailto:agent1@${agency.slug}.test`);

  // Lightbox: opens at the photo clicked, moves on, closes with Escape.
  await thumbs.nth(1).click();
  const lightbox = page.locator(".yarl__container");
  await expect(lightbox).toBeVisible();
  await expect(lightbox.locator(".yarl__slide_current img")).toHaveAttribute("srcset", /\/web 1280w/);
  await page.getByRole("button", { name: "Next photo" }).click();
  await page.keyboard.press("Escape");
  await expect(lightbox).toBeHidden();

  // Share tags: absolute URLs, the cover's web rendition as the image; JSON-LD for the listing.
  const meta = (selector: string) => page.locator(`meta[${selector}]`).getAttribute("content");
  const ogImage = (await meta('property="og:image"'))!;
  expect(ogImage).toMatch(new RegExp(`^https?://[^/]+/property/${number}/media/${dusk.media_id}/web$`));
  expect(await meta('property="og:title"')).toBe(`${address} · E2E ${agency.slug}`);
  expect(await meta('property="og:url"')).toMatch(new RegExp(`^https?://[^/]+/property/${number}$`));
  expect(await meta('name="description"')).toContain(address);
  expect(await meta('name="twitter:card"')).toBe("summary_large_image");
  expect(await meta('name="twitter:image"')).toBe(ogImage);
  const image = await page.request.get(new URL(ogImage).pathname);
  expect(image.status()).toBe(200);
  expect(image.headers()["content-type"]).toBe("image/jpeg");
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd).toMatchObject({
    "@context": "https://schema.org",
    "@type": "RealEstateListing",
    name: address,
    mainEntity: { address: { "@type": "PostalAddress", streetAddress: "742 Evergreen Terrace", addressLocality: "Springfield", addressRegion: "OR", postalCode: "97477" } },
    provider: { "@type": "Organization", name: `E2E ${agency.slug}` },
  });
  expect(jsonLd.image).toHaveLength(5);
  // Originals and the MLS size are never public.
  expect((await page.request.get(`/property/${number}/media/${dusk.media_id}/mls`)).status()).toBe(404);
  expect((await page.request.get(`/property/${number}/media/${dusk.media_id}/file`)).status()).toBe(404);

  await checkPage(page, "property-photos", async (p) => {
    await expect(p.getByRole("heading", { name: address, level: 1 })).toBeVisible();
    await p.evaluate(() => document.querySelectorAll("img").forEach((img) => img.setAttribute("loading", "eager")));
    await expect.poll(() => p.evaluate(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
  });

  // The unbranded page: the same media; no agency, agent or contact, no link out, not indexed.
  await page.goto(`/property/${number}/unbranded`);
  await expect(page.getByRole("heading", { name: address, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: /Photos/ }).getByRole("img")).toHaveCount(5);
  await expect(page).toHaveTitle(address);
  const html = await page.content();
  for (const forbidden of [`E2E ${agency.slug}`, agency.slug, "agent1", "mailto:", "Valara"]) expect(html, forbidden).not.toContain(forbidden);
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/presented by|contact/i);
  const origin = new URL(page.url()).origin;
  const links = await page.locator("a[href]").evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  expect(links.filter((href) => !href.startsWith(origin))).toEqual([]);
  expect(await meta('name="robots"')).toBe("noindex, nofollow");
  await expect(page.getByTitle(`3D tour of ${address}`)).toHaveAttribute("src", "https://my.matterport.com/show/?m=SxQL3iGyoDo&mls=1");
  await checkPage(page, "property-unbranded", async (p) => {
    await expect(p.getByRole("heading", { name: address, level: 1 })).toBeVisible();
    await p.evaluate(() => document.querySelectorAll("img").forEach((img) => img.setAttribute("loading", "eager")));
    await expect.poll(() => p.evaluate(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0))).toBe(true);
  });

  // The visits were counted (one visitor: this browser), for the API and on the dashboard.
  await expect
    .poll(async () => ((await (await page.request.get(`/api/v1/listings/${number}`, { headers: { "X-API-Key": agency.key } })).json()) as { views_last_30_days: number }).views_last_30_days)
    .toBe(1);
  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.goto(`/listings/${number}`);
  const views = page.getByRole("region", { name: "Property page views" });
  await expect(views.getByTestId("views-total")).toHaveText("1 view");
  await screenshot(page, "listing-views");

  // Cancelled: both pages and the media are gone.
  const cancel = await page.request.post(`/api/v1/listings/${number}/cancel`, { headers: { "X-API-Key": agency.key, "X-Idempotency-Key": idem() } });
  expect(cancel.status()).toBe(200);
  expect((await page.goto(`/property/${number}`))?.status()).toBe(404);
  expect((await page.goto(`/property/${number}/unbranded`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This property page is not available" })).toBeVisible();
  expect((await page.request.get(new URL(ogImage).pathname)).status()).toBe(404);
});
