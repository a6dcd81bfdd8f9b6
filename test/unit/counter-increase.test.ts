import { describe, expect, it } from "vitest";
import {
  increases,
  isStaleMarkerBits,
  MINUTE_MS,
  nextIncrease,
  type CounterSample,
  type CounterState,
  type IncreaseStep,
} from "@/lib/domain";

const T0 = Date.UTC(2026, 2, 31, 12, 0, 0); // 12:00:00 UTC, a minute boundary
const sec = (s: number) => T0 + s * 1000;

describe("nextIncrease", () => {
  const last: CounterState = { t: sec(0), v: 100 };
  const otlpLast: CounterState = { t: sec(0), v: 100, start: sec(-3600) };

  it.each<{ name: string; last: CounterState | null; sample: CounterSample; since?: number; expected: IncreaseStep }>([
    { name: "first sample: history unknown, no delta", last: null, sample: { t: sec(15), v: 100 }, expected: { delta: null, isReset: false, last: { t: sec(15), v: 100 } } },
    { name: "first sample starting inside the window: its value", last: null, sample: { t: sec(15), v: 7, start: sec(5) }, since: sec(0), expected: { delta: 7, isReset: false, last: { t: sec(15), v: 7, start: sec(5) } } },
    { name: "first sample starting exactly at the window start", last: null, sample: { t: sec(15), v: 7, start: sec(0) }, since: sec(0), expected: { delta: 7, isReset: false, last: { t: sec(15), v: 7, start: sec(0) } } },
    { name: "first sample starting before the window", last: null, sample: { t: sec(15), v: 7, start: sec(-1) }, since: sec(0), expected: { delta: null, isReset: false, last: { t: sec(15), v: 7, start: sec(-1) } } },
    { name: "first sample with a start time but no window", last: null, sample: { t: sec(15), v: 7, start: sec(5) }, expected: { delta: null, isReset: false, last: { t: sec(15), v: 7, start: sec(5) } } },
    { name: "increase", last, sample: { t: sec(15), v: 150 }, expected: { delta: 50, isReset: false, last: { t: sec(15), v: 150 } } },
    { name: "no change", last, sample: { t: sec(15), v: 100 }, expected: { delta: 0, isReset: false, last: { t: sec(15), v: 100 } } },
    { name: "reset: the value went down", last, sample: { t: sec(15), v: 20 }, expected: { delta: 20, isReset: true, last: { t: sec(15), v: 20 } } },
    { name: "reset to zero", last, sample: { t: sec(15), v: 0 }, expected: { delta: 0, isReset: true, last: { t: sec(15), v: 0 } } },
    { name: "OTLP start time changed while the value rose: a reset all the same", last: otlpLast, sample: { t: sec(15), v: 130, start: sec(10) }, expected: { delta: 130, isReset: true, last: { t: sec(15), v: 130, start: sec(10) } } },
    { name: "OTLP start time unchanged", last: otlpLast, sample: { t: sec(15), v: 130, start: sec(-3600) }, expected: { delta: 30, isReset: false, last: { t: sec(15), v: 130, start: sec(-3600) } } },
    { name: "start time seen for the first time: values decide", last, sample: { t: sec(15), v: 130, start: sec(-60) }, expected: { delta: 30, isReset: false, last: { t: sec(15), v: 130, start: sec(-60) } } },
    { name: "OTLP delta point: added as it is", last, sample: { t: sec(15), v: 4, temporality: "delta" }, expected: { delta: 4, isReset: false, last: { t: sec(15), v: 4 } } },
    { name: "OTLP delta point first seen: added as it is", last: null, sample: { t: sec(15), v: 4, temporality: "delta" }, expected: { delta: 4, isReset: false, last: { t: sec(15), v: 4 } } },
    { name: "NaN", last, sample: { t: sec(15), v: Number.NaN }, expected: { delta: null, isReset: false, dropped: "nan", last } },
    { name: "infinity counts as not a number", last, sample: { t: sec(15), v: Number.POSITIVE_INFINITY }, expected: { delta: null, isReset: false, dropped: "nan", last } },
    { name: "stale marker (flagged by the decoder)", last, sample: { t: sec(15), v: Number.NaN, isStale: true }, expected: { delta: null, isReset: false, dropped: "stale", last } },
    { name: "negative value", last, sample: { t: sec(15), v: -1 }, expected: { delta: null, isReset: false, dropped: "negative", last } },
    { name: "out of order", last, sample: { t: sec(-15), v: 90 }, expected: { delta: null, isReset: false, dropped: "out-of-order", last } },
    { name: "a negative value out of order is out of order", last, sample: { t: sec(-15), v: -1 }, expected: { delta: null, isReset: false, dropped: "out-of-order", last } },
    { name: "a negative value at the last time is a duplicate", last, sample: { t: sec(0), v: -1 }, expected: { delta: null, isReset: false, dropped: "duplicate", last } },
    { name: "duplicate timestamp, same value", last, sample: { t: sec(0), v: 100 }, expected: { delta: null, isReset: false, dropped: "duplicate", last } },
    { name: "duplicate timestamp, other value", last, sample: { t: sec(0), v: 120 }, expected: { delta: null, isReset: false, dropped: "duplicate", last } },
    { name: "dropped first sample keeps no state", last: null, sample: { t: sec(0), v: Number.NaN }, expected: { delta: null, isReset: false, dropped: "nan", last: null } },
  ])("$name", ({ last, sample, since, expected }) => {
    expect(nextIncrease(last, sample, { since })).toEqual(expected);
  });

  it("rejects a sample without a usable time", () => {
    expect(() => nextIncrease(null, { t: Number.NaN, v: 1 })).toThrow(RangeError);
  });

  it("a float counter's delta is a float subtraction", () => {
    const step = nextIncrease({ t: sec(0), v: 0.1 }, { t: sec(15), v: 0.3 });
    // 0.3 − 0.1 is 0.19999999999999998 in binary floating point; the counter itself is inexact.
    expect(step.delta).toBeCloseTo(0.2, 15);
  });
});

