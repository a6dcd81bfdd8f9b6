import { expect, type Page, test } from "@playwright/test";
import { signInAs } from "./support/auth";

type Detail = {
  id: string; name: string; sli: number | null; burnRates: Record<string, number>;
  budget: { remaining: number; good: number; valid: number; bad: number; allowed: number };
};

// The page's own formatting (components/slo/format.ts), repeated so the test reads the API's numbers as shown.
const percent = (f: number | null, digits: number) => (f === null ? "no data" : `${(f * 100).toFixed(digits)}%`);
const burn = (r: number) => (r === 0 ? "0" : r < 10 ? r.toFixed(2) : r.toFixed(1));
const count = (n: number) => new Intl.NumberFormat("en", { maximumFractionDigits: 1 }).format(n);

async function firstSlo(page: Page): Promise<Detail> {
  const { slos } = (await (await page.request.get("/api/slos")).json()) as { slos: { id: string; status: string }[] };
  const slo = slos.find((s) => s.status !== "no-data") ?? slos[0]!;
  return (await (await page.request.get(`/api/slos/${slo.id}`)).json()) as Detail;
}

async function inTheme(page: Page, theme: "light" | "dark", url: string) {
  await page.goto(url);
  await page.evaluate((t) => localStorage.setItem("steadystate-theme", t), theme);
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

test("the SLO detail page shows the numbers the API returns, with the work behind them", async ({ page, request }) => {
  await signInAs(page, request, "editor", "/slos"); // an editor sees the Edit and postmortem links
  const api = await firstSlo(page);
  await page.getByRole("link", { name: api.name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/slos/${api.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(api.name);

  const tiles = page.getByRole("region", { name: "Headline figures" });
  await expect(tiles).toContainText(percent(api.budget.remaining, 1));
  await expect(tiles).toContainText(percent(api.sli, 3));
  const oneHour = page.locator("table.slo-burn").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "1h", exact: true }) });
  await expect(oneHour).toContainText(`${burn(api.burnRates["1h"]!)}×`);

  const budgetTile = tiles.locator(".slo-tile").filter({ hasText: "Budget remaining" });
  await budgetTile.getByText("Show your work").click();
  await expect(budgetTile).toContainText(`remaining = 1 − bad / allowed = 1 − ${count(api.budget.bad)} / ${count(api.budget.allowed)}`);
  await expect(budgetTile).toContainText(`× ${count(api.budget.valid)} = ${count(api.budget.allowed)}`);
  const sliTile = tiles.locator(".slo-tile").filter({ hasText: "SLI" }).first();
  await sliTile.getByText("Show your work").click();
  await expect(sliTile).toContainText(`good / valid = ${count(api.budget.good)} / ${count(api.budget.valid)}`);

  await expect(page.getByRole("link", { name: "Edit" })).toHaveAttribute("href", `/slos/${api.id}/edit`);
  await expect(page.getByRole("link", { name: "Write a postmortem" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Definition" })).toBeVisible();
  await expect(page.locator("pre.slo-yaml")).toContainText("kind: SLO");
});

test("the step choice lands in the URL and survives reload", async ({ page }) => {
  const api = await firstSlo(page);
  await page.goto(`/slos/${api.id}`);
  const steps = page.getByRole("navigation", { name: "Chart step" });
  await steps.getByRole("link", { name: "1d" }).click();
  await expect(page).toHaveURL(/step=1d/);
  await page.reload();
  await expect(steps.getByRole("link", { name: "1d" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByText("SLI per step (1440 min)")).toBeVisible();
});

test("present mode hides the navigation; screenshots in both themes", async ({ page }) => {
  const api = await firstSlo(page);
  await page.goto(`/slos/${api.id}`);
  await expect(page.locator(".sidebar")).toBeVisible();
  await page.getByRole("link", { name: "Present" }).click();
  await expect(page).toHaveURL(/present=1/);
  await expect(page.locator(".sidebar")).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(api.name);
  await page.screenshot({ path: "test/e2e/screenshots/slo-detail-present.png", fullPage: true });
  for (const theme of ["light", "dark"] as const) {
    await inTheme(page, theme, `/slos/${api.id}`);
    await page.getByText("Show your work").nth(2).click();
    await page.screenshot({ path: `test/e2e/screenshots/slo-detail-${theme}.png`, fullPage: true });
  }
});
