// The same counter samples in the embedded store and in a real Prometheus: both data sources
// must give the same budget, within Prometheus' extrapolation (README "Data sources").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listSources, POST as createSource } from "@/app/api/datasources/route";
import { createService } from "@/lib/server/services/services";
import { createSlo, getSloStatus } from "@/lib/server/services/slos";
import { call } from "../support/http";
import { prometheusWith, scrapeTimes } from "../support/prometheus";
import { TEST_SECRET_KEY } from "../support/replication";

// Header values are sealed at rest, so registering one needs the key.
process.env.STEADYSTATE_SECRET_KEY = TEST_SECRET_KEY;

const STEPS = 200; // 50 minutes of 15 s scrapes
const { end: END, times } = scrapeTimes(15_000, STEPS);

/** Requests grow 100 per step; errors 1 per step, and 20 per step in the last 10 minutes. */
function series() {
  const burstFrom = STEPS - 40;
  const errors = (i: number) => i + Math.max(0, i - burstFrom) * 19;
  return [
    { metric: "pay_requests_total", labels: { job: "pay" }, samples: times.map((t, i) => ({ t, v: 100 * i })) },
    { metric: "pay_errors_total", labels: { job: "pay" }, samples: times.map((t, i) => ({ t, v: errors(i) })) },
  ];
}

let prometheus: Awaited<ReturnType<typeof prometheusWith>>;

beforeAll(async () => {
  prometheus = await prometheusWith("promds", series());
  await createService({ slug: "pay", name: "Pay" });
});

afterAll(async () => {
  await prometheus?.close();
});

const sli = { kind: "ratio" as const, bad: { metric: "pay_errors_total" }, total: { metric: "pay_requests_total", matchers: { job: "pay" } } };

describe("Prometheus data source", () => {
  it("is registered without exposing header values", async () => {
    const res = await call(createSource, { method: "POST", json: { name: "prom", kind: "prometheus", url: `${prometheus.url}/`, headers: { "X-Scope-OrgID": "secret-tenant" } } });
    expect(res.status).toBe(201);
    const listed = await (await call(listSources)).json();
    expect(listed.dataSources).toEqual([expect.objectContaining({ name: "prom", url: prometheus.url, headerNames: ["X-Scope-OrgID"], timeoutMs: 5000 })]);
    expect(JSON.stringify(listed)).not.toContain("secret-tenant");
  });

  it("gives the embedded store's figures within Prometheus' extrapolation", async () => {
    const base = { service: "pay", objective: "0.99", window: { kind: "rolling", days: 1 }, sli } as const;
    const embedded = await createSlo({ ...base, name: "embedded" });
    const viaProm = await createSlo({ ...base, name: "prometheus", dataSource: "prom" });
    const at = new Date(END + 1000);
    const [a, b] = await Promise.all([getSloStatus(embedded.id, at), getSloStatus(viaProm.id, at)]);
    // Embedded, by hand: 200 deltas of 100 requests; errors 200 + 40 × 19.
    expect(a.budget).toMatchObject({ valid: 20_000, bad: 960 });
    expect(b.stale).toBe(false);
    // increase() extrapolates each edge by up to half a step: at most 1/200 here; allow 1%.
    expect(Math.abs(b.budget.valid - a.budget.valid) / a.budget.valid).toBeLessThan(0.01);
    expect(Math.abs(b.budget.bad - a.budget.bad) / a.budget.bad).toBeLessThan(0.01);
    expect(Math.abs(b.burnRates["30m"] - a.burnRates["30m"]) / a.burnRates["30m"]).toBeLessThan(0.05);
    expect(b.status).toBe(a.status);
  });

  it("serves the last good figures, marked stale, when Prometheus is down", async () => {
    const slo = await createSlo({ service: "pay", objective: "0.99", window: { kind: "rolling", days: 1 }, sli, name: "stale-check", dataSource: "prom" });
    const at = new Date(END + 1000);
    const fresh = await getSloStatus(slo.id, at);
    await prometheus.stop();
    const started = Date.now();
    const stale = await getSloStatus(slo.id, at);
    expect(stale).toMatchObject({ stale: true, staleSince: fresh.window.end, budget: fresh.budget, status: fresh.status });
    expect(stale.error).toMatch(/prom: /);
    // Retries are bounded: a dead source costs seconds, not a hanging page.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
