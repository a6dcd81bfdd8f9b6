import { beforeEach, describe, expect, it } from "vitest";
import { GET as activityGET } from "@/app/api/slos/[id]/activity/route";
import { GET as sparklinesGET } from "@/app/api/slos/sparklines/route";
import { HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { storeSamples, type StoreSeries } from "@/lib/server/ingest/store";
import { getSloActivity } from "@/lib/server/services/slo-activity";
import { budgetSparklines } from "@/lib/server/services/slo-sparklines";
import { createService } from "@/lib/server/services/services";
import { addExclusion, createSlo, listSloStatuses } from "@/lib/server/services/slos";
import { exclusionInputSchema } from "@/lib/schemas/slo";
import { listSlos } from "@/lib/server/repos/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const MIN = MINUTE_MS;
const DAY = 24 * HOUR_MS;
const NOON = Date.UTC(2026, 10, 20, 12, 0, 0);
const iso = (t: number) => new Date(t).toISOString();

/** A counter sampled on every minute from `from` to `to` (inclusive), rising by perMinute(t). */
function counter(metric: string, labels: Record<string, string>, from: number, to: number, perMinute: (t: number) => number): StoreSeries {
  const samples: { t: number; v: number }[] = [];
  let v = 0;
  for (let t = from; t <= to; t += MIN) samples.push({ t, v: (v += perMinute(t)) });
  return { metric, labels, samples };
}

// From 08:00 to 12:00: 100 requests a minute; 20 errors a minute in the samples of 11:50–11:59;
// a latency histogram: per minute 10 requests ≤ 0.1 s, 60 ≤ 0.5 s, 90 ≤ 1 s, 100 in all.
async function seed() {
  await createService({ slug: "checkout", name: "Checkout" });
  const from = NOON - 4 * HOUR_MS;
  const job = { job: "api" };
  await storeSamples([
    counter("dash_requests_total", job, from, NOON, () => 100),
    counter("dash_errors_total", job, from, NOON, (t) => (t >= NOON - 10 * MIN && t < NOON ? 20 : 0)),
    ...([["0.1", 10], ["0.5", 60], ["1", 90], ["+Inf", 100]] as const).map(([le, n]) => counter("dash_latency_seconds_bucket", { ...job, le }, from, NOON, () => n)),
    counter("dash_latency_seconds_count", job, from, NOON, () => 100),
  ]);
  const ratio = await createSlo({
    name: "checkout availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 }, labels: {},
    sli: { kind: "ratio", bad: { metric: "dash_errors_total", matchers: job }, total: { metric: "dash_requests_total", matchers: job } },
  });
  const latency = await createSlo({
    name: "checkout latency", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 7 }, labels: {},
    sli: { kind: "latency", histogram: "dash_latency_seconds", matchers: job, threshold: 0.5 },
  });
  return { ratio, latency };
}

