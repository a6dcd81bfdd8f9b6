import { describe, expect, it } from "vitest";
import { budgetSparkline, sparklineBoundaries, sparklineStepMs } from "@/lib/domain/budget-sparkline";

const H = 3_600_000;
const DAY = 24 * H;
const END = Date.parse("2026-11-23T17:13:00Z");
const windowOf = (ms: number) => ({ start: new Date(END - ms), end: new Date(END) });

describe("sparklineStepMs", () => {
  it.each([
    ["30 days: a point a day (the cached day blocks)", 30 * DAY, DAY],
    ["28 days", 28 * DAY, DAY],
    ["a calendar quarter", 92 * DAY, 3 * DAY],
    ["7 days: every 6 hours", 7 * DAY, 6 * H],
    ["1 day: hourly", DAY, H],
  ])("%s", (_name, length, step) => {
    expect(sparklineStepMs(windowOf(length))).toBe(step);
    const points = sparklineBoundaries(windowOf(length)).length;
    expect(points).toBeGreaterThanOrEqual(20);
    expect(points).toBeLessThanOrEqual(40);
  });

  it("cuts a 30-day window at UTC midnights, partial days at both ends", () => {
    const b = sparklineBoundaries(windowOf(30 * DAY));
    expect(b.length).toBe(32);
    expect(new Date(b[1]!).toISOString()).toBe("2026-10-25T00:00:00.000Z");
    expect(b.at(-1)).toBe(END);
  });
});

describe("budgetSparkline", () => {
  it("follows the budget left by the window's events up to each step's end", () => {
    // Objective 99%: after day one 1 bad of 1,000 (allowed 10) leaves 90%; after day two 3 bad
    // of 2,000 (allowed 20) leaves 85%.
    const s = budgetSparkline({ boundaries: [0, DAY, 2 * DAY], steps: [{ good: 999, valid: 1000 }, { good: 998, valid: 1000 }], objective: "0.99" });
    expect(s.at).toEqual([DAY, 2 * DAY]);
    expect(s.remaining[0]).toBeCloseTo(0.9, 12);
    expect(s.remaining[1]).toBeCloseTo(0.85, 12);
  });

  it("keeps an untouched budget through steps without traffic, and shows overspending below 0", () => {
    const s = budgetSparkline({ boundaries: [0, 1, 2], steps: [{ good: 0, valid: 0 }, { good: 80, valid: 100 }], objective: "0.9" });
    // 20 bad of 100 with 10 allowed: remaining 1 − 2 = −1
    expect(s.remaining).toEqual([1, -1]);
  });

  it("is empty for an empty window", () => {
    expect(budgetSparkline({ boundaries: [5], steps: [], objective: "0.99" })).toEqual({ remaining: [], at: [] });
  });
});
