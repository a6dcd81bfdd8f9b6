import { describe, expect, it } from "vitest";
import { DAY_MS, errorBudget, HOUR_MS, windowBounds, windowCoverage, type EventCounts, type Exclusion } from "@/lib/domain";

// Hand-computed. Ratios such as 10/19 are written as divisions: the module computes them as one
// division of exact integers, so both sides are the same correctly rounded double and toBe holds.

const now = new Date("2026-03-31T00:00:00Z");
const thirtyDayWindow = windowBounds({ kind: "rolling", durationMs: 30 * DAY_MS }, now);
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

const maintenance = (counts: EventCounts, fromDaysAgo = 10, hours = 2): Exclusion => ({
  start: daysAgo(fromDaysAgo),
  end: new Date(daysAgo(fromDaysAgo).getTime() + hours * HOUR_MS),
  reason: "database upgrade",
  author: "ana",
  ...counts,
});

describe("errorBudget", () => {
  it.each([
    // name, objective, valid, good → bad, allowed, consumed, remaining, status
    { name: "untouched", objective: 0.999, valid: 2_000_000, good: 2_000_000, bad: 0, allowed: 2000, consumed: 0, remaining: 1, status: "ok" },
    { name: "by decimal string", objective: "0.999", valid: 1_000_000, good: 999_600, bad: 400, allowed: 1000, consumed: 0.4, remaining: 0.6, status: "ok" },
    { name: "exactly spent", objective: 0.99, valid: 1000, good: 990, bad: 10, allowed: 10, consumed: 1, remaining: 0, status: "exhausted" },
    { name: "overspent, never clamped", objective: 0.99, valid: 1000, good: 970, bad: 30, allowed: 10, consumed: 3, remaining: -2, status: "exhausted" },
    { name: "everything failed", objective: 0.9, valid: 50, good: 0, bad: 50, allowed: 5, consumed: 10, remaining: -9, status: "exhausted" },
    { name: "99.95%", objective: 0.9995, valid: 100_000, good: 99_980, bad: 20, allowed: 50, consumed: 0.4, remaining: 0.6, status: "ok" },
  ])("$name", ({ objective, valid, good, bad, allowed, consumed, remaining, status }) => {
    expect(errorBudget({ objective, valid, good })).toMatchObject({ bad, allowed, consumed, remaining, status, good, valid });
  });

  it("accepts the SLI declared by bad and total", () => {
    expect(errorBudget({ objective: 0.999, valid: 1_000_000, bad: 400 })).toMatchObject({ good: 999_600, consumed: 0.4 });
  });

  it("no traffic: SLI null, nothing consumed, status no-data, not flagged low-traffic", () => {
    const budget = errorBudget({ objective: 0.999, valid: 0, good: 0, window: thirtyDayWindow });
    expect(budget).toMatchObject({ sli: null, allowed: 0, consumed: 0, remaining: 1, status: "no-data", isLowTraffic: false });
  });

  it.each([
    { valid: 1, allowed: 0.001, isLowTraffic: true },
    { valid: 999, allowed: 0.999, isLowTraffic: true },
    { valid: 1000, allowed: 1, isLowTraffic: false }, // one bad event spends exactly the budget
    { valid: 1001, allowed: 1.001, isLowTraffic: false },
  ])("low traffic at T = 0.999 and valid $valid: allowed $allowed", ({ valid, allowed, isLowTraffic }) => {
    expect(errorBudget({ objective: 0.999, valid, good: valid })).toMatchObject({ allowed, isLowTraffic });
  });

  it("carries the window and full coverage when the history is older than the window", () => {
    const budget = errorBudget({ objective: 0.99, valid: 100, good: 100, window: thirtyDayWindow, historyStart: daysAgo(90) });
    expect(budget.window).toBe(thirtyDayWindow);
    expect(budget.coverage).toEqual({ coveredMs: 30 * DAY_MS, windowMs: 30 * DAY_MS, coverage: 1, isPartial: false });
  });

  it("partial window: 12 of 30 days is coverage 0.4", () => {
    const budget = errorBudget({ objective: 0.99, valid: 100, good: 99, window: thirtyDayWindow, historyStart: daysAgo(12) });
    expect(budget.coverage).toEqual({ coveredMs: 12 * DAY_MS, windowMs: 30 * DAY_MS, coverage: 0.4, isPartial: true });
    // Computed over what exists: the counts are used as given.
    expect(budget).toMatchObject({ allowed: 1, consumed: 1, remaining: 0 });
  });

  it("has no coverage without a window", () => {
    expect(errorBudget({ objective: 0.99, valid: 1, good: 1 }).coverage).toBeNull();
  });
});

