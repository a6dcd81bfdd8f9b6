import { describe, expect, it } from "vitest";
import { countSlices, type MinuteFigures, sliceIsGood } from "@/lib/domain/timeslice";

const MIN = 60_000;
const gauge = (values: number[]): MinuteFigures => ({
  count: values.length, sum: values.reduce((a, b) => a + b, 0), min: Math.min(...values), max: Math.max(...values), eventIncrease: 0, totalIncrease: 0,
});
const traffic = (events: number, total: number): MinuteFigures => ({ count: 0, sum: 0, min: 0, max: 0, eventIncrease: events, totalIncrease: total });
const up = { type: "gauge", aggregation: "min", op: ">=", threshold: 1 } as const;

describe("sliceIsGood", () => {
  it.each([
    ["up min >= 1, all up", [gauge([1, 1]), gauge([1])], up, true],
    ["up min >= 1, one scrape down", [gauge([1, 0]), gauge([1])], up, false],
    ["avg latency < 0.5", [gauge([0.25, 0.75]), gauge([0.5])], { type: "gauge", aggregation: "avg", op: "<", threshold: 0.5 }, false], // avg exactly 0.5
    ["avg latency <= 0.5", [gauge([0.25, 0.75]), gauge([0.5])], { type: "gauge", aggregation: "avg", op: "<=", threshold: 0.5 }, true],
    ["max queue > 100", [gauge([3]), gauge([101])], { type: "gauge", aggregation: "max", op: ">", threshold: 100 }, true],
    ["gauge without samples", [], up, null],
    ["gauge minute without samples beside one with", [{ ...gauge([1]), count: 0, min: 0 }, gauge([1])], up, true],
    ["ratio exactly at target is good", [traffic(99, 100)], { type: "ratio", counts: "good", target: 0.99 }, true],
    ["ratio below target", [traffic(98, 100)], { type: "ratio", counts: "good", target: 0.99 }, false],
    ["bad counter: 1 bad of 100 at 0.99", [traffic(1, 100)], { type: "ratio", counts: "bad", target: 0.99 }, true],
    ["bad counter: 2 bad of 100 at 0.99", [traffic(1, 50), traffic(1, 50)], { type: "ratio", counts: "bad", target: 0.99 }, false],
    ["no traffic is a gap", [traffic(0, 0)], { type: "ratio", counts: "good", target: 0.99 }, null],
    ["scrape skew: more good than total counts as all good", [traffic(120, 100)], { type: "ratio", counts: "good", target: 1 }, true],
  ] as const)("%s", (_name, minutes, condition, verdict) => {
    expect(sliceIsGood([...minutes] as MinuteFigures[], condition)).toBe(verdict);
  });
});

describe("countSlices", () => {
  const start = new Date(Date.UTC(2026, 10, 20, 12, 0));
  const minute0 = start.getTime() / MIN;
  // Minutes 0–9: up except minute 3 (down) and minute 6 (no data).
  const minutes = new Map<number, MinuteFigures>();
  for (let i = 0; i < 10; i++) if (i !== 6) minutes.set(minute0 + i, gauge([i === 3 ? 0 : 1]));

  it("counts 1-minute slices: good, bad, and gaps", () => {
    const c = countSlices({ start, end: new Date(start.getTime() + 10 * MIN), sliceMs: MIN, minutes, condition: up });
    expect(c).toEqual({ good: 8, valid: 9, gaps: 1, excluded: 0, elapsed: 10 });
  });

  it("counts whole 5-minute slices only: the one in progress waits", () => {
    const c = countSlices({ start, end: new Date(start.getTime() + 12 * MIN), sliceMs: 5 * MIN, minutes, condition: up });
    // Slice 0 (minutes 0–4) holds the down minute; slice 1 (5–9) has data in 4 of 5 minutes and is good.
    expect(c).toEqual({ good: 1, valid: 2, gaps: 0, excluded: 0, elapsed: 2 });
  });

  it("skips slices that start inside an exclusion", () => {
    const exclusions = [{ start: new Date(start.getTime() + 2 * MIN + 30_000), end: new Date(start.getTime() + 4 * MIN) }];
    const c = countSlices({ start, end: new Date(start.getTime() + 10 * MIN), sliceMs: MIN, minutes, condition: up, exclusions });
    // Slice 3 (down) starts inside [2.5, 4); slice 2 starts before it and is counted.
    expect(c).toEqual({ good: 8, valid: 8, gaps: 1, excluded: 1, elapsed: 10 });
  });

  it("has nothing to count in an empty or backwards interval, and refuses slices under a minute", () => {
    expect(countSlices({ start, end: start, sliceMs: MIN, minutes, condition: up })).toEqual({ good: 0, valid: 0, gaps: 0, excluded: 0, elapsed: 0 });
    expect(countSlices({ start, end: new Date(start.getTime() - MIN), sliceMs: MIN, minutes, condition: up }).elapsed).toBe(0);
    expect(() => countSlices({ start, end: start, sliceMs: 30_000, minutes, condition: up })).toThrow(RangeError);
  });
});
