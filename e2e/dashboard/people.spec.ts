// People in the browser, as issue 8's check describes it: the owner adds an agent with a generated
// first password (shown once), the agent signs in with it in a browser of their own; the owner
// deactivates them; the agent's open session ends at the next page, and signing in again fails
// like a wrong password.
import { expect, test, type Page } from "@playwright/test";
import { E2E_PASSWORD, provisionAgency } from "../support/cli";
import { signIn, uniqueName } from "./helpers";

const toastWith = (page: Page, text: string) => page.locator("[data-sonner-toast]").filter({ hasText: text });

test("the owner adds a person, who signs in; deactivated, their session ends and they cannot sign in again", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const agency = await provisionAgency("dash-people");
  const name = uniqueName("Dana Newhire");
  const email = `dana.${Date.now()}@${agency.slug}.test`;

  await signIn(page, agency.ownerEmail, E2E_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /People/ })).toBeVisible();
  await page.getByRole("button", { name: "Add person" }).click();
  const add = page.getByRole("dialog", { name: "Add person" });
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Role").selectOption("agent");
  await add.getByRole("radio", { name: /Generate one/ }).check();
  await add.getByRole("button", { name: "Add person" }).click();
  await expect(toastWith(page, `${name} was added`)).toBeVisible();
  const secret = page.getByRole("dialog", { name: `${name}'s first password` });
  const password = await secret.getByLabel("First password").inputValue();
  expect(password.length).toBeGreaterThanOrEqual(12);
  await secret.getByRole("button", { name: "Done, I saved it" }).click();
  await expect(page.getByRole("table", { name: "People" }).getByText(email)).toBeVisible();

  // The new agent, in a browser of their own.
  const theirs = await browser.newContext();
  const agent = await theirs.newPage();
  await signIn(agent, email, password);
  await expect(agent.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();

  // Deactivated by the owner, after a confirmation.
  await page.getByRole("button", { name: `Actions for ${name}` }).filter({ visible: true }).click();
  await page.getByRole("menuitem", { name: "Deactivate…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Deactivate ${name}?` }).or(page.getByRole("dialog", { name: `Deactivate ${name}?` }));
  await confirm.getByRole("button", { name: "Deactivate" }).click();
  await expect(toastWith(page, `${name} was deactivated`)).toBeVisible();
  await expect(page.getByRole("button", { name: `Actions for ${name}` }).filter({ visible: true })).toBeVisible();

  // Their open session is over at the next page; signing in again fails as a wrong password does.
  await agent.goto("/listings");
  await expect(agent).toHaveURL(/\/signin/);
  await agent.getByLabel("Email").fill(email);
  await agent.getByLabel("Password").fill(password);
  await agent.getByRole("button", { name: "Sign in" }).click();
  await expect(agent.getByText("Incorrect email or password.")).toBeVisible();
  await theirs.close();
});
