// The public property page the API's property_url points at: no sign-in needed.
import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { provisionAgency } from "../support/cli";
import { createListingViaApi, screenshot } from "./helpers";

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
    request.patch(`/api/v1/listings/${number}/sections/${section}`, {
      headers: { "X-API-Key": agency.key, "X-Idempotency-Key": `dash-prop-${randomBytes(6).toString("hex")}` },
      data,
    });

  // Without media yet.
  await page.goto(`/property/${number}`);
  await expect(page.getByRole("heading", { name: "1600 Public Page Ave, Portland, OR 97205", level: 1 })).toBeVisible();
  await expect(page.getByText("Coming Soon")).toBeVisible();
  await expect(page.getByText("on their way")).toBeVisible();

  expect((await patch("matterport", { model_id: "SxQL3iGyoDo" })).status()).toBe(200);
  expect((await patch("floorplan", { url: "https://example.com/plans/1600.pdf" })).status()).toBe(200);

  await page.goto(`/property/${number.toLowerCase()}`);
  await expect(page).toHaveURL(new RegExp(`/property/${number}$`));
  await expect(page.getByText(`Presented by E2E ${agency.slug}`)).toBeVisible();
  await expect(page.getByTitle("3D tour of 1600 Public Page Ave, Portland, OR 97205")).toHaveAttribute(
    "src",
    "https://my.matterport.com/show/?m=SxQL3iGyoDo",
  );
  await expect(page.getByRole("link", { name: "Open 3D tour in a new tab" })).toHaveAttribute("href", "https://my.matterport.com/show/?m=SxQL3iGyoDo");
  await expect(page.getByRole("link", { name: "View floor plan" })).toHaveAttribute("href", "https://example.com/plans/1600.pdf");
  await screenshot(page, "property");

  const cancel = await request.post(`/api/v1/listings/${number}/cancel`, {
    headers: { "X-API-Key": agency.key, "X-Idempotency-Key": `dash-prop-${randomBytes(6).toString("hex")}` },
  });
  expect(cancel.status()).toBe(200);
  const gone = await page.goto(`/property/${number}`);
  expect(gone?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This property page is not available" })).toBeVisible();
});
