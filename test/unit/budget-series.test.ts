import { describe, expect, it } from "vitest";
import { budgetSeries, defaultSeriesStepMs, seriesBoundaries, seriesPointCount } from "@/lib/domain/budget-series";

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const T = (iso: string) => Date.parse(iso);
const window = (from: string, to: string) => ({ start: new Date(from), end: new Date(to) });

describe("seriesBoundaries", () => {
  it.each([
    ["partial first step, whole steps after", window("2026-11-20T10:07:00Z", "2026-11-20T13:00:00Z"), H, ["2026-11-20T10:07:00Z", "2026-11-20T11:00:00Z", "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z"]],
    ["partial at both ends", window("2026-11-20T10:07:00Z", "2026-11-20T11:30:30Z"), H, ["2026-11-20T10:07:00Z", "2026-11-20T11:00:00Z", "2026-11-20T11:30:30Z"]],
    ["inside one step", window("2026-11-20T10:07:00Z", "2026-11-20T10:09:00Z"), H, ["2026-11-20T10:07:00Z", "2026-11-20T10:09:00Z"]],
    ["aligned ends", window("2026-11-20T10:00:00Z", "2026-11-20T10:15:00Z"), 5 * MIN, ["2026-11-20T10:00:00Z", "2026-11-20T10:05:00Z", "2026-11-20T10:10:00Z", "2026-11-20T10:15:00Z"]],
    ["an empty window", window("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"), H, ["2026-11-20T10:00:00Z"]],
  ])("%s", (_name, w, step, expected) => {
    const boundaries = seriesBoundaries(w, step);
    expect(boundaries.map((t) => new Date(t).toISOString().replace(".000", ""))).toEqual(expected);
    expect(seriesPointCount(w, step)).toBe(expected.length - 1);
  });

  it("refuses a step that is not a positive whole number of ms", () => {
    expect(() => seriesBoundaries(window("2026-11-20T10:00:00Z", "2026-11-20T11:00:00Z"), 0)).toThrow(RangeError);
  });
});

describe("defaultSeriesStepMs", () => {
  it.each([
    ["30 days: hourly, 720 points", 30 * DAY, H],
    ["7 days: 15 minutes, 672 points", 7 * DAY, 15 * MIN],
    ["1 hour: every minute", H, MIN],
    ["a quarter (92 days): 6 hours", 92 * DAY, 6 * H],
  ])("%s", (_name, length, expected) => {
    expect(defaultSeriesStepMs({ start: new Date(0), end: new Date(length) })).toBe(expected);
  });
});

describe("budgetSeries", () => {
  const boundaries = [T("2026-11-20T10:07:00Z"), T("2026-11-20T11:00:00Z"), T("2026-11-20T12:00:00Z"), T("2026-11-20T13:00:00Z")];

  it("gives each step's SLI and the budget left by the window's events up to it (T = 0.99)", () => {
    // Step 1: 10 bad of 1,000; allowed 0.01 × 1,000 = 10, all spent. Step 2: 0 bad of 1,000; the
    // 10 bad now stand against 20 allowed: half spent. Step 3: no traffic: SLI null, budget as before.
    const points = budgetSeries({ boundaries, objective: "0.99", steps: [{ good: 990, valid: 1000 }, { good: 1000, valid: 1000 }, { good: 0, valid: 0 }] });
    expect(points.map((p) => [p.at.toISOString(), p.sli, p.cumulativeGood, p.cumulativeValid, p.remaining, p.consumed])).toEqual([
      ["2026-11-20T11:00:00.000Z", 0.99, 990, 1000, 0, 1],
      ["2026-11-20T12:00:00.000Z", 1, 1990, 2000, 0.5, 0.5],
      ["2026-11-20T13:00:00.000Z", null, 1990, 2000, 0.5, 0.5],
    ]);
  });

  it("leaves the budget whole until the first event, and shows an overspent budget as negative", () => {
    const points = budgetSeries({ boundaries, objective: 0.999, steps: [{ good: 0, valid: 0 }, { good: 999_600, valid: 1_000_000 }, { good: 0, valid: 1000 }] });
    expect(points.map((p) => p.remaining)).toEqual([1, 0.6, (1001 - 1400) / 1001]);
    expect(points[0]!.sli).toBeNull();
  });

  it("cuts more good than valid (scrape skew) to valid, step and running totals alike", () => {
    const points = budgetSeries({ boundaries: boundaries.slice(0, 3), objective: "0.9", steps: [{ good: 12, valid: 10 }, { good: 5, valid: 10 }] });
    expect(points.map((p) => [p.good, p.sli, p.cumulativeGood, p.cumulativeValid])).toEqual([[10, 1, 10, 10], [5, 0.5, 17, 20]]);
    // 3 bad of 20 against 2 allowed.
    expect(points[1]!.remaining).toBe(-0.5);
  });

  it("refuses steps that do not match the boundaries", () => {
    expect(() => budgetSeries({ boundaries, objective: "0.99", steps: [] })).toThrow(RangeError);
  });
});
