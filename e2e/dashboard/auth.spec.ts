// Signing in and out, and the proxy that keeps signed-out visitors out of the dashboard.
import { expect, test } from "@playwright/test";
import { OWNER, screenshot, signIn } from "./helpers";

test("a wrong password shows an error and stays on /signin", async ({ page }) => {
  await page.goto("/signin");
  await screenshot(page, "signin");
  await page.getByLabel("Email").fill(OWNER);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Incorrect email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await screenshot(page, "signin-error");
  // The session was not created: the dashboard still sends us back.
  await page.goto("/listings");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Flistings/);
});

test("the form validates before it asks the server", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email")).toBeVisible();
  await expect(page.getByText("Enter your password")).toBeVisible();
});

test("an unauthenticated visit to /listings goes to /signin and back after sign-in", async ({ page }) => {
  await page.goto("/listings?status=active");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/listings?status=active");
  await page.getByLabel("Email").fill(OWNER);
  await page.getByLabel("Password").fill("valara-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/listings\?status=active$/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("active");
});

test("sign-in never redirects to another origin", async ({ page }) => {
  await page.goto("/signin?callbackUrl=https://evil.example/steal");
  await page.getByLabel("Email").fill(OWNER);
  await page.getByLabel("Password").fill("valara-demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/listings$/);
});

test("the public pages and the API stay public; sign-out ends the session", async ({ page, request }) => {
  expect((await request.get("/api/v1/listings")).status()).toBe(401);
  const unknown = await page.goto("/property/ZZZZZZ");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This property page is not available" })).toBeVisible();

  await signIn(page, OWNER);
  // Signed in, /signin forwards to the dashboard.
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/listings$/);

  await page.getByRole("button", { name: /Olivia Northlight/ }).click();
  await expect(page.getByText("Role: Owner")).toBeVisible();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fsettings%2Fapi-keys/);
});
