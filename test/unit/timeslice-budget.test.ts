import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, MINUTE_MS, timesliceBudget, windowBounds, type WindowBounds } from "@/lib/domain";

// Hand-computed; fractions such as 25/108 are one exact division on both sides, so toBe holds.

const now = new Date("2026-03-31T00:00:00Z");
const rolling = (durationMs: number, at = now): WindowBounds => windowBounds({ kind: "rolling", durationMs }, at);
const offset = (window: WindowBounds, ms: number) => new Date(window.start.getTime() + ms);

describe("timesliceBudget", () => {
  it("30 days at 99.9% with 1-minute slices: 43.2 bad slices allowed, 43 min 12 s", () => {
    // 43,200 slices, 43,000 with data (200 gaps), 42,990 good: 10 bad of 43.2 allowed.
    const budget = timesliceBudget({ objective: 0.999, valid: 43_000, good: 42_990, window: rolling(30 * DAY_MS) });
    expect(budget).toMatchObject({
      sliceMs: MINUTE_MS,
      slicesInPeriod: 43_200,
      elapsedSlices: 43_200,
      excludedSlices: 0,
      gapSlices: 200,
      bad: 10,
      allowed: 43.2,
      allowedMs: (43 * 60 + 12) * 1000,
      consumed: 25 / 108, // 10 / 43.2
      remaining: 83 / 108,
      remainingMs: 2_592_000 - 10 * MINUTE_MS,
      status: "ok",
      isLowTraffic: false,
      sli: 42_990 / 43_000,
    });
  });

  it("a calendar month with a DST change: March 2026 in Berlin has 743 h, so 44 min 34.8 s at 99.9%", () => {
    const window = windowBounds({ kind: "calendar", unit: "month", timeZone: "Europe/Berlin" }, new Date("2026-03-10T23:00:00Z"));
    // Ten local days have elapsed (1 March 00:00 CET = 28 Feb 23:00 UTC): 14,400 slices.
    const budget = timesliceBudget({ objective: 0.999, valid: 14_400, good: 14_380, window });
    expect(budget).toMatchObject({
      slicesInPeriod: 743 * 60,
      elapsedSlices: 14_400,
      gapSlices: 0,
      allowedMs: 2_674_800,
      allowed: 44.58,
      consumed: 1000 / 2229, // 20 / 44.58
      remainingMs: 2_674_800 - 20 * MINUTE_MS,
    });
  });

  it("overspent: remaining and remainingMs go negative", () => {
    // 1 day at 99%: 14.4 slices (14 min 24 s) allowed; 30 bad slices.
    const budget = timesliceBudget({ objective: 0.99, valid: 1440, good: 1410, window: rolling(DAY_MS) });
    expect(budget).toMatchObject({ allowed: 14.4, consumed: 25 / 12, remaining: -13 / 12, remainingMs: 864_000 - 1_800_000, status: "exhausted" });
  });

  it("no data: every elapsed slice is a gap, nothing consumed", () => {
    const budget = timesliceBudget({ objective: 0.99, valid: 0, good: 0, window: rolling(DAY_MS) });
    expect(budget).toMatchObject({ status: "no-data", sli: null, consumed: 0, remaining: 1, gapSlices: 1440, allowedMs: 864_000 });
  });

  it("low traffic: 1 day at 99.99% allows 0.144 of a 1-minute slice", () => {
    const budget = timesliceBudget({ objective: 0.9999, valid: 1440, good: 1440, window: rolling(DAY_MS) });
    expect(budget).toMatchObject({ allowed: 0.144, allowedMs: 8640, isLowTraffic: true });
  });

  it("5-minute slices", () => {
    const budget = timesliceBudget({ objective: 0.99, valid: 280, good: 279, window: rolling(DAY_MS), sliceMs: 5 * MINUTE_MS });
    // 288 slices, 2.88 allowed, 1 bad: consumed 1 / 2.88 = 25 / 72.
    expect(budget).toMatchObject({ slicesInPeriod: 288, elapsedSlices: 288, gapSlices: 8, allowed: 2.88, consumed: 25 / 72 });
  });

  it("does not count the slice still in progress", () => {
    const start = new Date("2026-03-01T00:00:00Z");
    const window = windowBounds({ kind: "calendar", unit: "month", timeZone: "UTC" }, new Date(start.getTime() + 10.5 * MINUTE_MS));
    expect(timesliceBudget({ objective: 0.99, valid: 10, good: 10, window })).toMatchObject({ elapsedSlices: 10, gapSlices: 0 });
  });

  it("partial window coverage is reported beside the gaps", () => {
    const window = rolling(30 * DAY_MS);
    const historyStart = offset(window, 18 * DAY_MS); // 12 days of data
    const budget = timesliceBudget({ objective: 0.999, valid: 12 * 1440, good: 12 * 1440, window, historyStart });
    expect(budget.coverage).toMatchObject({ coverage: 0.4, isPartial: true });
    expect(budget.gapSlices).toBe(18 * 1440);
  });

  describe("exclusions", () => {
    const window = rolling(DAY_MS);
    const exclusion = (fromMs: number, toMs: number, counts: { good: number; valid: number }) => ({
      start: offset(window, fromMs),
      end: offset(window, toMs),
      reason: "planned failover",
      author: "bo",
      ...counts,
    });

    it("removes excluded slices from good and valid, and they are not gaps", () => {
      // 2 h excluded from 01:00 (120 slices, all with data and good).
      // Left: valid 1300 − 120 = 1180, good 1290 − 120 = 1170, bad 10; gaps 1440 − 120 − 1180 = 140.
      const budget = timesliceBudget({
        objective: 0.99,
        valid: 1300,
        good: 1290,
        window,
        exclusions: [exclusion(HOUR_MS, 3 * HOUR_MS, { good: 120, valid: 120 })],
      });
      expect(budget).toMatchObject({
        valid: 1180,
        good: 1170,
        bad: 10,
        excludedSlices: 120,
        gapSlices: 140,
        // The budget stays B × all slices in P: excluded slices are removed from the counts only.
        allowed: 14.4,
        consumed: 25 / 36,
        remaining: 11 / 36,
      });
    });

    it.each([
      { name: "starting mid-slice excludes the slices that start inside it", from: 30 * 1000, to: 3 * MINUTE_MS, excludedSlices: 2 },
      { name: "ending mid-slice keeps that slice's start inside", from: 0, to: 2 * MINUTE_MS + 1, excludedSlices: 3 },
      { name: "before the window", from: -2 * HOUR_MS, to: -HOUR_MS, excludedSlices: 0 },
      { name: "across the window start", from: -HOUR_MS, to: HOUR_MS, excludedSlices: 60 },
      { name: "past now", from: DAY_MS - HOUR_MS, to: DAY_MS + HOUR_MS, excludedSlices: 60 },
    ])("an exclusion $name", ({ from, to, excludedSlices }) => {
      const budget = timesliceBudget({ objective: 0.99, valid: 10, good: 10, window, exclusions: [exclusion(from, to, { good: 0, valid: 0 })] });
      expect(budget.excludedSlices).toBe(excludedSlices);
      expect(budget.gapSlices).toBe(1440 - excludedSlices - 10);
    });
  });

  it.each([
    { name: "more slices with data than elapsed", valid: 1441, sliceMs: MINUTE_MS },
    { name: "a zero slice", valid: 1, sliceMs: 0 },
  ])("rejects $name", ({ valid, sliceMs }) => {
    expect(() => timesliceBudget({ objective: 0.99, valid, good: valid, window: rolling(DAY_MS), sliceMs })).toThrow(RangeError);
  });
});
