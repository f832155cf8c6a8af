// Settings > API keys: minting a key in the dashboard, using it on /api/v1, revoking it; who may
// manage keys; a platform admin minting for another agency.
import { expect, test } from "@playwright/test";
import { ADMIN, OWNER, VIEWER, actFor, mintKeyInUi, screenshot, signIn, uniqueName } from "./helpers";

test.beforeEach(async ({ context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
});

test("the owner mints a key, uses it on the API, and revokes it", async ({ page, request }) => {
  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  // The form reports the schema's errors before anything is sent.
  await page.getByRole("button", { name: "Generate new key" }).click();
  await page.getByRole("button", { name: "Generate key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible();
  await expect(page.getByText("Choose at least one scope")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();

  const name = uniqueName("Website sync");
  const key = await mintKeyInUi(page, name, ["listings:read", "listings:write"]);
  await screenshot(page, "api-keys-new-key-dialog");

  // A stray Escape does not throw the key away; only "Done" closes the dialog.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog", { name: "Save your new API key" })).toBeVisible();

  // Closing the dialog removes the plaintext from the page.
  await page.getByRole("button", { name: "Done, I saved it" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Active");
  await expect(row).toContainText("listings:read");
  await expect(row).toContainText("listings:write");
  await expect(row).toContainText("by Olivia Northlight");
  await expect(row).toContainText("Never"); // last used
  await expect(row).toContainText(key.slice(0, "ma_live_ak_".length + 8));

  const ok = await request.get("/api/v1/listings", { headers: { "X-API-Key": key } });
  expect(ok.status()).toBe(200);
  const page1 = (await ok.json()) as { items: { address: string }[]; total: number };
  expect(page1.total).toBeGreaterThanOrEqual(6);
  expect(page1.items.map((l) => l.address)).toContain("3310 SE Belmont St, Portland, OR 97214");

  await row.getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke “${name}”?` });
  await expect(confirm).toContainText("cannot be undone");
  // Cancelling changes nothing.
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("Active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  await expect(page.getByText(`“${name}” was revoked.`)).toBeVisible();
  await screenshot(page, "api-keys-table-revoked");

  const refused = await request.get("/api/v1/listings", { headers: { "X-API-Key": key } });
  expect(refused.status()).toBe(401);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("api_key_revoked");
});

test("a viewer cannot mint keys", async ({ page }) => {
  await signIn(page, VIEWER);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Listings" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "API keys" })).toHaveCount(0);

  await page.goto("/settings/api-keys");
  await expect(page.getByText("Only the agency owner manages API keys")).toBeVisible();
  await expect(page.getByRole("button", { name: "Generate new key" })).toHaveCount(0);
  await screenshot(page, "api-keys-viewer");

  // The server refuses too, whatever the page shows.
  const response = await page.request.post("/api/trpc/apiKeys.create", {
    data: { name: "sneaky", scopes: ["listings:read"] },
  });
  expect(response.status()).toBe(403);
  const body = (await response.json()) as { error: { data: { code: string } } };
  expect(body.error.data.code).toBe("forbidden");
});

test("a platform admin chooses Harbor Realty and mints a key that works only there", async ({ page, request }) => {
  await signIn(page, ADMIN);
  // No agency chosen yet: a prompt, not errors.
  await expect(page.getByRole("heading", { name: "Choose an agency to act for" })).toBeVisible();
  await screenshot(page, "admin-choose-agency");

  // Act for Northlight first, to learn one of its listing numbers from the table.
  await actFor(page, "Northlight Media");
  const switcher = page.getByLabel("Acting for");
  const firstCell = page.getByRole("row", { name: /3310 SE Belmont St/ }).getByRole("cell").first();
  const northlightNumber = (await firstCell.innerText()).trim().split(/\s+/)[0]!;
  expect(northlightNumber).toMatch(/^[A-Z0-9]{6,8}$/);

  // Then switch to Harbor Realty in the header.
  await switcher.selectOption({ label: "Harbor Realty (Broker)" });
  await expect(page.getByRole("row", { name: /12 Wharf St/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /3310 SE Belmont St/ })).toHaveCount(0);
  await screenshot(page, "admin-harbor-listings");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("Keys you generate here belong to Harbor Realty")).toBeVisible();
  const name = uniqueName("Harbor support key");
  await page.getByRole("button", { name: "Generate new key" }).click();
  await expect(page.getByRole("form", { name: "Generate new key" })).toContainText("The key will belong to Harbor Realty");
  await page.getByRole("button", { name: "Cancel" }).click();
  const key = await mintKeyInUi(page, name, ["listings:read"]);
  await page.getByRole("button", { name: "Done, I saved it" }).click();

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Minted on behalf");
  await expect(row).toContainText("by Sam Support");
  await screenshot(page, "admin-harbor-api-keys");

  const list = await request.get("/api/v1/listings", { headers: { "X-API-Key": key } });
  expect(list.status()).toBe(200);
  const listings = (await list.json()) as { items: { listing_number: string; address: string }[] };
  expect(listings.items.map((l) => l.address)).toContain("12 Wharf St, Boston, MA 02110");
  expect(listings.items.map((l) => l.listing_number)).not.toContain(northlightNumber);

  const foreign = await request.get(`/api/v1/listings/${northlightNumber}`, { headers: { "X-API-Key": key } });
  expect(foreign.status()).toBe(404);
  expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe("listing_not_found");
});
