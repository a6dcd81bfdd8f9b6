import { expect, test, type Page } from "@playwright/test";

const PAGES = [
  { path: "/", heading: "Overview" },
  { path: "/slos", heading: "SLOs" },
  { path: "/services", heading: "Services" },
  { path: "/breakers", heading: "Breakers" },
  { path: "/replication", heading: "Replication" },
  { path: "/postmortems", heading: "Postmortems" },
  { path: "/fmea", heading: "FMEA" },
  { path: "/settings", heading: "Settings" },
];

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function setTheme(page: Page, theme: "light" | "dark") {
  await page.evaluate((t) => localStorage.setItem("steadystate-theme", t), theme);
}

for (const theme of ["light", "dark"] as const) {
  test(`every shell page renders without console errors (${theme})`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await page.goto("/");
    await setTheme(page, theme);
    for (const { path, heading } of PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: heading })).toHaveAttribute("aria-current", "page");
      const name = path === "/" ? "overview" : path.slice(1);
      await page.screenshot({ path: `test/e2e/screenshots/${name}-${theme}.png`, fullPage: true });
    }
    expect(errors).toEqual([]);
  });
}

test("the navigation works by keyboard alone", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Services" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/services$/);
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
});

test("the theme toggle switches themes and the choice survives a reload", async ({ page }) => {
  await page.goto("/");
  await setTheme(page, "light");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("button", { name: "Switch to light theme" })).toBeVisible();
});

test("the overview and services pages show the demo data", async ({ page }) => {
  await page.goto("/services");
  for (const name of ["Checkout", "Payments gateway", "Catalog", "Accounts", "Notifications"]) {
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await page.getByRole("link", { name: "Checkout", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await expect(page.getByText("payments", { exact: true })).toBeVisible();
  await page.goto("/");
  await expect(page.getByText("Demo data")).toBeVisible();
});

test("settings shows the live database status", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByText(/✔ Reachable \(\d+(\.\d+)? ms\)/)).toBeVisible();
  await expect(page.getByText("SQLite (embedded)")).toBeVisible();
});

test("an unknown address shows a not-found page with a way back", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
});
