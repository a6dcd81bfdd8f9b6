import { describe, expect, it } from "vitest";
import {
  alertTiers,
  budgetFraction,
  budgetShares,
  burnRate,
  DAY_MS,
  decimalFraction,
  errorBudget,
  eventCounts,
  HOUR_MS,
  increases,
  MINUTE_MS,
  tierFires,
  timeToExhaustion,
  windowBounds,
} from "@/lib/domain";

// Every number below is computed by hand. toBe is exact: the module computes each figure as one
// division of exact products, so it equals the literal a person would write.

const thirtyDays = 30 * DAY_MS;
const now = new Date("2026-03-31T00:00:00Z");
const lastHour = { start: new Date(now.getTime() - HOUR_MS), end: now };
const last5m = { start: new Date(now.getTime() - 5 * MINUTE_MS), end: now };
const [firstTier] = alertTiers(thirtyDays);

describe("slo-math.md worked examples", () => {
  it("1. T = 0.999, 30d, valid = 1,000,000, good = 999,600: bad = 400, allowed = 1000, consumed 0.4, remaining 0.6, SLI = 0.9996", () => {
    const window = windowBounds({ kind: "rolling", durationMs: thirtyDays }, now);
    const budget = errorBudget({ objective: 0.999, valid: 1_000_000, good: 999_600, window });
    expect(budget).toMatchObject({
      bad: 400,
      allowed: 1000,
      consumed: 0.4,
      remaining: 0.6,
      sli: 0.9996,
      status: "ok",
      isLowTraffic: false,
      good: 999_600,
      valid: 1_000_000,
      objective: 0.999,
      budgetFraction: 0.001,
    });
    expect(budget.window?.start).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(budget.window?.end).toEqual(now);
  });

  it("2. last hour valid = 10,000, bad = 144: error ratio 0.0144, burn rate 14.4: equal, not greater, so the first tier does not fire", () => {
    const long = burnRate({ objective: 0.999, valid: 10_000, bad: 144, window: lastHour });
    expect(long.errorRatio).toBe(0.0144);
    expect(long.burnRate).toBe(14.4);
    expect(firstTier!.factor).toBe(14.4);
    // Even with the short window burning far above the factor.
    const short = burnRate({ objective: 0.999, valid: 1_000, bad: 100, window: last5m });
    expect(tierFires({ tier: firstTier!, long, short }).fires).toBe(false);
  });

  it.each([
    { shortValid: 1_000, shortBad: 15, shortRate: 15, fires: true }, // 5m window also above 14.4
    { shortValid: 1_250, shortBad: 18, shortRate: 14.4, fires: false }, // 5m window exactly 14.4: not greater
    { shortValid: 1_000, shortBad: 10, shortRate: 10, fires: false }, // 5m window below
  ])("2. with bad = 145 it fires only if the 5m window also burns above 14.4 (5m burn $shortRate)", ({ shortValid, shortBad, shortRate, fires }) => {
    const long = burnRate({ objective: 0.999, valid: 10_000, bad: 145, window: lastHour });
    expect(long.burnRate).toBe(14.5);
    const short = burnRate({ objective: 0.999, valid: shortValid, bad: shortBad, window: last5m });
    expect(short.burnRate).toBe(shortRate);
    expect(tierFires({ tier: firstTier!, long, short }).fires).toBe(fires);
  });

  it("3. counter samples 100, 150, 20, 50: increase 50 + 20 + 30 = 100", () => {
    const samples = [100, 150, 20, 50].map((v, i) => ({ t: i * MINUTE_MS, v }));
    const result = increases(samples, { bucketMs: MINUTE_MS });
    expect(result.buckets.map((b) => b.increase)).toEqual([50, 20, 30]);
    expect(result.total).toBe(100);
    expect(result.resets).toBe(1);
  });

  it("4. T = 0.99, valid = 0: SLI undefined, remaining 1, status no-data, no alert", () => {
    const budget = errorBudget({ objective: 0.99, valid: 0, good: 0 });
    expect(budget).toMatchObject({ sli: null, remaining: 1, consumed: 0, status: "no-data", isLowTraffic: false });
    const long = burnRate({ objective: 0.99, valid: 0, good: 0 });
    const short = burnRate({ objective: 0.99, valid: 0, good: 0 });
    expect(long).toMatchObject({ burnRate: 0, hasData: false, errorRatio: null });
    for (const tier of alertTiers(thirtyDays)) {
      expect(tierFires({ tier, long, short }).fires).toBe(false);
    }
  });

  it("5. T = 0.999, valid = 500: allowed = 0.5 < 1 → low-traffic", () => {
    const budget = errorBudget({ objective: 0.999, valid: 500, good: 500 });
    expect(budget.allowed).toBe(0.5);
    expect(budget.isLowTraffic).toBe(true);
  });

  it("6. remaining 0.5, P = 30d, burn rate 2: time to exhaustion 0.5 × 30d / 2 = 7.5d", () => {
    const result = timeToExhaustion({ remaining: 0.5, periodMs: thirtyDays, burnRate: 2 });
    expect(result.timeToExhaustionMs).toBe(7.5 * DAY_MS);
  });
});

