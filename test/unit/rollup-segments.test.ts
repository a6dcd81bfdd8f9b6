import { describe, expect, it } from "vitest";
import { alignedPieces, minuteRange, rollupSegments, type RollupSegment } from "@/lib/domain/rollup-segments";

const MIN = 60_000;
const H = 60 * MIN;
const T0 = Date.UTC(2026, 10, 20, 12, 0, 0); // a whole day, hour and minute
const iv = (start: number, end: number) => ({ start: new Date(start), end: new Date(end) });

/** The minutes a list of segments covers, hours spelled out as their 60 minutes. */
function minutesOf(segments: RollupSegment[]): number[] {
  return segments.flatMap((s) => {
    const out: number[] = [];
    const [from, to] = s.table === "minutes" ? [s.from, s.to] : [s.from * 60, s.to * 60];
    for (let m = from; m < to; m++) out.push(m);
    return out;
  });
}

describe("rollupSegments", () => {
  it.each([
    ["five whole minutes", iv(T0 - 5 * MIN, T0), [{ table: "minutes", from: T0 / MIN - 5, to: T0 / MIN }]],
    ["a start inside a minute skips that minute; an end inside one counts it", iv(T0 - 5 * MIN - 1, T0 + 1), [{ table: "minutes", from: T0 / MIN - 5, to: T0 / MIN + 1 }]],
    ["an empty interval", iv(T0, T0), []],
  ])("%s", (_name, interval, expected) => {
    expect(rollupSegments(interval)).toEqual(expected);
  });

  it("cuts a 3-day window ending at :37 into a minute edge, 10-minute blocks, hour edges, day blocks, and the tail", () => {
    const end = T0 + 37 * MIN;
    const segments = rollupSegments(iv(end - 72 * H, end));
    const m = (from: number, to: number) => ({ table: "minutes", from: T0 / MIN + from, to: T0 / MIN + to });
    const h = (from: number, to: number) => ({ table: "hours", from: T0 / H + from, to: T0 / H + to });
    expect(segments).toEqual([
      m(-72 * 60 + 37, -72 * 60 + 40), m(-72 * 60 + 40, -72 * 60 + 50), m(-72 * 60 + 50, -72 * 60 + 60),
      h(-71, -60), // 13:00 to the day's end (T0 is 12:00 UTC)
      h(-60, -36), h(-36, -12),
      h(-12, 0),
      m(0, 10), m(10, 20), m(20, 30), m(30, 37),
    ]);
  });

  it("covers exactly the minutes ceil(start) to ceil(end), whatever the edges", () => {
    const offsets = [0, 1, 59_999, 60_000, 7 * MIN + 13_000, 59 * MIN, H, 25 * H + 3 * MIN];
    const lengths = [1, MIN, 5 * MIN, 59 * MIN, H, 2 * H + 1, 6 * H, 24 * H, 72 * H, 30 * 24 * H + 17];
    for (const offset of offsets) {
      for (const length of lengths) {
        const interval = iv(T0 + offset - length, T0 + offset);
        const { from, to } = minuteRange(interval);
        const expected = Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
        expect(minutesOf(rollupSegments(interval))).toEqual(expected);
      }
    }
  });
});

describe("alignedPieces", () => {
  it.each([
    ["inside one block", 3, 7, [[3, 7]]],
    ["exactly one block", 10, 20, [[10, 20]]],
    ["edge, block, edge", 7, 23, [[7, 10], [10, 20], [20, 23]]],
    ["nothing", 5, 5, []],
  ])("%s", (_name, from, to, expected) => {
    expect(alignedPieces("minutes", from, to).map((s) => [s.from, s.to])).toEqual(expected);
  });
});
