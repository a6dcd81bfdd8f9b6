// Range queries for the budget and SLI series against a real Prometheus holding the same samples
// as the embedded store: the step is clamped under Prometheus' 11,000 points, and the per-step
// counts agree with the embedded store's within Prometheus' extrapolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriesBoundaries } from "@/lib/domain/budget-series";
import { prepareEmbeddedRead, resolveSelectors, stepIncreases } from "@/lib/server/datasources/embedded-counts";
import { clampStepSeconds, prometheusStepCounts, rangeIncreases } from "@/lib/server/datasources/prometheus-range";
import { createDataSource, type DataSourceConfig } from "@/lib/server/repos/datasources";
import { createService } from "@/lib/server/services/services";
import { createSlo, getSloStatus } from "@/lib/server/services/slos";
import { prometheusWith, scrapeTimes } from "../support/prometheus";

const SCRAPE = 15_000;
const MIN = 60_000;
const H = 60 * MIN;
const STEPS = (4 * H) / SCRAPE;
const END = Math.floor(Date.now() / H) * H - 5 * MIN; // whole steps inside, partial ones at the ends
const { start: START, times } = scrapeTimes(SCRAPE, STEPS, END);

/** Requests grow 60 per scrape; errors 1 per scrape, 10 per scrape in the last 40 minutes. */
function series() {
  const burstFrom = STEPS - 160;
  return [
    { metric: "rq_requests_total", labels: { job: "rq" }, samples: times.map((t, i) => ({ t, v: 60 * i })) },
    { metric: "rq_errors_total", labels: { job: "rq" }, samples: times.map((t, i) => ({ t, v: i + Math.max(0, i - burstFrom) * 9 })) },
  ];
}

let prometheus: Awaited<ReturnType<typeof prometheusWith>>;
let ds: DataSourceConfig;

beforeAll(async () => {
  prometheus = await prometheusWith("promrange", series());
  await createService({ slug: "rq", name: "RQ" });
  ds = await createDataSource({ name: "prom-range", kind: "prometheus", url: prometheus.url, headers: {}, timeoutMs: 5_000 });
});

afterAll(async () => {
  await prometheus?.close();
});

const sli = { kind: "ratio" as const, bad: { metric: "rq_errors_total", matchers: {} }, total: { metric: "rq_requests_total", matchers: { job: "rq" } } };

describe("Prometheus range queries", () => {
  it("clamps the step so a range has fewer than 11,000 points", () => {
    const day30 = { start: new Date(0), end: new Date(30 * 24 * H) };
    const step = clampStepSeconds(day30, 1);
    expect(step).toBe(Math.ceil((30 * 24 * 3600) / 10_998)); // 236 s
    expect(Math.floor((30 * 24 * 3600) / step) + 1).toBeLessThan(11_000);
    expect(clampStepSeconds(day30, 3600)).toBe(3600); // already coarse enough: untouched
  });

  it("answers a range Prometheus would refuse at the asked step, at the clamped one", async () => {
    const interval = { start: new Date(START), end: new Date(END) }; // 4 h: 14,401 points at 1 s
    const refused = await fetch(`${prometheus.url}/api/v1/query_range?${new URLSearchParams({ query: "sum(rq_requests_total)", start: String(START / 1000), end: String(END / 1000), step: "1s" })}`);
    expect(refused.status).toBe(400);
    // Clamped to 2 s, which Prometheus accepts; windows of 2 s hold at most one sample 15 s
    // apart, so increase() has nothing to say at any point: no events, not an error.
    const points = await rangeIncreases(ds, sli.total, interval, 1_000);
    expect(points.size).toBe(0);
  });

  it("gives per-step counts that match the embedded store's within extrapolation", async () => {
    const window = { start: new Date(START + 7 * MIN), end: new Date(END) };
    const step = 15 * MIN;
    const boundaries = seriesBoundaries(window, step);
    const fromProm = await prometheusStepCounts(ds, sli, boundaries, step);
    await prepareEmbeddedRead();
    const { total, bad } = (await resolveSelectors([sli]))[0]!;
    const [valid, errors] = await stepIncreases([total, bad!], boundaries, step);
    expect(fromProm).toHaveLength(boundaries.length - 1);
    for (let i = 1; i < boundaries.length - 2; i++) {
      // A whole 15-minute step: 60 scrapes of 60 requests. increase() over [t − 15m, t] sees 61
      // samples 15 min apart, and extrapolates by at most half a scrape at each end: under 2%.
      expect(valid![i]).toBe(3600);
      expect(Math.abs(fromProm[i]!.valid - valid![i]!) / valid![i]!).toBeLessThan(0.02);
      const badProm = fromProm[i]!.valid - fromProm[i]!.good;
      expect(Math.abs(badProm - errors![i]!)).toBeLessThanOrEqual(Math.max(2, errors![i]! * 0.02));
    }
  });

  it("serves the series through GET /api/slos/{id} for a Prometheus SLO", async () => {
    const slo = await createSlo({ name: "via prom", service: "rq", objective: "0.99", window: { kind: "rolling", days: 1 }, sli, labels: {}, dataSource: "prom-range" });
    const status = await getSloStatus(slo.id, new Date(END), { stepMs: H });
    expect(status.series.error).toBeNull();
    // END is 5 minutes before an hour: 23 whole hours and two partial ones.
    expect(status.series.points).toHaveLength(25);
    const last = status.series.points!.at(-1)!;
    // The last point's budget is the window's, within extrapolation of the same counts.
    expect(Math.abs(last.cumulativeValid - status.budget.valid) / status.budget.valid).toBeLessThan(0.02);
  });
});
