import { beforeEach, describe, expect, it } from "vitest";
import { GET as getOne } from "@/app/api/slos/[id]/route";
import { POST as addExclusion } from "@/app/api/slos/[id]/exclusions/route";
import { storeSamples } from "@/lib/server/ingest/store";
import { createService } from "@/lib/server/services/services";
import { createSlo, getSloStatus } from "@/lib/server/services/slos";
import { call, type ErrorBody } from "../support/http";
import { resetDatabase } from "../support/reset-db";

beforeEach(resetDatabase);

const NOW = new Date("2026-11-20T12:00:00Z");
const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const ago = (ms: number) => NOW.getTime() - ms;

/** Worked example 1 spread over time: 990,000 requests (255 bad) 9 days ago, 10,000 (145 bad) 4 minutes ago. */
async function seed() {
  await createService({ slug: "checkout", name: "Checkout" });
  const s = (metric: string, values: [number, number][]) => ({ metric, labels: {}, samples: values.map(([t, v]) => ({ t, v })) });
  await storeSamples([
    s("req_total", [[ago(10 * DAY), 0], [ago(9 * DAY), 990_000], [ago(61 * MIN), 990_000], [ago(4 * MIN), 1_000_000]]),
    s("err_total", [[ago(10 * DAY), 0], [ago(9 * DAY), 255], [ago(61 * MIN), 255], [ago(4 * MIN), 400]]),
  ]);
  return createSlo({
    name: "availability", service: "checkout", objective: "0.999", window: { kind: "rolling", days: 30 }, labels: {},
    sli: { kind: "ratio", bad: { metric: "err_total", matchers: {} }, total: { metric: "req_total", matchers: {} } },
  });
}

describe("GET /api/slos/{id} series", () => {
  it("gives daily budget remaining and SLI over the window, ending at the SLO's budget", async () => {
    const slo = await seed();
    const status = await getSloStatus(slo.id, NOW, { stepMs: DAY });
    expect(status.window).toMatchObject({ start: "2026-10-21T12:00:00.000Z", end: "2026-11-20T12:00:00.000Z" });
    const points = status.series.points!;
    // The window's 12 partial hours, 30 whole days, and today's 12 hours.
    expect(points).toHaveLength(31);
    expect(points[0]).toMatchObject({ start: "2026-10-21T12:00:00.000Z", at: "2026-10-22T00:00:00.000Z", sli: null, valid: 0, remaining: 1 });
    // 11 November: 990,000 requests, 255 bad. Budget so far: 0.001 × 990,000 = 990 allowed, 255 spent.
    expect(points[21]).toEqual({
      start: "2026-11-11T00:00:00.000Z", at: "2026-11-12T00:00:00.000Z",
      sli: 989_745 / 990_000, good: 989_745, valid: 990_000, remaining: 735 / 990, consumed: 255 / 990, cumulativeGood: 989_745, cumulativeValid: 990_000,
    });
    expect(points[29]).toMatchObject({ sli: null, valid: 0, remaining: 735 / 990 });
    // Today: 10,000 requests, 145 bad; the window's 400 bad of 1,000 allowed leave 0.6, the SLO's figure.
    expect(points[30]).toMatchObject({ start: "2026-11-20T00:00:00.000Z", at: "2026-11-20T12:00:00.000Z", sli: 0.9855, valid: 10_000, remaining: 0.6, consumed: 0.4 });
    expect(status.budget.remaining).toBe(0.6);
  });

  it("leaves out the events inside an exclusion, as the budget does, whether it covers part of a step or all of it", async () => {
    const slo = await seed();
    // 06:00–18:00 on 11 November holds the 990,000 requests (255 bad) counted at 12:00.
    const json = { start: "2026-11-11T06:00:00.000Z", end: "2026-11-11T18:00:00.000Z", reason: "load test", author: "ops" };
    expect((await call(addExclusion, { method: "POST", params: { id: slo.id }, json })).status).toBe(201);
    // Left: today's 10,000 requests, 145 bad; allowed 0.001 × 10,000 = 10, so remaining 1 − 145 / 10.
    const daily = await getSloStatus(slo.id, NOW, { stepMs: DAY });
    expect(daily.budget).toMatchObject({ valid: 10_000, bad: 145, remaining: -13.5 });
    const days = daily.series.points!;
    expect(days[21]).toMatchObject({ start: "2026-11-11T00:00:00.000Z", sli: null, good: 0, valid: 0, remaining: 1, cumulativeValid: 0 });
    expect(days[30]).toMatchObject({ sli: 0.9855, valid: 10_000, remaining: -13.5, consumed: 14.5, cumulativeGood: 9855, cumulativeValid: 10_000 });
    // Hourly, the exclusion covers whole steps: 11 November 06:00–18:00 is empty, and so is every hour before today's burst.
    const hourly = await getSloStatus(slo.id, NOW, { stepMs: H });
    expect(hourly.series.points!.filter((p) => p.valid > 0).map((p) => [p.start, p.valid, p.good])).toEqual([["2026-11-20T11:00:00.000Z", 10_000, 9855]]);
    expect(hourly.series.points!.at(-1)).toMatchObject({ remaining: -13.5 });
  });

  it("defaults to hourly points over 30 days, and takes ?resolution= as ?step=", async () => {
    const slo = await seed();
    const byDefault = await getSloStatus(slo.id, NOW);
    expect(byDefault.series.stepMs).toBe(H);
    expect(byDefault.series.points).toHaveLength(720);
    expect(byDefault.series.points!.at(-1)).toMatchObject({ at: NOW.toISOString(), valid: 10_000, remaining: 0.6 });
    // 11:00–12:00 holds the burst; 10:00–11:00 none (the sample at 10:59 repeats the counter).
    expect(byDefault.series.points!.at(-2)).toMatchObject({ valid: 0, sli: null });

    const halfHours = await getSloStatus(slo.id, NOW, { stepMs: 30 * MIN });
    expect(halfHours.series.points).toHaveLength(1440);
    expect(halfHours.series.points!.at(-1)).toMatchObject({ start: "2026-11-20T11:30:00.000Z", valid: 10_000, good: 9855 });
    expect(halfHours.series.points!.at(-2)).toMatchObject({ start: "2026-11-20T11:00:00.000Z", valid: 0 });

    // Over HTTP the window ends at the real now, so only the step is checked here.
    const res = await call(getOne, { path: `/api/slos/${slo.id}?resolution=2h`, params: { id: slo.id } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.series.stepMs).toBe(2 * H);
    expect(body.window).toEqual({ start: expect.any(String), end: expect.any(String), periodMs: 30 * DAY });
  });

  it.each([
    ["a step that gives too many points, naming the smallest that fits", "?step=1m", "step", /4320\d points.*22m or more/],
    ["a step that is not a duration", "?step=5x", "step", /duration/],
    ["a step under a minute", "?step=0m", "step", /at least 1m/],
    ["step and resolution that disagree", "?step=1h&resolution=2h", "resolution", /same setting/],
  ])("refuses %s with 422", async (_name, query, field, message) => {
    const slo = await seed();
    const res = await call(getOne, { path: `/api/slos/${slo.id}${query}`, params: { id: slo.id } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.issues?.find((i) => i.path.includes(field))?.message).toMatch(message);
  });
});