describe("RED and burn rate over a range", () => {
  it("gives burn rates per window at each point, when each tier's condition held, and rate, errors and quantiles per step", async () => {
    const { ratio } = await seed();
    const activity = await getSloActivity(ratio.id, { from: new Date(NOON - HOUR_MS), to: new Date(NOON) }, new Date(NOON + 30_000));
    // An hour in 5-minute steps: 11:05 … 12:00.
    expect(activity.stepMs).toBe(5 * MIN);
    expect(activity.points.map((p) => p.at)).toEqual(Array.from({ length: 12 }, (_, k) => iso(NOON - HOUR_MS + (k + 1) * 5 * MIN)));
    const last = activity.points.at(-1)!;
    // The step 11:55–12:00: 500 events, 100 bad, over 300 s.
    expect(last).toMatchObject({ valid: 500, bad: 100, errorRatio: 0.2 });
    expect(last.rate).toBeCloseTo(500 / 300, 12);
    expect(last.errors).toBeCloseTo(100 / 300, 12);
    // Budget 0.1%: 5m 100/500 → 200×; 30m 200/3,000 → 66.7×; 1h 200/6,000 → 33.3×;
    // 6h: the samples 08:01–11:59 have deltas, 23,900 events → 200/23,900/0.001 = 8.368×.
    expect(last.burnRates["5m"]).toBeCloseTo(200, 9);
    expect(last.burnRates["30m"]).toBeCloseTo(200 / 3, 9);
    expect(last.burnRates["1h"]).toBeCloseTo(100 / 3, 9);
    expect(last.burnRates["6h"]).toBeCloseTo(200 / 23.9, 9);
    expect(activity.points[0]!.burnRates["5m"]).toBe(0);
    const tier = (name: string) => activity.tiers.find((t) => t.tier === name)!;
    // page 1h/5m (14.4×): at 11:55 (1h 100/6,000 → 16.7×) and 12:00.
    expect(tier("page 1h/5m").firing).toEqual([{ from: iso(NOON - 10 * MIN), to: iso(NOON) }]);
    // page 6h/30m (6×): 6h reaches 8.4× only at 12:00 (at 11:55 100/23,400 → 4.3×).
    expect(tier("page 6h/30m").firing).toEqual([{ from: iso(NOON - 5 * MIN), to: iso(NOON) }]);
    // ticket 3d/6h (1×): both windows hold the whole history; 100/23,400 → 4.3× from 11:55 on.
    expect(tier("ticket 3d/6h").firing).toEqual([{ from: iso(NOON - 10 * MIN), to: iso(NOON) }]);
    // Before the errors nothing burns.
    expect(activity.points.slice(0, 9).every((p) => Object.values(p.burnRates).every((b) => b === 0))).toBe(true);
    // The same service's histogram: p50 = 0.1 + 0.4 × 40/50; p90 on the 1 s bound; p99 in +Inf → 1.
    expect(activity.duration).toMatchObject({ metric: "dash_latency_seconds", source: "same-service", threshold: null });
    const d = activity.duration!.points!.at(-1)!;
    expect(d.count).toBe(500);
    expect(d.p50).toBeCloseTo(0.42, 12);
    expect(d.p90).toBe(1);
    expect(d.p99).toBe(1);
  });

  it("draws a latency SLI's own histogram with its threshold, and says what to send when a ratio SLI's service has none", async () => {
    const { latency } = await seed();
    const own = await getSloActivity(latency.id, { from: new Date(NOON - HOUR_MS), to: new Date(NOON) }, new Date(NOON));
    expect(own.duration).toMatchObject({ metric: "dash_latency_seconds", source: "sli", threshold: 0.5 });
    // Good = ≤ 0.5 s = 60 of 100: 40% bad against a 1% budget → 40×.
    expect(own.points.at(-1)!.burnRates["5m"]).toBeCloseTo(40, 9);
    const other = await createSlo({
      name: "search", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 30 }, labels: {},
      sli: { kind: "ratio", bad: { metric: "dash_errors_total", matchers: { job: "search" } }, total: { metric: "dash_requests_total", matchers: { job: "search" } } },
    });
    const none = await getSloActivity(other.id, { from: new Date(NOON - HOUR_MS), to: new Date(NOON) }, new Date(NOON));
    expect(none.duration).toMatchObject({ metric: null, points: null });
    expect((none.duration as { hint: string }).hint).toContain('job="search"');
  });

  it("answers over HTTP, and refuses a bad range with field errors and an unknown SLO with 404", async () => {
    const { ratio } = await seed();
    const ok = await call(activityGET, { path: `/api/slos/${ratio.id}/activity?range=custom&from=${iso(NOON - HOUR_MS)}&to=${iso(NOON)}`, params: { id: ratio.id } });
    expect(ok.status).toBe(200);
    expect((await ok.json()).points).toHaveLength(12);
    const bad = await call(activityGET, { path: `/api/slos/${ratio.id}/activity?range=custom&from=${iso(NOON)}&to=${iso(NOON - HOUR_MS)}`, params: { id: ratio.id } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as ErrorBody).error.issues?.map((i) => i.path.join("."))).toContain("to");
    const unknownRange = await call(activityGET, { path: `/api/slos/${ratio.id}/activity?range=2w`, params: { id: ratio.id } });
    expect(unknownRange.status).toBe(422);
    const missing = await call(activityGET, { path: "/api/slos/nope/activity", params: { id: "nope" } });
    expect(missing.status).toBe(404);
  });
});

