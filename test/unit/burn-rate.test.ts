import { describe, expect, it } from "vitest";
import { burnRate, DAY_MS, HOUR_MS, timeToExhaustion } from "@/lib/domain";

describe("burnRate", () => {
  it.each([
    // Each burn rate is the exact ratio (bad / valid) / B as one rounding, so it equals the literal.
    // The naive (144 / 10000) / (1 − 0.999) would give 14.399999999999999 and break the boundary.
    { objective: 0.999, valid: 10_000, bad: 144, burn: 14.4 },
    { objective: 0.9995, valid: 10_000, bad: 72, burn: 14.4 },
    { objective: 0.99, valid: 1_000, bad: 144, burn: 14.4 },
    { objective: "0.999", valid: 3_000, bad: 18, burn: 6 },
    { objective: 0.99, valid: 1_000, bad: 10, burn: 1 }, // spends exactly the whole budget over P
    { objective: 0.99, valid: 1_000, bad: 0, burn: 0 },
    { objective: 0.99, valid: 1_000, bad: 1_000, burn: 100 }, // the most a 99% SLO can burn
    { objective: 0.999, valid: 7, bad: 1, burn: 1000 / 7 },
  ])("T $objective, valid $valid, bad $bad → $burn", ({ objective, valid, bad, burn }) => {
    expect(burnRate({ objective, valid, bad }).burnRate).toBe(burn);
  });

  it("shows its work", () => {
    const window = { start: new Date("2026-03-30T23:00:00Z"), end: new Date("2026-03-31T00:00:00Z") };
    expect(burnRate({ objective: 0.999, valid: 10_000, good: 9_856, window })).toEqual({
      good: 9_856,
      valid: 10_000,
      bad: 144,
      burnRate: 14.4,
      errorRatio: 0.0144,
      hasData: true,
      objective: 0.999,
      budgetFraction: 0.001,
      window,
    });
  });

  it("no traffic: burn rate 0, flagged no-data", () => {
    expect(burnRate({ objective: 0.999, valid: 0, bad: 0 })).toMatchObject({ burnRate: 0, errorRatio: null, hasData: false, window: null });
  });

  it("rejects counts that do not add up", () => {
    expect(() => burnRate({ objective: 0.999, valid: 10, bad: 11 })).toThrow(RangeError);
  });
});

describe("timeToExhaustion", () => {
  const thirtyDays = 30 * DAY_MS;
  it.each([
    { name: "burn rate 1 on a full budget lasts P", remaining: 1, burn: 1, periodMs: thirtyDays, ms: thirtyDays },
    { name: "worked example 6", remaining: 0.5, burn: 2, periodMs: thirtyDays, ms: 7.5 * DAY_MS },
    { name: "28 days, a quarter left at 4×", remaining: 0.25, burn: 4, periodMs: 28 * DAY_MS, ms: 1.75 * DAY_MS },
    { name: "paging burn 14.4 on a full 30-day budget: 50 h", remaining: 1, burn: 14.4, periodMs: thirtyDays, ms: 50 * HOUR_MS },
    { name: "not burning", remaining: 0.5, burn: 0, periodMs: thirtyDays, ms: null },
    { name: "exactly spent", remaining: 0, burn: 3, periodMs: thirtyDays, ms: null },
    { name: "overspent", remaining: -0.2, burn: 3, periodMs: thirtyDays, ms: null },
  ])("$name", ({ remaining, burn, periodMs, ms }) => {
    expect(timeToExhaustion({ remaining, burnRate: burn, periodMs })).toEqual({ timeToExhaustionMs: ms, remaining, burnRate: burn, periodMs });
  });

  it.each([
    { remaining: Number.NaN, burnRate: 1, periodMs: DAY_MS },
    { remaining: 1, burnRate: -1, periodMs: DAY_MS },
    { remaining: 1, burnRate: 1, periodMs: 0 },
  ])("rejects %o", (input) => {
    expect(() => timeToExhaustion(input)).toThrow(RangeError);
  });
});
