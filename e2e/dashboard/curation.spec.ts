// Curating a listing's photos in the dashboard: the owner drops three photos on the upload form
// (a real drop event carrying files), uploads them, moves one earlier, captions one, makes it the
// cover, deletes one and undoes it. Each step is checked against the API's view of the listing.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { createListingViaApi, screenshot, signIn } from "./helpers";

const PHOTO = fs.readFileSync(path.resolve("e2e/fixtures/media/photo.jpg"));

test("the owner drops photos, reorders, captions, picks the cover, deletes and undoes", async ({ page, request }) => {
  const agency = await provisionAgency("dash-curate");
  const listing = await createListingViaApi(request, agency.key, { address: "12 Curation Ln, Portland, OR 97201", owner_user_id: agency.ownerId, agent_one_id: agency.agentIds[0]! });
  const photosOverApi = async () => {
    const res = await request.get(`/api/v1/listings/${listing.listing_number}`, { headers: { "X-API-Key": agency.key } });
    return ((await res.json()) as { media: { photos: { filename: string; caption: string | null; is_cover: boolean }[] } }).media.photos;
  };

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.goto(`/listings/${listing.listing_number}`);
  const form = page.getByRole("form", { name: "Upload media" });
  const dataTransfer = await page.evaluateHandle((bytes) => {
    const transfer = new DataTransfer();
    for (const name of ["front.jpg", "kitchen.jpg", "garden.jpg"]) transfer.items.add(new File([new Uint8Array(bytes)], name, { type: "image/jpeg" }));
    return transfer;
  }, [...PHOTO]);
  await form.dispatchEvent("dragover", { dataTransfer });
  await form.dispatchEvent("drop", { dataTransfer });
  await expect(form.getByText("3 files selected")).toBeVisible();
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByText("Uploaded 3 files.")).toBeVisible();

  const photos = page.getByRole("region", { name: "Photos" });
  await expect(photos.getByRole("img")).toHaveCount(3);
  await photos.getByRole("button", { name: "Move garden.jpg earlier" }).click();
  await expect.poll(async () => (await photosOverApi()).map((p) => p.filename)).toEqual(["front.jpg", "garden.jpg", "kitchen.jpg"]);
  await expect(photos.getByRole("img").nth(1)).toHaveAttribute("alt", "garden.jpg");

  await photos.getByLabel("Caption for garden.jpg").fill("The garden in spring");
  await photos.getByRole("listitem").filter({ has: page.getByLabel("Caption for garden.jpg") }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Caption saved")).toBeVisible();
  await photos.getByRole("listitem").filter({ has: page.getByLabel("Caption for garden.jpg") }).getByRole("button", { name: "Cover" }).click();
  await expect(page.getByText("garden.jpg is the cover photo")).toBeVisible();
  await expect.poll(async () => (await photosOverApi()).find((p) => p.filename === "garden.jpg")).toMatchObject({ caption: "The garden in spring", is_cover: true });
  await screenshot(page, "listing-media-curation");

  await photos.getByRole("button", { name: "Delete kitchen.jpg" }).click();
  await expect(photos.getByRole("img")).toHaveCount(2);
  await expect.poll(async () => (await photosOverApi()).map((p) => p.filename)).toEqual(["front.jpg", "garden.jpg"]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("kitchen.jpg is back")).toBeVisible();
  await expect(photos.getByRole("img")).toHaveCount(3);
  await expect.poll(async () => (await photosOverApi()).map((p) => p.filename)).toEqual(["front.jpg", "garden.jpg", "kitchen.jpg"]);
});
