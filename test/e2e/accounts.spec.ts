import { expect, test, type Page } from "@playwright/test";
import { ADMIN, ensureUser, signIn, signInAs } from "./support/auth";

async function shoot(page: Page, name: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await page.screenshot({ path: `test/e2e/screenshots/accounts-${name}-${theme}.png`, fullPage: true });
  }
  await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
}

test("signed out, the demo shows a marked demo viewer; a wrong password is refused; the admin signs in and comes back", async ({ page }) => {
  await page.goto("/slos");
  await expect(page.getByRole("note").filter({ hasText: "Demo viewer (read only)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New SLO" })).toHaveCount(0);

  await page.goto("/sign-in?next=%2Fslos");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "email or password is wrong" })).toBeVisible();
  await shoot(page, "sign-in");

  await signIn(page, ADMIN, "/slos");
  await expect(page).toHaveURL(/\/slos$/);
  await expect(page.getByLabel("Account", { exact: true })).toContainText("Role: admin");
  await expect(page.getByRole("link", { name: "New SLO" })).toBeVisible();
});

test("a viewer sees no write controls, and the API refuses their writes", async ({ page, request }) => {
  await signInAs(page, request, "viewer", "/slos");
  await expect(page.getByLabel("Account", { exact: true })).toContainText("Role: viewer");
  await expect(page.getByRole("link", { name: "New SLO" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /^Edit / })).toHaveCount(0);
  await page.goto("/slos/new");
  await expect(page.getByRole("button", { name: "Create SLO" })).toHaveCount(0);
  await expect(page.getByRole("note").filter({ hasText: "needs the editor role" })).toBeVisible();
  await page.goto("/fmea");
  await expect(page.getByRole("button", { name: /Create worksheet|Start/ })).toHaveCount(0);
  await shoot(page, "viewer-fmea");
  // The page's own session, same origin: refused by role, not by CSRF.
  const res = await page.request.post("/api/services", { data: { slug: "viewer-try", name: "Nope" }, headers: { origin: new URL(page.url()).origin } });
  expect(res.status()).toBe(403);
  await page.goto("/settings/users");
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
});

test("an editor sees the write controls; a cross-site post with their cookie is refused", async ({ page, request }) => {
  await signInAs(page, request, "editor", "/slos");
  await expect(page.getByRole("link", { name: "New SLO" })).toBeVisible();
  const forged = await page.request.post("/api/services", { data: { slug: "forged", name: "Forged" }, headers: { origin: "https://evil.example" } });
  expect(forged.status()).toBe(403);
});

test("an admin creates a token, sees it once, and a revoked token stops working at once", async ({ page, request }) => {
  await signIn(page, ADMIN, "/settings/tokens");
  const name = `e2e-${Date.now()}`;
  await page.getByLabel("Name (what uses it)").fill(name);
  await page.getByRole("checkbox", { name: /^read/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const shown = page.getByLabel("New token");
  await expect(shown).toContainText("sst_");
  const token = (await shown.textContent())!.trim();
  await expect(page.getByRole("button", { name: `Revoke ${name}` })).toBeVisible();
  await shoot(page, "tokens");
  expect((await request.get("/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(200);
  await page.reload();
  await expect(page.getByText(token)).toHaveCount(0);
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  expect((await request.get("/api/slos", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("sign out everywhere ends the session", async ({ page, request }) => {
  await signInAs(page, request, "editor", "/");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/slos");
  await expect(page.getByRole("note").filter({ hasText: "Demo viewer" })).toBeVisible();
});

test("an admin gives a person a role in another team, and the list shows it", async ({ page, request }) => {
  const viewer = await ensureUser(request, "viewer");
  await signIn(page, ADMIN, "/settings/users");
  const team = `team-${Date.now().toString(36)}`;
  await page.getByLabel(`Team to add ${viewer.email} to`).fill(team);
  await page.getByLabel(`Role of ${viewer.email} in the added team`).selectOption("editor");
  await page.getByRole("row", { name: new RegExp(viewer.email) }).getByRole("button", { name: "Add to team" }).click();
  await expect(page.getByRole("status")).toContainText(`${viewer.email} is now editor in ${team}`);
  await expect(page.getByLabel(`Role of ${viewer.email} in ${team}`)).toHaveValue("editor");
  await shoot(page, "users");
  // Put the viewer back to viewer only, so the other tests see a viewer.
  const users = (await (await request.get("/api/users", { headers: { authorization: `Bearer ${process.env.STEADYSTATE_TEST_API_TOKEN}` } })).json()) as { users: { id: string; email: string }[] };
  const id = users.users.find((u) => u.email === viewer.email)!.id;
  const reset = await request.patch(`/api/users/${id}`, { headers: { authorization: `Bearer ${process.env.STEADYSTATE_TEST_API_TOKEN}` }, data: { memberships: [{ team: "default", role: "viewer" }] } });
  expect(reset.status()).toBe(200);
});
