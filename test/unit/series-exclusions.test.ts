// The detail series with exclusions and timeslices (lib/domain/budget-series.ts, timeslice.ts):
// hand-computed cases.
import { describe, expect, it } from "vitest";
import { budgetSeries, excludedParts, withoutExcluded } from "@/lib/domain/budget-series";
import { countSlices, type MinuteFigures, slicesPerStep } from "@/lib/domain/timeslice";

const MIN = 60_000;
const d = (minutes: number) => new Date(minutes * MIN);

describe("excludedParts", () => {
  // Steps 0–15, 15–30, 30–45, 45–50 minutes.
  const boundaries = [0, 15, 30, 45, 50].map((m) => m * MIN);
  it.each([
    ["inside one step", [[5, 10]], [[0, 5, 10, false]]],
    ["over a boundary", [[10, 20]], [[0, 10, 15, false], [1, 15, 20, false]]],
    ["a whole step and a bit", [[15, 35]], [[1, 15, 30, true], [2, 30, 35, false]]],
    ["the last, partial step whole", [[45, 60]], [[3, 45, 50, true]]],
    ["before the window", [[-10, 0]], []],
    ["two that touch, each partial", [[20, 25], [25, 30]], [[1, 20, 25, false], [1, 25, 30, false]]],
  ] as const)("%s", (_name, exclusions, expected) => {
    const parts = excludedParts(boundaries, exclusions.map(([s, e]) => ({ start: d(s), end: d(e) })));
    expect(parts).toEqual(expected.map(([step, start, end, whole]) => ({ step, start: start * MIN, end: end * MIN, whole })));
  });
});

describe("withoutExcluded", () => {
  it("empties whole steps and subtracts partial parts from good and valid", () => {
    const steps = [{ good: 90, valid: 100 }, { good: 45, valid: 50 }, { good: 10, valid: 10 }];
    const parts = [
      { step: 0, start: 0, end: 1, whole: false, good: 20, valid: 30 },
      { step: 1, start: 1, end: 2, whole: true, good: 45, valid: 50 },
    ];
    expect(withoutExcluded(steps, parts)).toEqual([{ good: 70, valid: 70 }, { good: 0, valid: 0 }, { good: 10, valid: 10 }]);
    expect(steps[0]).toEqual({ good: 90, valid: 100 }); // not changed in place
  });

  it("never goes below zero (Prometheus' extrapolated parts can exceed the step)", () => {
    expect(withoutExcluded([{ good: 5, valid: 5 }], [{ step: 0, start: 0, end: 1, whole: false, good: 6, valid: 6 }])).toEqual([{ good: 0, valid: 0 }]);
  });
});

describe("budgetSeries with a time-based allowance (timeslices)", () => {
  it("spends B × slices in the period, not B × slices so far", () => {
    // 0.99 over 1,440 one-minute slices: 14.4 bad slices allowed. 60 good, then 45 of 55.
    const points = budgetSeries({
      boundaries: [0, 60, 120].map((m) => m * MIN),
      steps: [{ good: 60, valid: 60 }, { good: 45, valid: 55 }],
      objective: "0.99",
      allowance: { capacity: 1440 * MIN, per: MIN },
    });
    expect(points.map((p) => [p.sli, p.remaining, p.consumed])).toEqual([
      [1, 1, 0],
      [45 / 55, (86_400_000 - 60_000_000) / 86_400_000, 60_000_000 / 86_400_000],
    ]);
    expect(points[1]!.remaining).toBeCloseTo(1 - 10 / 14.4, 12);
  });
});

describe("slicesPerStep", () => {
  const up = { type: "gauge", aggregation: "min", op: ">=", threshold: 1 } as const;
  const gauge = (v: number): MinuteFigures => ({ count: 1, sum: v, min: v, max: v, eventIncrease: 0, totalIncrease: 0 });
  // 10-minute slices from minute 3: they start at 3, 13 and 23 (the one at 33 is not over at 40).
  // Minute 15 is down, so the slice at 13 is bad; no data from 27 to 32.
  const minutes = new Map<number, MinuteFigures>();
  for (let m = 3; m < 40; m++) if (m < 27 || m > 32) minutes.set(m, gauge(m === 15 ? 0 : 1));
  const input = { start: d(3), end: d(40), sliceMs: 10 * MIN, minutes, condition: up };

  it("puts each slice in the step its start lies in; summed, they are countSlices' counts", () => {
    const boundaries = [3, 15, 30, 40].map((m) => m * MIN);
    const steps = slicesPerStep({ ...input, boundaries });
    expect(steps).toEqual([
      { good: 1, valid: 2, gaps: 0, excluded: 0 }, // 3 (good) and 13 (bad)
      { good: 1, valid: 1, gaps: 0, excluded: 0 }, // 23: minutes 23–26 up, 27–32 no data
      { good: 0, valid: 0, gaps: 0, excluded: 0 },
    ]);
    const whole = countSlices(input);
    expect([steps.reduce((s, x) => s + x.good, 0), steps.reduce((s, x) => s + x.valid, 0)]).toEqual([whole.good, whole.valid]);
  });

  it("skips a slice that starts inside an exclusion, as the budget does", () => {
    const exclusions = [{ start: d(10), end: d(14) }];
    const steps = slicesPerStep({ ...input, exclusions, boundaries: [3, 15, 30, 40].map((m) => m * MIN) });
    expect(steps[0]).toEqual({ good: 1, valid: 1, gaps: 0, excluded: 1 });
    expect(countSlices({ ...input, exclusions })).toMatchObject({ good: 2, valid: 2, excluded: 1 });
  });

  it("counts a slice with no data as a gap", () => {
    const sparse = new Map([[4, gauge(1)]]);
    expect(slicesPerStep({ ...input, minutes: sparse, boundaries: [3, 40].map((m) => m * MIN) })).toEqual([{ good: 1, valid: 1, gaps: 2, excluded: 0 }]);
  });
});