describe("windowCoverage", () => {
  it.each([
    { name: "history starts after now", historyStart: new Date(now.getTime() + HOUR_MS), coveredMs: 0, coverage: 0 },
    { name: "history starts now", historyStart: now, coveredMs: 0, coverage: 0 },
    { name: "15 days", historyStart: daysAgo(15), coveredMs: 15 * DAY_MS, coverage: 0.5 },
    { name: "exactly the window", historyStart: daysAgo(30), coveredMs: 30 * DAY_MS, coverage: 1 },
  ])("$name", ({ historyStart, coveredMs, coverage }) => {
    expect(windowCoverage(thirtyDayWindow, historyStart)).toMatchObject({ coveredMs, coverage });
  });

  it("an empty calendar window at its period's first instant misses nothing", () => {
    const start = new Date("2026-04-01T00:00:00Z");
    expect(windowCoverage({ start, end: start }, start)).toEqual({ coveredMs: 0, windowMs: 0, coverage: 1, isPartial: false });
  });
});

describe("errorBudget with exclusions", () => {
  it("removes excluded events from good and valid, and shows what was removed", () => {
    // Window: valid 1,000,000, good 999,000 (bad 1000: the whole budget).
    // Maintenance: valid 50,000, good 49,500 (bad 500). Left: valid 950,000, good 949,500, bad 500.
    const exclusion = maintenance({ good: 49_500, valid: 50_000 });
    const budget = errorBudget({ objective: 0.999, valid: 1_000_000, good: 999_000, exclusions: [exclusion] });
    expect(budget).toMatchObject({
      good: 949_500,
      valid: 950_000,
      bad: 500,
      allowed: 950,
      consumed: 10 / 19, // 500 / 950
      remaining: 9 / 19,
      status: "ok",
      beforeExclusions: { good: 999_000, valid: 1_000_000, bad: 1000 },
    });
    expect(budget.exclusions).toEqual([{ ...exclusion, bad: 500 }]);
  });

  it("applies several disjoint exclusions, listed in time order", () => {
    const later = maintenance({ good: 10, valid: 10 }, 5);
    const earlier = maintenance({ bad: 20, valid: 100 }, 20);
    const budget = errorBudget({ objective: 0.99, valid: 1000, good: 960, exclusions: [later, earlier] });
    // valid 1000 − 110 = 890, good 960 − 80 − 10 = 870, bad 20.
    expect(budget).toMatchObject({ valid: 890, good: 870, bad: 20, allowed: 8.9 });
    expect(budget.exclusions.map((e) => e.start)).toEqual([earlier.start, later.start]);
  });

  it("an exclusion holding every event leaves no data", () => {
    const budget = errorBudget({ objective: 0.99, valid: 10, good: 5, exclusions: [maintenance({ good: 5, valid: 10 })] });
    expect(budget).toMatchObject({ status: "no-data", sli: null, remaining: 1 });
  });

  it.each([
    { name: "overlapping exclusions", exclusions: [maintenance({ good: 1, valid: 1 }, 10, 48), maintenance({ good: 1, valid: 1 }, 9)] },
    { name: "more valid than the window", exclusions: [maintenance({ good: 0, valid: 2000 })] },
    { name: "more good than the window", exclusions: [maintenance({ good: 999, valid: 999 })] },
    { name: "more bad than the window", exclusions: [maintenance({ good: 0, valid: 50 })] },
    { name: "ends before it starts", exclusions: [maintenance({ good: 1, valid: 1 }, 10, -1)] },
  ])("rejects $name", ({ exclusions }) => {
    expect(() => errorBudget({ objective: 0.99, valid: 1000, good: 980, exclusions })).toThrow(RangeError);
  });
});