describe("isStaleMarkerBits", () => {
  it.each([
    { bits: 0x7ff0000000000002n, isStale: true },
    { bits: 0x7ff8000000000001n, isStale: false }, // Prometheus' ordinary NaN
    { bits: 0x7ff8000000000002n, isStale: false }, // the marker after V8 has quieted it: already lost
    { bits: 0n, isStale: false },
  ])("$bits → $isStale", ({ bits, isStale }) => {
    expect(isStaleMarkerBits(bits)).toBe(isStale);
  });
});

describe("increases", () => {
  const series = (...points: [seconds: number, v: number][]): CounterSample[] => points.map(([s, v]) => ({ t: sec(s), v }));
  const minute = (m: number) => T0 + m * MINUTE_MS;

  it("each delta lands in the minute of the later sample", () => {
    // 15 s scrapes: 10 → 12 → 15 → 15 → 21 → 30. 12:00:45 → 12:01:00 lands in 12:01.
    const result = increases(series([0, 10], [15, 12], [30, 15], [45, 15], [60, 21], [75, 30]), { bucketMs: MINUTE_MS });
    expect(result.buckets).toEqual([
      { start: minute(0), increase: 5, deltas: 3 },
      { start: minute(1), increase: 15, deltas: 2 },
    ]);
    expect(result.total).toBe(20);
    expect(result.last).toEqual({ t: sec(75), v: 30 });
  });

  it("gaps: the first delta after a gap lands whole in the later sample's minute, nothing spread or extrapolated", () => {
    const result = increases(series([30, 10], [90, 20], [615, 80]), { bucketMs: MINUTE_MS });
    expect(result.buckets).toEqual([
      { start: minute(1), increase: 10, deltas: 1 },
      { start: minute(10), increase: 60, deltas: 1 },
    ]);
  });

  it("a bucket with only zero deltas is kept: it shows data was there", () => {
    expect(increases(series([0, 5], [60, 5]), { bucketMs: MINUTE_MS }).buckets).toEqual([{ start: minute(1), increase: 0, deltas: 1 }]);
  });

  it("counts resets", () => {
    const result = increases(series([0, 100], [60, 150], [120, 20], [180, 50], [240, 5]), { bucketMs: MINUTE_MS });
    expect(result.buckets.map((b) => b.increase)).toEqual([50, 20, 30, 5]);
    expect(result).toMatchObject({ total: 105, resets: 2 });
  });

  it("drops out-of-order and duplicate samples, and keeps going from the last good one", () => {
    const result = increases(series([0, 10], [60, 30], [30, 20], [60, 31], [120, 40]), { bucketMs: MINUTE_MS });
    expect(result.dropped).toEqual([
      { t: sec(30), reason: "out-of-order" },
      { t: sec(60), reason: "duplicate" },
    ]);
    expect(result.buckets.map((b) => b.increase)).toEqual([20, 10]);
    expect(result.total).toBe(30);
  });

  it("NaN and stale markers give no delta; the next sample is compared with the last real one", () => {
    const samples: CounterSample[] = [
      { t: sec(0), v: 10 },
      { t: sec(60), v: Number.NaN },
      { t: sec(120), v: 30 },
      { t: sec(180), v: Number.NaN, isStale: true },
      { t: sec(240), v: 4 }, // the target came back restarted
    ];
    const result = increases(samples, { bucketMs: MINUTE_MS });
    expect(result.dropped.map((d) => d.reason)).toEqual(["nan", "stale"]);
    expect(result.buckets).toEqual([
      { start: minute(2), increase: 20, deltas: 1 },
      { start: minute(4), increase: 4, deltas: 1 },
    ]);
    expect(result.resets).toBe(1);
  });

  it("OTLP cumulative: a start-time change is a reset even when the value rose", () => {
    const a = sec(-600);
    const b = sec(100);
    const samples: CounterSample[] = [
      { t: sec(0), v: 100, start: a },
      { t: sec(60), v: 150, start: a },
      { t: sec(120), v: 170, start: b },
    ];
    const result = increases(samples, { bucketMs: MINUTE_MS });
    expect(result.buckets.map((x) => x.increase)).toEqual([50, 170]); // not 50 + 20
    expect(result.resets).toBe(1);
  });

  it("OTLP cumulative series that started inside the window counts its first value", () => {
    const samples: CounterSample[] = [
      { t: sec(30), v: 3, start: sec(10) },
      { t: sec(90), v: 8, start: sec(10) },
    ];
    expect(increases(samples, { bucketMs: MINUTE_MS, since: sec(0) }).total).toBe(8);
    expect(increases(samples, { bucketMs: MINUTE_MS }).total).toBe(5);
  });

  it("OTLP delta points are summed as they are", () => {
    const samples = series([0, 5], [30, 3], [60, 0], [90, 7]).map((s) => ({ ...s, temporality: "delta" as const }));
    const result = increases(samples, { bucketMs: MINUTE_MS });
    expect(result.buckets).toEqual([
      { start: minute(0), increase: 8, deltas: 2 },
      { start: minute(1), increase: 7, deltas: 2 },
    ]);
    expect(result.resets).toBe(0);
  });

  it("batches continued with `last` give the same buckets as one pass", () => {
    const samples = series([0, 1], [20, 4], [40, 2], [60, 9], [80, 12], [100, 12], [120, 30]);
    const whole = increases(samples, { bucketMs: MINUTE_MS });
    const first = increases(samples.slice(0, 3), { bucketMs: MINUTE_MS });
    const second = increases(samples.slice(3), { bucketMs: MINUTE_MS, last: first.last });
    expect(first.total + second.total).toBe(whole.total);
    expect([...first.buckets, ...second.buckets].reduce((sum, b) => sum + b.increase, 0)).toBe(whole.total);
    expect(second.last).toEqual(whole.last);
  });

  it("hour buckets", () => {
    const result = increases(series([0, 0], [1800, 50], [3600, 80], [5400, 90]), { bucketMs: 60 * MINUTE_MS });
    expect(result.buckets.map((b) => [b.start, b.increase])).toEqual([[T0, 50], [T0 + 3_600_000, 40]]);
  });

  it.each([0, -1, Number.NaN])("rejects bucketMs %s", (bucketMs) => {
    expect(() => increases([], { bucketMs })).toThrow(RangeError);
  });
});
