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
  await expect(page.getByText(/burning or breached|none burning/)).toBeVisible();
});
