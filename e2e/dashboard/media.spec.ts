// The listing page in the dashboard: the owner opens a listing from the table, uploads a photo
// with the session cookie, sees it listed and fetches it; the same cookie from another origin is
// refused.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { OWNER, screenshot, signIn } from "./helpers";

const PHOTO = path.resolve("e2e/fixtures/media/photo.jpg");

test("the owner uploads a photo on the listing page and sees it", async ({ page }) => {
  await signIn(page, OWNER);
  // A listing that takes media (the demo's Coming Soon listing on Mississippi Ave has no media).
  const row = page.getByRole("row", { name: /7 Mississippi Ave/ });
  const number = (await row.getByRole("link", { name: /^[A-Z0-9]{6,8}$/ }).textContent())!.trim();
  await row.getByRole("link", { name: number, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/listings/${number}$`));
  await expect(page.getByRole("heading", { level: 1, name: "7 Mississippi Ave, Portland, OR 97217" })).toBeVisible();
  await expect(page.getByText("Coming Soon").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "People" })).toContainText("Olivia Northlight");
  await expect(page.getByRole("link", { name: /Public property page/ })).toHaveAttribute("href", `/property/${number}`);

  const form = page.getByRole("form", { name: "Upload media" });
  await form.getByLabel("Files").setInputFiles(PHOTO);
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByText("Uploaded 1 file.")).toBeVisible();

  const photos = page.getByRole("region", { name: "Photos" });
  const image = photos.getByRole("img", { name: "photo.jpg" });
  await expect(image).toBeVisible();
  // The thumbnail really loaded through the session cookie.
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(12);
  await screenshot(page, "listing-media");

  const href = await photos.getByRole("link", { name: /photo\.jpg/ }).getAttribute("href");
  expect(href).toMatch(/^\/api\/v1\/media\/media_[0-9A-Z]{26}$/);
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/jpeg");
  expect(Buffer.compare(await download.body(), fs.readFileSync(PHOTO))).toBe(0);
});

test("an upload error is shown in the envelope's words", async ({ page }) => {
  await signIn(page, OWNER);
  const row = page.getByRole("row", { name: /7 Mississippi Ave/ });
  await row.getByRole("link", { name: /^[A-Z0-9]{6,8}$/ }).click();
  const form = page.getByRole("form", { name: "Upload media" });
  await form.getByLabel("Files").setInputFiles({ name: "notes.jpg", mimeType: "image/jpeg", buffer: Buffer.from("plain text, not a photo") });
  await form.getByRole("button", { name: "Upload" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText("Upload failed");
  await expect(alert).toContainText("notes.jpg is not a file type Valara recognizes");
  await expect(alert).toContainText(/Request req_[0-9A-Z]{26}/);
});

test("the session cookie does not upload from another origin", async ({ page }) => {
  await signIn(page, OWNER);
  const row = page.getByRole("row", { name: /7 Mississippi Ave/ });
  const number = (await row.getByRole("link", { name: /^[A-Z0-9]{6,8}$/ }).textContent())!.trim();
  const attempt = (headers: Record<string, string>) =>
    page.request.post("/api/v1/media/upload", {
      headers: { "X-Idempotency-Key": `cross-${Math.random()}`, ...headers },
      multipart: { listing_number: number, files: { name: "x.jpg", mimeType: "image/jpeg", buffer: fs.readFileSync(PHOTO) } },
      failOnStatusCode: false,
    });
  for (const headers of [{ Origin: "https://attacker.example" }, { Referer: "https://attacker.example/page" }] as Record<string, string>[]) {
    const res = await attempt(headers);
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("forbidden");
  }
  // The same request from the app's own origin goes through: the cookie was valid all along.
  const own = await attempt({ Origin: new URL(page.url()).origin });
  expect(own.status()).toBe(201);
});

test("pressing Upload again after a lost answer stores the files once", async ({ page }) => {
  await signIn(page, OWNER);
  await page.getByRole("row", { name: /7 Mississippi Ave/ }).getByRole("link", { name: /^[A-Z0-9]{6,8}$/ }).click();
  const keys: string[] = [];
  let loseTheAnswer = true;
  await page.route("**/api/v1/media/upload", async (route) => {
    keys.push(route.request().headers()["x-idempotency-key"]!);
    if (loseTheAnswer) {
      loseTheAnswer = false;
      await route.fetch(); // the server stores the upload…
      await route.abort("connectionreset"); // …and its answer never reaches the page
      return;
    }
    await route.continue();
  });

  const form = page.getByRole("form", { name: "Upload media" });
  await form.getByLabel("Files").setInputFiles({ name: "retried.jpg", mimeType: "image/jpeg", buffer: fs.readFileSync(PHOTO) });
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByRole("alert")).toContainText("Could not reach Valara");
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByText("Uploaded 1 file.")).toBeVisible();

  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  await page.reload();
  await expect(page.getByRole("region", { name: "Photos" }).getByRole("img", { name: "retried.jpg" })).toHaveCount(1);
});

test("several files upload one by one, each with its progress; one that fails is retried on its own with the same key", async ({ page }) => {
  await signIn(page, OWNER);
  await page.getByRole("row", { name: /7 Mississippi Ave/ }).getByRole("link", { name: /^[A-Z0-9]{6,8}$/ }).click();
  const keysOf: Record<string, string[]> = {};
  let failOnce = true;
  await page.route("**/api/v1/media/upload", async (route) => {
    const body = route.request().postDataBuffer()?.toString("latin1") ?? "";
    const name = /filename="([^"]+)"/.exec(body)?.[1] ?? "?";
    (keysOf[name] ??= []).push(route.request().headers()["x-idempotency-key"]!);
    if (name === "middle.jpg" && failOnce) {
      failOnce = false;
      await route.abort("connectionreset");
      return;
    }
    await route.continue();
  });
  const form = page.getByRole("form", { name: "Upload media" });
  const bytes = fs.readFileSync(PHOTO);
  await form.getByLabel("Files").setInputFiles(["first.jpg", "middle.jpg", "last.jpg"].map((name) => ({ name, mimeType: "image/jpeg", buffer: bytes })));
  await expect(form.getByText("3 files selected")).toBeVisible();
  await form.getByRole("button", { name: "Upload" }).click();

  // Two went through, in order; the one that failed says why and offers its own Retry.
  await expect(form.getByText("Uploaded 2 files.")).toBeVisible();
  const list = form.getByRole("list", { name: "Files to upload" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText("middle.jpg");
  await expect(form.getByRole("alert")).toContainText("Could not reach Valara");
  await form.screenshot({ path: "test-results/screenshots/upload-retry-desktop.png" });
  await page.setViewportSize({ width: 375, height: 800 });
  await form.screenshot({ path: "test-results/screenshots/upload-retry-phone.png" });
  await form.getByRole("button", { name: "Retry middle.jpg" }).click();
  await expect(form.getByText("Uploaded 1 file.")).toBeVisible();
  await expect(list).toHaveCount(0);

  expect(Object.keys(keysOf).sort()).toEqual(["first.jpg", "last.jpg", "middle.jpg"]);
  expect(keysOf["middle.jpg"]).toHaveLength(2);
  expect(keysOf["middle.jpg"]![1]).toBe(keysOf["middle.jpg"]![0]); // a retry is the same upload
  expect(new Set(Object.values(keysOf).map((keys) => keys[0])).size).toBe(3); // one key per file
  const photos = page.getByRole("region", { name: "Photos" });
  for (const name of ["first.jpg", "middle.jpg", "last.jpg"]) await expect(photos.getByRole("img", { name })).toHaveCount(1);
});
