import { expect, type APIRequestContext, type Page } from "@playwright/test";

// scripts/test.sh starts the app with STEADYSTATE_ADMIN_EMAIL / _PASSWORD (the first admin) and
// STEADYSTATE_API_TOKEN (the bootstrap token, every scope), and hands both to Playwright.
const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
export const bootstrap = { authorization: `Bearer ${token}` };
export const ADMIN = { email: process.env.STEADYSTATE_ADMIN_EMAIL ?? "admin@e2e.test", password: process.env.STEADYSTATE_ADMIN_PASSWORD ?? "" };
export const PASSWORD = "e2e password, long enough";

export type Role = "viewer" | "editor" | "admin";

/** A person with `role` in the default team (created once through the API; 409 means they exist). */
export async function ensureUser(request: APIRequestContext, role: Role): Promise<{ email: string; password: string }> {
  const email = `${role}@e2e.test`;
  const res = await request.post("/api/users", { headers: bootstrap, data: { email, name: `E2E ${role}`, password: PASSWORD, memberships: [{ team: "default", role }] } });
  expect([201, 409]).toContain(res.status());
  return { email, password: PASSWORD };
}

/** Signs the page in through the sign-in form, as it would be by hand. */
export async function signIn(page: Page, who: { email: string; password: string }, next = "/"): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/** Admins are the configured first admin (its email is taken, with its own password). */
export async function signInAs(page: Page, request: APIRequestContext, role: Role, next = "/"): Promise<void> {
  await signIn(page, role === "admin" ? ADMIN : await ensureUser(request, role), next);
}
