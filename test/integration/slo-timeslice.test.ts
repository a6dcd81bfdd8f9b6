import { beforeEach, describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/slos/route";
import { POST as addExclusion } from "@/app/api/slos/[id]/exclusions/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { getSloStatus } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const at = (minutes: number) => NOW.getTime() + minutes * MIN;

async function createSlo(sli: unknown, window: unknown = { kind: "rolling", days: 1 }) {
  const res = await call(create, { method: "POST", json: { name: "probe", service: "api", objective: "0.99", window, sli } });
  return { status: res.status, body: await res.json() };
}

const up = { kind: "timeslice", sliceMinutes: 1, indicator: { type: "gauge", metric: "up", matchers: { job: "api" }, aggregation: "min", op: ">=", threshold: 1 } };

describe("timeslice SLIs on the embedded store", () => {
  beforeEach(async () => {
    await createService({ slug: "api", name: "API" });
    // One `up` sample a minute for the last two hours: down from -30 to -21, nothing from -50 to -46.
    const samples = [];
    for (let m = -120; m < 0; m++) {
      if (m >= -50 && m <= -46) continue;
      samples.push({ t: at(m) + 15_000, v: m >= -30 && m <= -21 ? 0 : 1 });
    }
    await storeSamples([{ metric: "up", labels: { job: "api" }, samples }]);
  });

  it("counts good minutes, bad minutes and gaps, and states the budget as time", async () => {
    const { status, body } = await createSlo(up);
    expect(status).toBe(201);
    const s = await getSloStatus(body.id, NOW);
    // 1,440 minutes in the day: 115 with data (10 down), 1,325 gaps. Allowed: 0.01 × 1,440 = 14.4 bad minutes.
    expect(s.budget).toMatchObject({ good: 105, valid: 115, bad: 10 });
    expect(s.budget.allowed).toBeCloseTo(14.4, 12);
    expect(s.budget.consumed).toBeCloseTo(10 / 14.4, 12);
    expect(s.sli).toBeCloseTo(105 / 115, 12);
    expect(s.timeslice).toEqual({ sliceMs: MIN, slicesInPeriod: 1440, elapsedSlices: 1440, gapSlices: 1325, excludedSlices: 0, allowedMs: 864_000, remainingMs: 264_000 });
    // Last hour: 55 minutes with data, 10 of them down: (10 / 55) / 0.01.
    expect(s.burnRates["1h"]).toBeCloseTo(1000 / 55, 10);
    expect(s.burnRates["5m"]).toBe(0);
  });

  it("skips the slices inside an exclusion: neither good, bad nor a gap", async () => {
    const { body } = await createSlo(up);
    const ex = await call(addExclusion, { method: "POST", params: { id: body.id }, json: { start: new Date(at(-30)).toISOString(), end: new Date(at(-20)).toISOString(), reason: "planned restart", author: "ops" } });
    expect(ex.status).toBe(201);
    const s = await getSloStatus(body.id, NOW);
    expect(s.budget).toMatchObject({ good: 105, valid: 105, bad: 0, remaining: 1 });
    expect(s.timeslice).toMatchObject({ gapSlices: 1325, excludedSlices: 10, remainingMs: 864_000 });
    expect(s.burnRates["1h"]).toBe(0);
  });

  it("gives its series in slices: good / valid slices per step and the budget of the period's slices", async () => {
    const { body } = await createSlo(up);
    const s = await getSloStatus(body.id, NOW, { stepMs: 60 * MIN });
    const points = s.series.points!;
    expect(points).toHaveLength(24);
    expect(points.slice(0, 22).every((p) => p.valid === 0 && p.sli === null && p.remaining === 1)).toBe(true);
    // 10:00–11:00: 60 minutes up. 11:00–12:00: 55 with data (11:10–11:14 none), 10 of them down.
    expect(points[22]).toMatchObject({ start: "2026-11-20T10:00:00.000Z", good: 60, valid: 60, sli: 1, remaining: 1 });
    expect(points[23]).toMatchObject({ start: "2026-11-20T11:00:00.000Z", good: 45, valid: 55, cumulativeGood: 105, cumulativeValid: 115 });
    // 10 bad slices of the 14.4 allowed (0.01 × 1,440): the SLO's own remaining.
    expect(points[23]!.sli).toBeCloseTo(45 / 55, 12);
    expect(points[23]!.remaining).toBeCloseTo(1 - 10 / 14.4, 12);
    expect(points[23]!.remaining).toBe(s.budget.remaining);

    // With the down minutes excluded, those slices are skipped in the series too.
    await call(addExclusion, { method: "POST", params: { id: body.id }, json: { start: new Date(at(-30)).toISOString(), end: new Date(at(-20)).toISOString(), reason: "planned restart", author: "ops" } });
    const excluded = await getSloStatus(body.id, NOW, { stepMs: 60 * MIN });
    expect(excluded.series.points![23]).toMatchObject({ good: 45, valid: 45, sli: 1, remaining: 1 });
  });

  it("judges a slice by its own ratio of good events", async () => {
    await storeSamples([
      { metric: "req_total", labels: {}, samples: [[-4, 0], [-3, 100], [-2, 200], [-1, 300]].map(([m, v]) => ({ t: at(m!) + 30_000, v: v! })) },
      { metric: "err_total", labels: {}, samples: [[-4, 0], [-3, 1], [-2, 3], [-1, 3]].map(([m, v]) => ({ t: at(m!) + 30_000, v: v! })) },
    ]);
    const { body } = await createSlo({ kind: "timeslice", indicator: { type: "ratio", bad: { metric: "err_total" }, total: { metric: "req_total" }, target: 0.99 } });
    const s = await getSloStatus(body.id, NOW);
    // Minute -3: 1 bad of 100 (good); -2: 2 of 100 (bad); -1: 0 of 100 (good). The first sample gives no increase.
    expect(s.budget).toMatchObject({ good: 2, valid: 3, bad: 1 });
  });

  it("refuses windows longer than the minutes kept, and other data sources", async () => {
    const long = await createSlo(up, { kind: "calendar", unit: "quarter", timeZone: "UTC" });
    expect(long.status).toBe(422);
    expect((long.body as ErrorBody).error.issues!.map((i) => i.path.join("."))).toEqual(["window"]);
    const slice = await createSlo({ ...up, sliceMinutes: 7 });
    expect((slice.body as ErrorBody).error.issues!.map((i) => i.path.join("."))).toEqual(["sli.sliceMinutes"]);
  });
});