describe("budget sparklines", () => {
  it("follow the burn-down to the budget the list shows, a few dozen points per SLO", async () => {
    await seed();
    const now = new Date(NOON + 30_000);
    const statuses = await listSloStatuses(now);
    const lines = await budgetSparklines(await listSlos(), now);
    for (const status of statuses) {
      const line = lines.find((l) => l.id === status.id)!;
      expect(line.reason, status.name).toBeNull();
      expect(line.remaining!.at(-1)!, status.name).toBeCloseTo(status.budget.remaining, 4);
      expect(line.at!.at(-1)).toBe(now.getTime());
      expect(line.remaining!.length).toBeGreaterThanOrEqual(20);
      expect(line.remaining!.length).toBeLessThanOrEqual(40);
    }
    // 30 days: a point a day (a partial day at each end: 31 steps); 7 days: every 6 hours.
    expect(lines.map((l) => [l.stepMs, l.remaining!.length])).toEqual([[DAY, 31], [6 * HOUR_MS, 29]]);
  });

  it("leave out an exclusion's events as the budget does, so they still end at the budget the list shows", async () => {
    const { ratio } = await seed();
    const now = new Date(NOON + 30_000);
    const before = (await budgetSparklines(await listSlos(), now)).find((l) => l.id === ratio.id)!;
    // Half of the burst of errors (11:50–11:55) falls in a maintenance window.
    await addExclusion(ratio.id, exclusionInputSchema.parse({ start: iso(NOON - 10 * MIN), end: iso(NOON - 5 * MIN), reason: "failover drill", author: "test" }));
    const status = (await listSloStatuses(now)).find((s) => s.id === ratio.id)!;
    const after = (await budgetSparklines(await listSlos(), now)).find((l) => l.id === ratio.id)!;
    expect(after.remaining!.at(-1)!).toBeCloseTo(status.budget.remaining, 4);
    expect(after.remaining!.at(-1)!).toBeGreaterThan(before.remaining!.at(-1)!);
    // Days before the exclusion are unchanged.
    expect(after.remaining!.slice(0, -1)).toEqual(before.remaining!.slice(0, -1));
  });

  it("are served over HTTP for the ids asked, in that order, and mark a timeslice SLO as having none", async () => {
    const { ratio, latency } = await seed();
    const timeslice = await createSlo({
      name: "up", service: "checkout", objective: "0.99", window: { kind: "rolling", days: 30 }, labels: {},
      sli: { kind: "timeslice", sliceMinutes: 1, indicator: { type: "gauge", metric: "up", matchers: {}, aggregation: "min", op: ">=", threshold: 1 } },
    });
    const res = await call(sparklinesGET, { path: `/api/slos/sparklines?ids=${latency.id},${timeslice.id},${ratio.id}` });
    expect(res.status).toBe(200);
    const { sparklines } = (await res.json()) as { sparklines: { id: string; remaining: number[] | null; reason: string | null }[] };
    expect(sparklines.map((s) => s.id)).toEqual([latency.id, timeslice.id, ratio.id]);
    expect(sparklines[1]).toMatchObject({ remaining: null });
    expect(sparklines[1]!.reason).toContain("timeslice");
    const all = (await (await call(sparklinesGET, { path: "/api/slos/sparklines" })).json()) as { sparklines: unknown[] };
    expect(all.sparklines).toHaveLength(3);
  });
});
