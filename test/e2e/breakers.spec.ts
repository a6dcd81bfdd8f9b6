import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { parseExposition, withValues } from "../support/exposition-text";

const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
const headers = { authorization: `Bearer ${token}` };
const MIN = 60_000;

async function inTheme(page: Page, theme: "light" | "dark", url: string) {
  await page.goto(url);
  await page.evaluate((t) => localStorage.setItem("steadystate-theme", t), theme);
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

test("a breaker reported through the API shows its state and its timeline", async ({ page, request }) => {
  const service = `e2e-shop-${Date.now().toString(36)}`;
  const now = Date.now();
  const report = (state: string, minutesAgo: number) => ({ breaker: "orders-db-pool", service, dependency: "orders-db", state, at: new Date(now - minutesAgo * MIN).toISOString(), failureRate: state === "open" ? 71 : 3, failureThreshold: 50 });
  const res = await request.post("/api/breakers/events", {
    headers,
    data: [report("closed", 50), report("open", 40), report("half-open", 30), report("closed", 29), report("open", 10)],
  });
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ events: 5, transitions: 4 });

  await page.goto(`/breakers?range=1h&service=${service}`);
  const row = page.getByRole("row", { name: /orders-db-pool/ });
  await expect(row).toContainText("Open");
  await expect(row).toContainText("71.0% of 50%");
  await row.getByRole("link", { name: "orders-db-pool" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "orders-db-pool" })).toBeVisible();
  await expect(page).toHaveURL(/range=1h/);
  const band = page.getByRole("figure", { name: /Breaker state/ });
  await expect(band).toBeVisible();
  await expect(band).toHaveAttribute("aria-label", /Open from .*Half-open from .*Closed from .*Open from/);
  const transitions = page.getByRole("table").getByRole("row");
  await expect(transitions).toHaveCount(5); // header + 4
  await expect(transitions.nth(1)).toContainText("Closed");
  await expect(transitions.nth(1)).toContainText("Open");

  for (const theme of ["light", "dark"] as const) {
    await inTheme(page, theme, page.url());
    await page.screenshot({ path: `test/e2e/screenshots/breakers-detail-${theme}.png`, fullPage: true });
  }
});

test("a scraped resilience4j breaker shows its failure rate against the library's default threshold", async ({ page, request }) => {
  const job = `e2e-spring-${Date.now().toString(36)}`;
  const recorded = readFileSync("test/fixtures/breakers/resilience4j-spring-boot.prom", "utf8");
  const state = (s: string) => `resilience4j_circuitbreaker_state{name="proxyService",state="${s}",}`;
  const opened = withValues(recorded, { [state("closed")]: "0.0", [state("open")]: "1.0", 'resilience4j_circuitbreaker_failure_rate{name="proxyService",}': "60.0" });
  const now = Date.now();
  for (const [i, text] of [recorded, opened].entries()) {
    const res = await request.post("/api/ingest", { headers, data: parseExposition(text, now - (2 - i) * 15_000, { job, instance: `${job}:8080` }) });
    expect(res.status()).toBe(200);
  }
  await page.goto(`/breakers?range=1h&service=${job}`);
  const row = page.getByRole("row", { name: /proxyService/ });
  await expect(row).toContainText("Open");
  await expect(row).toContainText("60.0% of 50% default (library)");
  for (const theme of ["light", "dark"] as const) {
    await inTheme(page, theme, `/breakers?range=1h&service=${job}`);
    await page.screenshot({ path: `test/e2e/screenshots/breakers-default-threshold-${theme}.png`, fullPage: true });
  }
});

test("the breakers list puts open first and keeps its filters in the URL", async ({ page }) => {
  await page.goto("/breakers");
  const states = await page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") }).locator("td:nth-child(2)").allInnerTexts();
  const rank = (s: string) => (s.includes("Open") ? 0 : s.includes("Half-open") ? 1 : s.includes("Closed") ? 2 : 3);
  expect(states.length).toBeGreaterThan(0);
  expect(states.map(rank)).toEqual([...states.map(rank)].sort((a, b) => a - b));

  await page.getByRole("combobox", { name: "State" }).selectOption("closed");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/state=closed/);
  const filtered = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") });
  await expect(filtered.first()).toContainText("Closed");
  await expect(filtered.filter({ hasText: /Open|Half-open/ })).toHaveCount(0);
  for (const theme of ["light", "dark"] as const) {
    await inTheme(page, theme, "/breakers?range=24h");
    await page.screenshot({ path: `test/e2e/screenshots/breakers-list-${theme}.png`, fullPage: true });
  }
});

test("the service page shows its dependencies' breakers", async ({ page }) => {
  for (const theme of ["light", "dark"] as const) {
    await inTheme(page, theme, "/services/payments-gateway?range=24h");
    const panel = page.getByRole("region", { name: "Dependencies" });
    await expect(panel.getByRole("heading", { name: /card-processor/ })).toBeVisible();
    await expect(panel.getByRole("link", { name: "processor-charges" })).toBeVisible();
    await page.screenshot({ path: `test/e2e/screenshots/breakers-service-${theme}.png`, fullPage: true });
  }
  await page.goto("/breakers?range=24h&service=payments-gateway");
  await page.getByRole("link", { name: "processor-charges" }).click();
  await expect(page.getByRole("figure", { name: /SLO burn rate/ })).toBeVisible();
  await page.screenshot({ path: "test/e2e/screenshots/breakers-detail-with-slo.png", fullPage: true });
});
