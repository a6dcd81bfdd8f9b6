import { expect, type Page, test } from "@playwright/test";

type Sparkline = { id: string; remaining: number[] | null; at: number[] | null; reason: string | null };
type Activity = {
  stepMs: number;
  points: { at: string; rate: number; errorRatio: number | null; burnRates: Record<string, number | null> }[];
  tiers: { tier: string; factor: number; longWindow: string; shortWindow: string; firing: { from: string; to: string }[] | null }[];
  duration: { metric: string | null; hint: string | null; points: { p50: number | null; p99: number | null }[] | null };
};

// The pages' own formatting (components/slo/budget-sparkline.tsx, components/charts/units.ts),
// repeated so the test reads the API's numbers as the page shows them.
const pct0 = (f: number) => `${(f * 100).toFixed(0)}%`;
function sparklineLabel(s: Sparkline): string {
  const r = s.remaining!;
  const days = (s.at!.at(-1)! - s.at![0]!) / 86_400_000;
  const span = days >= 2 ? `${Math.round(days)} days` : `${Math.round(days * 24)} hours`;
  const lowest = Math.min(...r);
  return `budget ${pct0(r[0]!)} → ${pct0(r.at(-1)!)} over ${span}${lowest < r.at(-1)! ? `, lowest ${pct0(lowest)}` : ""}`;
}
const burnText = (v: number) => `${+v.toFixed(2)}×`;
const perSecond = (v: number) => `${+v.toFixed(2)}/s`;
const lastOf = <T,>(xs: (T | null | undefined)[]) => [...xs].reverse().find((x) => x !== null && x !== undefined) ?? null;

async function sloId(page: Page, name: string): Promise<string> {
  const { slos } = (await (await page.request.get("/api/slos")).json()) as { slos: { id: string; name: string }[] };
  return slos.find((s) => s.name === name)!.id;
}

async function inTheme(page: Page, theme: "light" | "dark", url: string) {
  await page.goto(url);
  await page.evaluate((t) => localStorage.setItem("steadystate-theme", t), theme);
  await page.goto(url);
  await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
}

test("every SLO row has a budget sparkline whose label says, in words, what the API's points show", async ({ page }) => {
  const { slos } = (await (await page.request.get("/api/slos")).json()) as { slos: { id: string; name: string }[] };
  const { sparklines } = (await (await page.request.get("/api/slos/sparklines")).json()) as { sparklines: Sparkline[] };
  expect(sparklines.map((s) => s.id).sort()).toEqual(slos.map((s) => s.id).sort());
  await page.goto("/slos");
  await expect(page.getByRole("columnheader", { name: "Budget over window" })).toBeVisible();
  for (const s of sparklines.filter((x) => x.remaining !== null)) {
    expect(s.remaining!.length).toBeGreaterThanOrEqual(20);
    expect(s.remaining!.length).toBeLessThanOrEqual(40);
    const name = slos.find((x) => x.id === s.id)!.name;
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row.getByRole("img", { name: /^budget / })).toHaveAttribute("aria-label", sparklineLabel(s));
  }
  await page.screenshot({ path: "test/e2e/screenshots/dashboards-slos-sparklines.png", fullPage: true });
});

test("the detail page draws burn rate per tier and RED over the range in the URL, with the API's numbers", async ({ page }) => {
  const id = await sloId(page, "Checkout availability");
  const activity = async () => (await (await page.request.get(`/api/slos/${id}/activity?range=24h`)).json()) as Activity;
  const before = await activity();
  await page.goto(`/slos/${id}?range=24h`);
  await expect(page.getByRole("heading", { name: "Over the last 24 hours" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Burn rate over time, per alert tier" })).toBeVisible();
  const after = await activity();
  // The page's `now` lies between the two calls; a step boundary may fall in between.
  for (const tier of before.tiers) {
    const figure = page.getByRole("figure", { name: new RegExp(`^${tier.tier.replace("/", "\\/")}: threshold`) });
    await expect(figure).toBeVisible();
    const label = (await figure.getAttribute("aria-label"))!;
    const expected = [before, after].map((a) => `${tier.longWindow} burn rate: ${burnText(lastOf(a.points.map((p) => p.burnRates[tier.longWindow]))!)}`);
    expect(expected.some((e) => label.includes(e)), `${label} has one of ${expected.join(" | ")}`).toBe(true);
  }
  const rate = page.getByRole("figure", { name: /^Rate: valid events per second/ });
  await expect(rate).toBeVisible();
  const rateLabel = (await rate.getAttribute("aria-label"))!;
  expect([before, after].some((a) => rateLabel.includes(`events/s: ${perSecond(a.points.at(-1)!.rate)}`))).toBe(true);
  await expect(page.getByRole("figure", { name: /^Errors: share of valid events/ })).toBeVisible();
  // Checkout sends no latency histogram: the panel says what to send.
  await expect(page.getByRole("status").filter({ hasText: "No latency histogram for this service" })).toContainText('service="checkout"');

  // The range picker moves the charts, in the URL.
  await page.getByRole("group", { name: "Time range" }).getByRole("combobox", { name: "Range" }).selectOption("6h");
  await expect(page).toHaveURL(/range=6h/);
  await expect(page.getByRole("heading", { name: "Over the last 6 hours" })).toBeVisible();
});

test("a latency SLO's duration panel shows p50/p90/p99 from its histogram with the threshold; screenshots in both themes", async ({ page }) => {
  const id = await sloId(page, "Search under 250 ms");
  const api = (await (await page.request.get(`/api/slos/${id}/activity?range=24h`)).json()) as Activity;
  expect(api.duration.metric).toBe("http_request_duration_seconds");
  await page.goto(`/slos/${id}?range=24h`);
  const duration = page.getByRole("figure", { name: /^Duration: http_request_duration_seconds/ });
  await expect(duration).toBeVisible();
  await expect(duration).toContainText("threshold 0.25 s");
  const p99 = lastOf(api.duration.points!.map((p) => p.p99));
  if (p99 !== null) expect(await duration.getAttribute("aria-label")).toContain("p99: ");
  for (const theme of ["light", "dark"] as const) {
    await inTheme(page, theme, `/slos/${id}?range=24h`);
    await expect(page.getByRole("heading", { name: "Rate, errors, duration" })).toBeVisible();
    await page.getByRole("heading", { name: "Over the last 24 hours" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test/e2e/screenshots/dashboards-detail-${theme}.png`, fullPage: true });
    await inTheme(page, theme, "/slos");
    // The rows stream in behind a skeleton: the picture is of the list, not of the wait.
    await expect(page.getByRole("table").first()).toBeVisible();
    await page.screenshot({ path: `test/e2e/screenshots/dashboards-slos-${theme}.png`, fullPage: true });
    await inTheme(page, theme, "/");
    await expect(page.getByText("Evaluating SLOs")).toHaveCount(0);
    await page.screenshot({ path: `test/e2e/screenshots/dashboards-overview-${theme}.png`, fullPage: true });
  }
});