describe("decimalFraction", () => {
  it.each([
    { x: 0.999, units: 999, scale: 1000 },
    { x: "0.9995", units: 9995, scale: 10_000 },
    { x: " 0.99 ", units: 99, scale: 100 },
    { x: 1e-7, units: 1, scale: 1e7 }, // String(1e-7) is "1e-7"
    { x: ".5", units: 5, scale: 10 },
    { x: "1e3", units: 1000, scale: 1 },
    { x: 42, units: 42, scale: 1 },
    { x: "0.020", units: 20, scale: 1000 },
  ])("$x = $units / $scale", ({ x, units, scale }) => {
    expect(decimalFraction(x)).toEqual({ units, scale });
  });

  it.each([0.1 + 0.2, "0.1234567890123456", "abc", "", ".", "-0.5", Number.NaN, Number.POSITIVE_INFINITY])(
    "rejects %s",
    (x) => {
      expect(() => decimalFraction(x)).toThrow(RangeError);
    },
  );
});

describe("budgetFraction", () => {
  it.each([
    { objective: 0.999, value: 0.001, units: 1, scale: 1000 },
    { objective: "0.999", value: 0.001, units: 1, scale: 1000 },
    { objective: 0.9995, value: 0.0005, units: 5, scale: 10_000 },
    { objective: 0.99, value: 0.01, units: 1, scale: 100 },
    { objective: 0.5, value: 0.5, units: 5, scale: 10 },
  ])("B = 1 − $objective = $value, exactly", ({ objective, value, units, scale }) => {
    // The naive 1 − 0.999 is 0.0010000000000000009.
    expect(budgetFraction(objective)).toEqual({ objective: Number(objective), value, units, scale });
  });

  it.each([0, 1, 1.5, -0.1, "99.9", 0.9990000000000001])("rejects objective %s", (objective) => {
    expect(() => budgetFraction(objective)).toThrow(RangeError);
  });
});

describe("eventCounts", () => {
  it.each([
    { input: { good: 9, valid: 10 }, expected: { good: 9, valid: 10, bad: 1 } },
    { input: { bad: 1, valid: 10 }, expected: { good: 9, valid: 10, bad: 1 } },
    { input: { good: 0, valid: 0 }, expected: { good: 0, valid: 0, bad: 0 } },
  ])("$input reduces to good, valid, bad", ({ input, expected }) => {
    expect(eventCounts(input)).toEqual(expected);
  });

  it.each([
    { good: 11, valid: 10 },
    { bad: 11, valid: 10 },
    { good: -1, valid: 10 },
    { good: 1, valid: Number.NaN },
    { bad: Number.POSITIVE_INFINITY, valid: 10 },
  ])("rejects %o", (input) => {
    expect(() => eventCounts(input)).toThrow(RangeError);
  });
});

describe("budgetShares", () => {
  const budget = budgetFraction(0.99);
  it.each([
    { bad: 0, capacity: 1000, allowed: 10, consumed: 0, remaining: 1 },
    { bad: 5, capacity: 1000, allowed: 10, consumed: 0.5, remaining: 0.5 },
    { bad: 30, capacity: 1000, allowed: 10, consumed: 3, remaining: -2 },
    { bad: 0, capacity: 0, allowed: 0, consumed: 0, remaining: 1 },
  ])("bad $bad of capacity $capacity at B = 0.01", ({ bad, capacity, allowed, consumed, remaining }) => {
    expect(budgetShares({ bad, capacity, budget })).toEqual({ allowed, consumed, remaining });
  });
});
