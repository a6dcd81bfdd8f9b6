import { describe, expect, it } from "vitest";
import {
  alertTiers,
  burnRate,
  burnRateFactor,
  DAY_MS,
  DEFAULT_ALERT_TIERS,
  HOUR_MS,
  MINUTE_MS,
  tierFires,
  windowBounds,
} from "@/lib/domain";

describe("alertTiers", () => {
  it("the 30-day defaults are the Workbook's table", () => {
    expect(alertTiers(30 * DAY_MS).map(({ severity, longWindowMs, shortWindowMs, budgetSpent, factor }) => [severity, longWindowMs, shortWindowMs, budgetSpent, factor])).toEqual([
      ["page", HOUR_MS, 5 * MINUTE_MS, 0.02, 14.4],
      ["page", 6 * HOUR_MS, 30 * MINUTE_MS, 0.05, 6],
      ["ticket", DAY_MS, 2 * HOUR_MS, 0.1, 3],
      ["ticket", 3 * DAY_MS, 6 * HOUR_MS, 0.1, 1],
    ]);
  });

  it.each([
    // f = spent × P / long, each one exact division, so 14 / 15 is the same double as 0.1 × 672 / 72.
    { name: "28 days", periodMs: 28 * DAY_MS, factors: [13.44, 5.6, 2.8, 14 / 15] },
    { name: "7 days", periodMs: 7 * DAY_MS, factors: [3.36, 1.4, 0.7, 7 / 30] },
    { name: "March 2026 in Berlin (743 h)", periodMs: 743 * HOUR_MS, factors: [14.86, 743 / 120, 743 / 240, 743 / 720] },
    { name: "a 92-day quarter", periodMs: 92 * DAY_MS, factors: [44.16, 18.4, 9.2, 92 / 30] },
  ])("scales the factors for $name", ({ periodMs, factors }) => {
    expect(alertTiers(periodMs).map((tier) => tier.factor)).toEqual(factors);
  });

  it("takes configured tiers, with the spent share as a decimal string", () => {
    const [tier] = alertTiers(30 * DAY_MS, [{ severity: "page", longWindowMs: 2 * HOUR_MS, shortWindowMs: 10 * MINUTE_MS, budgetSpent: "0.03" }]);
    expect(tier).toEqual({ severity: "page", longWindowMs: 2 * HOUR_MS, shortWindowMs: 10 * MINUTE_MS, budgetSpent: 0.03, periodMs: 30 * DAY_MS, factor: 10.8 });
  });

  it.each([
    { name: "a short window as long as the long one", spec: { ...DEFAULT_ALERT_TIERS[0]!, shortWindowMs: HOUR_MS } },
    { name: "no budget spent", spec: { ...DEFAULT_ALERT_TIERS[0]!, budgetSpent: 0 } },
    { name: "more than the whole budget", spec: { ...DEFAULT_ALERT_TIERS[0]!, budgetSpent: 1.5 } },
  ])("rejects $name", ({ spec }) => {
    expect(() => alertTiers(30 * DAY_MS, [spec])).toThrow(RangeError);
  });
});

describe("burnRateFactor", () => {
  it("0.02 × 672 h / 1 h = 13.44", () => {
    expect(burnRateFactor({ budgetSpent: 0.02, periodMs: 28 * DAY_MS, longWindowMs: HOUR_MS })).toBe(13.44);
  });

  it.each([
    { budgetSpent: 0.02, periodMs: 0, longWindowMs: HOUR_MS },
    { budgetSpent: 0.02, periodMs: 30 * DAY_MS, longWindowMs: 0.5 },
    { budgetSpent: -0.02, periodMs: 30 * DAY_MS, longWindowMs: HOUR_MS },
  ])("rejects %o", (input) => {
    expect(() => burnRateFactor(input)).toThrow(RangeError);
  });
});

describe("tierFires", () => {
  const [page1h] = alertTiers(30 * DAY_MS); // factor 14.4
  const [page28d] = alertTiers(28 * DAY_MS); // factor 13.44
  // bad per `valid` events at T = 0.999 (10,000 by default: burn rate = bad / 10); null is no traffic.
  const rate = (bad: number | null, valid = 10_000) => burnRate({ objective: 0.999, valid: bad === null ? 0 : valid, bad: bad ?? 0 });

  it.each([
    { long: 144, short: 144, fires: false }, // equal on both: not greater
    { long: 145, short: 145, fires: true },
    { long: 144, short: 200, fires: false }, // long only equal
    { long: 200, short: 144, fires: false }, // short only equal
    { long: 1000, short: 143, fires: false },
    { long: 143, short: 1000, fires: false },
    { long: 200, short: null, fires: false }, // short window has no traffic
    { long: null, short: 200, fires: false },
    { long: null, short: null, fires: false },
  ])("30d page tier, long bad $long, short bad $short per 10,000 → fires $fires", ({ long, short, fires }) => {
    expect(tierFires({ tier: page1h!, long: rate(long), short: rate(short) }).fires).toBe(fires);
  });

  it.each([
    { bad: 1344, fires: false }, // burn rate 13.44 exactly
    { bad: 1345, fires: true },
  ])("28d first tier (13.44): bad $bad per 100,000 → fires $fires", ({ bad, fires }) => {
    expect(tierFires({ tier: page28d!, long: rate(bad, 100_000), short: rate(bad, 100_000) }).fires).toBe(fires);
  });

  it("carries the numbers that made the decision", () => {
    const long = rate(145);
    const short = rate(150);
    expect(tierFires({ tier: page1h!, long, short })).toEqual({ fires: true, severity: "page", factor: 14.4, tier: page1h, long, short });
  });

  it("checks the burn-rate windows against the tier's", () => {
    const now = new Date("2026-03-31T00:00:00Z");
    const over = (durationMs: number) => {
      const { start, end } = windowBounds({ kind: "rolling", durationMs }, now);
      return burnRate({ objective: 0.999, valid: 10_000, bad: 150, window: { start, end } });
    };
    expect(tierFires({ tier: page1h!, long: over(HOUR_MS), short: over(5 * MINUTE_MS) }).fires).toBe(true);
    expect(() => tierFires({ tier: page1h!, long: over(5 * MINUTE_MS), short: over(HOUR_MS) })).toThrow(RangeError);
  });
});
