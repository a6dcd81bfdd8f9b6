import { expect, test } from "@playwright/test";

type Slo = { name: string; status: string; budget: { remaining: number }; sli: number | null };

test("the SLOs page lists the demo SLOs, least budget first, with the API's numbers", async ({ page, request }) => {
  const { slos } = (await (await request.get("/api/slos")).json()) as { slos: Slo[] };
  expect(slos.length).toBeGreaterThanOrEqual(4);
  const expected = [...slos].sort((a, b) => a.budget.remaining - b.budget.remaining);

  await page.goto("/slos");
  const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") });
  await expect(rows).toHaveCount(slos.length);
  for (const [i, slo] of expected.entries()) {
    const row = rows.nth(i);
    await expect(row.getByRole("rowheader")).toContainText(slo.name);
    await expect(row).toContainText(`${(slo.budget.remaining * 100).toFixed(1)}%`);
    await expect(row).toContainText({ ok: "OK", warning: "Burning", breached: "Breached", "no-data": "No data" }[slo.status]!);
  }
  await page.screenshot({ path: "test/e2e/screenshots/slos-table.png", fullPage: true });

  await page.goto("/");
  await expect(page.getByRole("list", { name: "SLOs by status" })).toBeVisible();
});

test("an SLO whose data source is down is marked stale with a banner, and the page still answers", async ({ page, request }) => {
  const token = process.env.STEADYSTATE_TEST_API_TOKEN ?? "";
  const headers = { authorization: `Bearer ${token}` };
  // Nothing listens on port 9 (discard) on this machine: connections are refused at once.
  const source = await request.post("/api/datasources", { headers, data: { name: "down-prom", kind: "prometheus", url: "http://127.0.0.1:9", timeoutMs: 1000 } });
  expect(source.status()).toBe(201);
  const slo = await request.post("/api/slos", {
    headers,
    data: { name: "Remote availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 7 }, dataSource: "down-prom", sli: { kind: "ratio", bad: { metric: "x_errors_total" }, total: { metric: "x_total" } } },
  });
  expect(slo.status()).toBe(201);
  await page.goto("/slos");
  await expect(page.getByRole("status")).toContainText("Stale data. 1 SLO could not reach down-prom; no earlier figures to show.");
  await expect(page.getByRole("row", { name: /Remote availability/ })).toContainText("stale");
  await page.screenshot({ path: "test/e2e/screenshots/slos-stale.png", fullPage: true });
  expect((await request.delete(`/api/slos/${(await slo.json()).id}`, { headers })).status()).toBe(204);
});

test("the SLO list filters and sorts, the filters live in the URL, and / focuses the search", async ({ page, request }) => {
  const { slos } = (await (await request.get("/api/slos")).json()) as { slos: (Slo & { service: string; fastestBurnRate: number })[] };
  await page.goto("/slos");
  // The shortcut is the filter bar's once it has hydrated.
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("/");
  await expect(page.getByRole("searchbox")).toBeFocused();
  await page.keyboard.type("availability");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=availability/);
  const rows = page.getByRole("table").getByRole("row").filter({ has: page.getByRole("rowheader") });
  await expect(rows).toHaveCount(slos.filter((s) => s.name.toLowerCase().includes("availability")).length);

  await page.getByLabel("Service").selectOption("checkout");
  await expect(page).toHaveURL(/service=checkout/);
  await expect(rows).toHaveCount(slos.filter((s) => s.service === "checkout" && s.name.toLowerCase().includes("availability")).length);
  await page.reload();
  await expect(page.getByLabel("Service")).toHaveValue("checkout");
  await expect(page.getByRole("searchbox")).toHaveValue("availability");
  await page.goBack();
  await expect(page).not.toHaveURL(/service=checkout/);

  await page.goto("/slos?sort=burn");
  const byBurn = [...slos].sort((a, b) => b.fastestBurnRate - a.fastestBurnRate);
  await expect(rows.first().getByRole("rowheader")).toContainText(byBurn[0]!.name);
  await page.goto("/slos?status=nothing-like-this");
  await expect(page.getByRole("status").filter({ hasText: "No SLO matches" })).toBeVisible();
  await page.screenshot({ path: "test/e2e/screenshots/slos-filtered-empty.png", fullPage: true });

  await page.goto("/");
  await expect(page.getByRole("list", { name: "SLOs by status" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Last 24 hours" })).toBeVisible();
  await page.screenshot({ path: "test/e2e/screenshots/overview-light.png", fullPage: true });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  await page.screenshot({ path: "test/e2e/screenshots/overview-dark.png", fullPage: true });
});
