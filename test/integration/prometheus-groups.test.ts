// Grouping on a Prometheus source: the same per-route counters in the embedded store and in a
// real Prometheus, one SLO grouped by route on each; every group's figures must agree within
// Prometheus' extrapolation (README "Data sources"), with the same groups and the same tiers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createSource } from "@/app/api/datasources/route";
import { createService } from "@/lib/server/services/services";
import { createSlo, getSloStatus } from "@/lib/server/services/slos";
import { groupedIncreaseQuery } from "@/lib/server/datasources/prometheus-groups";
import { call } from "../support/http";
import { prometheusWith, scrapeTimes } from "../support/prometheus";

const STEPS = 200; // 50 minutes of 15 s scrapes
const { end: END, times } = scrapeTimes(15_000, STEPS);

/**
 * Three routes of job "api", one of job "batch" (not in the SLO): /cart 100 requests a step and
 * 1 error every 4th; /pay 50 a step, 1 error a step and 25 a step in the last 10 minutes;
 * /health requests only, no error series at all.
 */
function series() {
  const s = (metric: string, labels: Record<string, string>, v: (i: number) => number) => ({ metric, labels, samples: times.map((t, i) => ({ t, v: v(i) })) });
  const burst = STEPS - 40;
  return [
    s("web_requests_total", { job: "api", route: "/cart" }, (i) => 100 * i),
    s("web_errors_total", { job: "api", route: "/cart" }, (i) => Math.floor(i / 4)),
    s("web_requests_total", { job: "api", route: "/pay" }, (i) => 50 * i),
    s("web_errors_total", { job: "api", route: "/pay" }, (i) => i + Math.max(0, i - burst) * 24),
    s("web_requests_total", { job: "api", route: "/health" }, (i) => 10 * i),
    s("web_requests_total", { job: "batch", route: "/cart" }, (i) => 1000 * i),
    s("web_errors_total", { job: "batch", route: "/cart" }, (i) => 500 * i),
  ];
}

let prometheus: Awaited<ReturnType<typeof prometheusWith>>;

beforeAll(async () => {
  prometheus = await prometheusWith("promgroups", series());
  await createService({ slug: "web", name: "Web" });
  expect((await call(createSource, { method: "POST", json: { name: "prom", kind: "prometheus", url: prometheus.url } })).status).toBe(201);
});

afterAll(async () => {
  await prometheus?.close();
});

const definition = {
  service: "web", objective: "0.99", window: { kind: "rolling" as const, days: 1 }, groupBy: ["route"],
  sli: { kind: "ratio" as const, bad: { metric: "web_errors_total", matchers: { job: "api" } }, total: { metric: "web_requests_total", matchers: { job: "api" } } },
};

const near = (a: number, b: number, tolerance: number) => (a === 0 ? b === 0 : Math.abs(b - a) / a < tolerance);

describe("Grouping on a Prometheus data source", () => {
  it("writes one sum by query per selector and window", () => {
    const q = groupedIncreaseQuery({ metric: "web_errors_total", matchers: { job: "api" } }, ["route", "code"], { start: new Date(0), end: new Date(3_600_000) });
    expect(q).toBe('sum by (route, code) (increase(web_errors_total{job="api"}[3600s]))');
  });

  it("gives every group the embedded store's figures within Prometheus' extrapolation, and the same tiers", async () => {
    const embedded = await createSlo({ ...definition, name: "embedded" });
    const viaProm = await createSlo({ ...definition, name: "prometheus", dataSource: "prom" });
    const at = new Date(END + 1000);
    const [a, b] = await Promise.all([getSloStatus(embedded.id, at), getSloStatus(viaProm.id, at)]);
    expect(b.stale).toBe(false);
    // By hand, embedded: 200 deltas per series. /cart 20,000 requests, 50 errors; /health 2,000, none;
    // /pay 10,000 requests, 200 + 40 × 24 = 1,160 errors.
    expect(a.groups.map((g) => [g.key, g.budget.valid, g.budget.bad])).toEqual([
      ['route="/cart"', 20_000, 50], ['route="/health"', 2_000, 0], ['route="/pay"', 10_000, 1_160],
    ]);
    expect(b.groups.map((g) => g.key)).toEqual(a.groups.map((g) => g.key));
    expect(b.groupsTruncated).toBe(0);
    for (const [i, g] of b.groups.entries()) {
      const e = a.groups[i]!;
      // increase() extrapolates each edge by up to half a step: at most 1/200 here; allow 1%.
      expect(near(e.budget.valid, g.budget.valid, 0.01), `${g.key} valid ${g.budget.valid} vs ${e.budget.valid}`).toBe(true);
      expect(near(e.budget.bad, g.budget.bad, 0.01), `${g.key} bad ${g.budget.bad} vs ${e.budget.bad}`).toBe(true);
      expect(near(e.burnRates["30m"], g.burnRates["30m"], 0.05), `${g.key} 30m burn`).toBe(true);
      expect(g.status).toBe(e.status);
      expect(g.alerts.map((t) => t.longWindow)).toEqual(e.alerts.map((t) => t.longWindow));
    }
    // The batch job's series is not a group and not in the totals.
    expect(near(a.budget.valid, b.budget.valid, 0.01)).toBe(true);
    expect(b.tiers.map((t) => t.tier)).toEqual(a.tiers.map((t) => t.tier));
    expect(b.tiers.filter((t) => t.fires).map((t) => t.tier)).toEqual(a.tiers.filter((t) => t.fires).map((t) => t.tier));
    expect(b.tiers.some((t) => t.tier.endsWith('{route="/pay"}') && t.fires)).toBe(true);
  });

  it("shows the last good groups, marked stale, when Prometheus is down", async () => {
    const slo = await createSlo({ ...definition, name: "stale-groups", dataSource: "prom" });
    const at = new Date(END + 1000);
    const fresh = await getSloStatus(slo.id, at);
    expect(fresh.groups).toHaveLength(3);
    await prometheus.stop();
    const stale = await getSloStatus(slo.id, at);
    expect(stale).toMatchObject({ stale: true, groups: fresh.groups });
  });
});
