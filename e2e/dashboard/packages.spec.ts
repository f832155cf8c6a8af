// /packages: the owner creates, edits, retires and un-retires packages and add-ons (server errors
// on their fields; a retired package is not offered to new listings and the server refuses it);
// a viewer reads the same page with no write control, and a forced write is 403. Packages made
// here have codes no other spec uses: the demo's own packages are left alone.
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { OWNER, VIEWER, checkPage, signIn } from "./helpers";

const code = () => `e2e-${randomBytes(3).toString("hex")}`;

const trpcPost = (page: Page, baseURL: string, procedure: string, data: unknown) =>
  page.request.post(`/api/trpc/${procedure}`, {
    headers: { "X-Idempotency-Key": `packages-${Date.now()}-${randomBytes(4).toString("hex")}`, Origin: baseURL, "Content-Type": "application/json" },
    data,
  });

test("the owner creates, edits, retires and un-retires a package and an add-on", async ({ page, baseURL }) => {
  // axe and screenshots at two widths on several pages: past 90 s on a loaded machine.
  test.setTimeout(180_000);
  await signIn(page, OWNER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Packages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Packages and add-ons" })).toBeVisible();
  const packages = page.getByRole("region", { name: "Packages" });
  const addOns = page.getByRole("region", { name: "Add-ons" });
  await expect(packages.getByRole("row", { name: /Essentials Photo/ })).toContainText("$249.00");
  await expect(packages.getByRole("row", { name: /Essentials Photo/ })).toContainText("1 h 30 min");
  await expect(addOns.getByRole("row", { name: /Drone aerials/ })).toContainText("$199.00");

  // A code already taken: the server's answer lands on the Code field.
  await page.getByRole("button", { name: "New package" }).click();
  let dialog = page.getByRole("dialog", { name: "New package" });
  await dialog.getByLabel("Name").fill("Second essentials");
  await dialog.getByLabel("Code").fill("essentials");
  await dialog.getByLabel("Price").fill("100");
  await dialog.getByRole("button", { name: "Create package" }).click();
  await expect(dialog.getByText("is already taken")).toBeVisible();
  await expect(dialog.getByLabel("Code")).toHaveAttribute("aria-invalid", "true");
  // A price that is not money: caught before sending, on its field.
  const pkg = code();
  await dialog.getByLabel("Code").fill(pkg);
  await dialog.getByLabel("Price").fill("12,50");
  await dialog.getByRole("button", { name: "Create package" }).click();
  await expect(dialog.getByText("must be an amount such as 249 or 249.50")).toBeVisible();
  await dialog.getByLabel("Name").fill(`Spring special ${pkg}`);
  await dialog.getByLabel("Price").fill("315.50");
  await dialog.getByLabel("Duration (minutes)").fill("75");
  await dialog.getByRole("button", { name: "Create package" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Spring special ${pkg} created`)).toBeVisible();
  const row = packages.getByRole("row", { name: new RegExp(`Spring special ${pkg}`) });
  await expect(row).toContainText("$315.50");
  await expect(row).toContainText("1 h 15 min");
  await expect(row).toContainText("Active");

  // An add-on of no extra time.
  const addOn = code();
  await page.getByRole("button", { name: "New add-on" }).click();
  dialog = page.getByRole("dialog", { name: "New add-on" });
  await dialog.getByLabel("Name").fill(`Floor plan ${addOn}`);
  await dialog.getByLabel("Code").fill(addOn);
  await dialog.getByLabel("Price").fill("49");
  await dialog.getByLabel("Duration (minutes)").fill("0");
  await dialog.getByRole("button", { name: "Create add-on" }).click();
  await expect(dialog).toBeHidden();
  await expect(addOns.getByRole("row", { name: new RegExp(`Floor plan ${addOn}`) })).toContainText("No extra time");

  // Edit: the code is fixed, the price and the name change.
  await row.getByRole("button", { name: /^Edit / }).click();
  dialog = page.getByRole("dialog", { name: `Edit Spring special ${pkg}` });
  await expect(dialog.getByLabel("Code")).toHaveAttribute("readonly", "");
  await checkPage(page, "packages-edit-dialog", async () => {
    await expect(dialog.getByLabel("Price")).toBeVisible();
  });
  await dialog.getByLabel("Name").fill(`Summer special ${pkg}`);
  await dialog.getByLabel("Price").fill("299");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  const edited = packages.getByRole("row", { name: new RegExp(`Summer special ${pkg}`) });
  await expect(edited).toContainText("$299.00");

  // Offered to a new listing while active.
  await page.goto("/listings/new");
  await expect(page.getByRole("radio", { name: new RegExp(`Summer special ${pkg}`) })).toBeVisible();

  // Retire, after a confirmation: hidden unless "Show retired", not offered to new listings.
  await page.goto("/packages");
  await edited.getByRole("button", { name: /^Retire / }).click();
  const confirm = page.getByRole("alertdialog", { name: `Retire Summer special ${pkg}?` });
  await expect(confirm).toContainText("Past orders and listings keep it");
  await confirm.getByRole("button", { name: "Retire package" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`Summer special ${pkg} retired`)).toBeVisible();
  await expect(edited).toHaveCount(0);
  await page.getByLabel("Show retired").check();
  await expect(page).toHaveURL(/retired=1/);
  await expect(edited).toContainText("Retired");
  await checkPage(page, "packages", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Packages and add-ons" })).toBeVisible();
    await expect(p.getByText(`Summer special ${pkg}`).locator("visible=true").first()).toBeVisible();
  });

  await page.goto("/listings/new");
  await expect(page.getByRole("radio", { name: /Essentials Photo/ })).toBeVisible();
  await expect(page.getByRole("radio", { name: new RegExp(`Summer special ${pkg}`) })).toHaveCount(0);
  // The server refuses it anyway, naming the field.
  const me = await (await page.request.get("/api/trpc/session.me")).json();
  const userId = me.result.data.user.id as string;
  const refused = await trpcPost(page, baseURL!, "listings.create", { address: "9 Retired Way, Portland, OR", owner_user_id: userId, agent_one_id: userId, package: pkg });
  expect(refused.status()).toBe(422);
  const body = await refused.json();
  expect(body.error.data.code).toBe("invalid_reference");
  expect(body.error.data.details).toEqual([{ field: "package", message: expect.stringContaining("is retired") }]);

  // Un-retire: offered again.
  await page.goto("/packages?retired=1");
  await packages.getByRole("row", { name: new RegExp(`Summer special ${pkg}`) }).getByRole("button", { name: /^Un-retire / }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Un-retire package" }).click();
  await expect(page.getByText(`Summer special ${pkg} is offered again`)).toBeVisible();
  await expect(packages.getByRole("row", { name: new RegExp(`Summer special ${pkg}`) })).toContainText("Active");
});

test("a viewer reads packages with no write control, and a forced write is 403", async ({ page, baseURL }) => {
  await signIn(page, VIEWER);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Packages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Packages and add-ons" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Packages" }).getByRole("row", { name: /Essentials Photo/ })).toBeVisible();
  await expect(page.getByText("You can view packages")).toBeVisible();
  for (const name of ["New package", "New add-on", /^Edit /, /^Retire /, /^Un-retire /]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  await checkPage(page, "packages-viewer", async (p) => {
    await expect(p.getByRole("heading", { level: 1, name: "Packages and add-ons" })).toBeVisible();
  });
  for (const [procedure, data] of [
    ["packages.create", { code: code(), name: "Forced", duration_minutes: 60, price_cents: 1 }],
    ["packages.update", { code: "essentials", name: "Forced" }],
    ["packages.retire", { code: "essentials" }],
  ] as const) {
    const forced = await trpcPost(page, baseURL!, procedure, data);
    expect(forced.status(), procedure).toBe(403);
    expect((await forced.json()).error.data.code).toBe("forbidden");
  }
  await page.reload();
  await expect(page.getByRole("region", { name: "Packages" }).getByRole("row", { name: /Essentials Photo/ })).toContainText("Active");
});
