import { describe, expect, it } from "vitest";
import { activityBaseStepMs, activityPoints, firingPeriods, redPoints, trailingBurnRates } from "@/lib/domain/slo-activity";

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const T0 = Date.parse("2026-11-23T00:00:00Z");

// Twelve 5-minute steps of 100 events; the last two have 10 and 20 bad.
const base = {
  start: T0,
  stepMs: 5 * MIN,
  counts: Array.from({ length: 12 }, (_, i) => ({ valid: 100, good: i === 10 ? 90 : i === 11 ? 80 : 100 })),
};

describe("activity steps", () => {
  it.each([["1 day", DAY, 5 * MIN], ["7 days", 7 * DAY, 5 * MIN], ["30 days", 30 * DAY, H]])("base step for %s", (_n, range, step) => {
    expect(activityBaseStepMs(range)).toBe(step);
  });

  it("puts a day's points every 10 minutes (9.6 rounded up to the 5-minute base)", () => {
    const { stepMs, at } = activityPoints({ from: T0 + 7 * MIN, to: T0 + DAY + 7 * MIN }, 5 * MIN, 150);
    expect(stepMs).toBe(10 * MIN);
    expect(at[0]).toBe(T0 + 10 * MIN);
    expect(at.at(-1)).toBe(T0 + DAY);
    expect(at.length).toBe(144);
  });
});

describe("trailingBurnRates (objective 99%: budget 1%)", () => {
  it.each([
    // last step: 20 bad of 100 = 0.2 → 20×
    ["5m", 5 * MIN, 20],
    // last six steps: 30 bad of 600 = 0.05 → 5×
    ["30m", 30 * MIN, 5],
    // all twelve: 30 of 1,200 = 0.025 → 2.5×
    ["1h", H, 2.5],
  ])("%s window ending at the last step", (_n, windowMs, expected) => {
    expect(trailingBurnRates({ base, at: [T0 + H], windowMs, objective: "0.99" })).toEqual([expected]);
  });

  it("is null over a window without events, and 0 over a clean one", () => {
    const quiet = { ...base, counts: [{ good: 0, valid: 0 }, { good: 50, valid: 50 }] };
    expect(trailingBurnRates({ base: quiet, at: [T0 + 5 * MIN, T0 + 10 * MIN], windowMs: 5 * MIN, objective: "0.99" })).toEqual([null, 0]);
  });

  it("refuses windows and points off the base steps", () => {
    expect(() => trailingBurnRates({ base, at: [T0 + H], windowMs: 7 * MIN, objective: "0.99" })).toThrow(RangeError);
    expect(() => trailingBurnRates({ base, at: [T0 + H + MIN], windowMs: 5 * MIN, objective: "0.99" })).toThrow(RangeError);
    expect(() => trailingBurnRates({ base, at: [T0 + 2 * H], windowMs: 5 * MIN, objective: "0.99" })).toThrow(RangeError);
  });
});

describe("firingPeriods", () => {
  it("joins consecutive firing points into one shaded span, a step wide per point", () => {
    const periods = firingPeriods({ at: [10, 20, 30, 40, 50], stepMs: 10, long: [20, 20, 1, 20, 20], short: [20, null, 20, 20, 20], factor: 14.4 });
    expect(periods).toEqual([{ from: 0, to: 10 }, { from: 30, to: 50 }]);
  });

  it("does not fire at exactly the factor (strictly greater)", () => {
    expect(firingPeriods({ at: [10], stepMs: 10, long: [14.4], short: [20], factor: 14.4 })).toEqual([]);
  });
});

describe("redPoints", () => {
  it("gives events and bad events per second and the error ratio per step", () => {
    const [p] = redPoints(base, [T0 + H], H);
    // 1,200 events and 30 bad over 3,600 s
    expect(p).toEqual({ at: T0 + H, rate: 1200 / 3600, errors: 30 / 3600, errorRatio: 0.025, valid: 1200, bad: 30 });
  });

  it("has no error ratio for a step without events", () => {
    const [p] = redPoints({ ...base, counts: [{ good: 0, valid: 0 }] }, [T0 + 5 * MIN], 5 * MIN);
    expect(p!.errorRatio).toBeNull();
    expect(p!.rate).toBe(0);
  });
});
