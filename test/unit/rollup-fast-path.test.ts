// rollupSeries takes a shortcut for one sample (the shape remote write sends every scrape); it
// must give exactly what the general path gives, for every kind of state and sample. And the
// SQLite applier's way, rollInto (cells kept across batches until written), must store what
// rolling each batch up on its own and upserting its cells would.
import { describe, expect, it } from "vitest";
import type { CounterSample, CounterState } from "@/lib/domain/counter-increase";
import { FIRST_SAMPLE_START_TOLERANCE_MS, judgeOne, judgeSeries, rollInto, type RollingSeries, rollupSamples, rollupSeries, type RollupCell } from "@/lib/domain/rollup";

const T = Date.UTC(2026, 10, 23, 10, 0, 0);

/** mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function randomState(rnd: () => number): CounterState | null {
  if (rnd() < 0.25) return null;
  const state: CounterState = { t: T + Math.floor(rnd() * 7_200_000), v: pick(rnd, [0, 1, 5, 100, 1e12, 0.5]) };
  if (rnd() < 0.3) state.start = state.t - pick(rnd, [0, 1000, FIRST_SAMPLE_START_TOLERANCE_MS, 3_600_000]);
  return state;
}

function randomSample(rnd: () => number, last: CounterState | null): CounterSample {
  const base = last?.t ?? T + 3_600_000;
  // Before, at and after the stored sample, across minute and hour boundaries.
  const t = Math.max(0, base + pick(rnd, [-60_000, -1, 0, 1, 15_000, 59_999, 60_000, 3_600_000]));
  const v = pick(rnd, [0, 3, 5, 100, 1e12 + 7, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.25]);
  const sample: CounterSample = { t, v };
  if (rnd() < 0.3) sample.start = t - pick(rnd, [0, 1000, FIRST_SAMPLE_START_TOLERANCE_MS, FIRST_SAMPLE_START_TOLERANCE_MS + 1, 86_400_000]);
  if (rnd() < 0.15) sample.temporality = pick(rnd, ["delta", "cumulative"] as const);
  if (rnd() < 0.05) sample.isStale = true;
  return sample;
}

describe("rollupSeries' one-sample path", () => {
  it("agrees with the general path on 20,000 random states and samples", () => {
    const rnd = random(20261123);
    for (let i = 0; i < 20_000; i++) {
      const last = randomState(rnd);
      const sample = randomSample(rnd, last);
      const general = rollupSamples(last, [sample]);
      expect(rollupSeries(last, [sample]), JSON.stringify({ i, last, sample })).toEqual(general);
      // The request thread's verdict is the rollup's, without the cells.
      expect(judgeSeries(last, [sample]), JSON.stringify({ i, last, sample })).toEqual({ last: general.last, accepted: general.accepted, dropped: general.dropped });
      expect(judgeOne(last, sample), JSON.stringify({ i, last, sample })).toEqual(general.accepted === 1 ? general.last : Object.keys(general.dropped)[0]);
    }
  });

  it.each([
    ["first sample, no start time: data, no delta", null, { t: T + 15_000, v: 7 }],
    ["a reset", { t: T, v: 10 }, { t: T + 15_000, v: 2 }],
    ["a duplicate", { t: T, v: 10 }, { t: T, v: 10 }],
    ["out of order", { t: T, v: 10 }, { t: T - 1, v: 11 }],
    ["a negative gauge reading", { t: T, v: 10 }, { t: T + 1, v: -3 }],
    ["a stale marker", { t: T, v: 10 }, { t: T + 1, v: Number.NaN, isStale: true }],
    ["OTLP delta", { t: T, v: 10 }, { t: T + 60_000, v: 4, temporality: "delta" as const }],
    ["a start time inside the tolerance", null, { t: T + 60_000, v: 4, start: T + 30_000 }],
  ])("%s", (_name, last, sample) => {
    expect(rollupSeries(last, [sample])).toEqual(rollupSamples(last, [sample]));
  });

  it("gives cells a caller may fold into without touching another result's", () => {
    const a = rollupSeries({ t: T, v: 1 }, [{ t: T + 1000, v: 2 }]);
    const b = rollupSeries({ t: T, v: 1 }, [{ t: T + 1000, v: 2 }]);
    a.minutes[0]!.count += 10;
    expect(b.minutes[0]!.count).toBe(1);
    expect(a.minutes[0]).not.toBe(a.hours[0]);
  });
});

/** The stored rollup's upsert (statements.ts' upsertCells), over cells keyed by bucket. */
function upsert(table: Map<number, RollupCell>, cells: readonly RollupCell[]): void {
  for (const c of cells) {
    const row = table.get(c.bucket);
    if (!row) table.set(c.bucket, { ...c });
    else {
      row.increase += c.increase;
      row.deltas += c.deltas;
      row.count += c.count;
      row.sum += c.sum;
      row.min = Math.min(row.min, c.min);
      row.max = Math.max(row.max, c.max);
      row.last = c.last;
    }
  }
}

describe("rollInto across batches", () => {
  it("stores what rolling each batch up on its own would, written at any point, on 5,000 random series", () => {
    const rnd = random(20261124);
    for (let i = 0; i < 5_000; i++) {
      const start = randomState(rnd);
      // Each batch rolled up alone and upserted at once; samples are drawn around the state so far.
      const batches: CounterSample[][] = [];
      const expectedMinutes = new Map<number, RollupCell>();
      const expectedHours = new Map<number, RollupCell>();
      let state = start;
      let expectedAccepted = 0;
      for (let b = 0, n = 1 + Math.floor(rnd() * 6); b < n; b++) {
        const batch = Array.from({ length: rnd() < 0.7 ? 1 : 2 + Math.floor(rnd() * 3) }, () => randomSample(rnd, state));
        batches.push(batch);
        const r = rollupSeries(state, batch);
        state = r.last;
        expectedAccepted += r.accepted;
        upsert(expectedMinutes, r.minutes);
        upsert(expectedHours, r.hours);
      }
      // rollInto, its cells written at random batch boundaries.
      const minutes = new Map<number, RollupCell>();
      const hours = new Map<number, RollupCell>();
      const series: RollingSeries = { last: start, minutes: [], hours: [] };
      let accepted = 0;
      for (const batch of batches) {
        accepted += rollInto(series, batch);
        for (const run of [series.minutes, series.hours]) run.forEach((c, k) => k > 0 && expect(c.bucket).toBeGreaterThan(run[k - 1]!.bucket));
        if (rnd() < 0.4) {
          upsert(minutes, series.minutes);
          upsert(hours, series.hours);
          series.minutes = [];
          series.hours = [];
        }
      }
      upsert(minutes, series.minutes);
      upsert(hours, series.hours);
      const context = JSON.stringify({ i, start, batches });
      expect(series.last, context).toEqual(state);
      expect(accepted, context).toBe(expectedAccepted);
      expect(minutes, context).toEqual(expectedMinutes);
      expect(hours, context).toEqual(expectedHours);
    }
  });
});
