import { describe, expect, it } from "vitest";
import { rollInto, type RollingSeries, rollupSeries } from "@/lib/domain/rollup";

const MIN = 60_000;
const at = (minute: number, second = 0) => minute * MIN + second * 1000;
const BASE = 29_000_000; // a minute number in 2025; hour = floor(BASE / 60) = 483_333

describe("rollupSeries", () => {
  it("worked example 3: samples 100, 150, 20, 50 increase 50 + 20 + 30 = 100, each delta in its later sample's minute", () => {
    const samples = [100, 150, 20, 50].map((v, i) => ({ t: at(BASE + i, 15), v }));
    const r = rollupSeries(null, samples);
    expect(r.minutes.map((c) => [c.bucket - BASE, c.increase, c.deltas])).toEqual([
      [0, 0, 0], // first sample ever: no delta, but the minute has data
      [1, 50, 1],
      [2, 20, 1], // reset: the counter restarted from 0
      [3, 30, 1],
    ]);
    expect(r.hours).toHaveLength(1);
    expect(r.hours[0]).toMatchObject({ increase: 100, deltas: 3, count: 4, sum: 320, min: 20, max: 150, last: 50 });
    expect(r.last).toEqual({ t: at(BASE + 3, 15), v: 50 });
    expect(r.accepted).toBe(4);
  });

  it("continues from the stored last sample across batches", () => {
    const r = rollupSeries({ t: at(BASE, 0), v: 1000 }, [{ t: at(BASE, 30), v: 1012 }, { t: at(BASE + 1, 0), v: 1020 }]);
    expect(r.minutes.map((c) => [c.bucket - BASE, c.increase, c.count])).toEqual([[0, 12, 1], [1, 8, 1]]);
  });

  it("makes a retried batch change nothing: every sample is a duplicate", () => {
    const batch = [{ t: at(BASE, 0), v: 5 }, { t: at(BASE, 30), v: 9 }];
    const first = rollupSeries(null, batch);
    const retry = rollupSeries(first.last, batch);
    expect(retry).toEqual({ minutes: [], hours: [], last: first.last, accepted: 0, dropped: { duplicate: 1, "out-of-order": 1 } });
  });

  it("forgives disorder inside one batch but drops samples older than what is stored", () => {
    const r = rollupSeries({ t: at(BASE, 30), v: 10 }, [{ t: at(BASE + 1, 0), v: 16 }, { t: at(BASE, 10), v: 12 }, { t: at(BASE, 45), v: 13 }]);
    expect(r.dropped).toEqual({ "out-of-order": 1 });
    expect(r.minutes.map((c) => [c.bucket - BASE, c.increase])).toEqual([[0, 3], [1, 3]]);
  });

  it("counts NaN and stale samples as dropped, not as readings", () => {
    const r = rollupSeries({ t: at(BASE, 0), v: 1 }, [{ t: at(BASE, 15), v: Number.NaN }, { t: at(BASE, 30), v: Number.NaN, isStale: true }, { t: at(BASE, 45), v: 4 }]);
    expect(r.dropped).toEqual({ nan: 1, stale: 1 });
    expect(r.minutes).toEqual([{ bucket: BASE, increase: 3, deltas: 1, count: 1, sum: 4, min: 4, max: 4, last: 4 }]);
  });

  it("keeps gauge statistics, negative readings included", () => {
    const r = rollupSeries(null, [{ t: at(BASE, 0), v: 2.5 }, { t: at(BASE, 20), v: -1 }, { t: at(BASE, 40), v: 4 }]);
    expect(r.minutes).toEqual([{ bucket: BASE, increase: 5, deltas: 1, count: 3, sum: 5.5, min: -1, max: 4, last: 4 }]);
  });

  it("takes a negative reading once: a retry of it, or an older one, is dropped like any sample", () => {
    const batch = [{ t: at(BASE, 0), v: 2 }, { t: at(BASE, 20), v: -1 }];
    const first = rollupSeries(null, batch);
    expect(first.last).toEqual({ t: at(BASE, 20), v: -1 });
    const retry = rollupSeries(first.last, batch);
    expect(retry).toEqual({ minutes: [], hours: [], last: first.last, accepted: 0, dropped: { "out-of-order": 1, duplicate: 1 } });
    expect(rollupSeries(first.last, [{ t: at(BASE, 10), v: -5 }]).dropped).toEqual({ "out-of-order": 1 });
  });

  it("counts a new series' value when its OTLP start time is recent, not when it is old", () => {
    const t = at(BASE, 30);
    expect(rollupSeries(null, [{ t, v: 7, start: t - 60_000 }]).minutes[0]?.increase).toBe(7);
    expect(rollupSeries(null, [{ t, v: 7, start: t - 6 * MIN }]).minutes[0]?.deltas).toBe(0);
  });

  it("treats a changed OTLP start time as a reset and adds delta points as they are", () => {
    const cumulative = rollupSeries({ t: at(BASE, 0), v: 500, start: 1 }, [{ t: at(BASE, 30), v: 600, start: 2 }]);
    expect(cumulative.minutes[0]?.increase).toBe(600);
    const delta = rollupSeries({ t: at(BASE, 0), v: 3 }, [{ t: at(BASE, 30), v: 3, temporality: "delta" }, { t: at(BASE, 45), v: 2, temporality: "delta" }]);
    expect(delta.minutes[0]?.increase).toBe(5);
  });

  it("splits minutes and hours at their boundaries", () => {
    const hourStart = 483_334 * 60; // a minute number that starts an hour
    const r = rollupSeries({ t: at(hourStart - 1, 0), v: 0 }, [{ t: at(hourStart - 1, 59), v: 1 }, { t: at(hourStart, 0), v: 3 }]);
    expect(r.hours.map((c) => [c.bucket, c.increase])).toEqual([[483_333, 1], [483_334, 2]]);
  });
});

describe("rollInto", () => {
  it("sums a cell continued by a later batch in place: the same cell as rolling up both batches at once", () => {
    const first = [{ t: at(BASE, 0), v: 10 }, { t: at(BASE, 20), v: 14 }];
    const second = [{ t: at(BASE, 40), v: 3 }, { t: at(BASE, 50), v: 9 }];
    const series: RollingSeries = { last: null, minutes: [], hours: [] };
    expect(rollInto(series, first)).toBe(2);
    expect(rollInto(series, second)).toBe(2);
    expect(rollInto(series, second)).toBe(0); // a retry
    expect(series.minutes).toEqual(rollupSeries(null, [...first, ...second]).minutes);
    expect(series.minutes).toEqual([{ bucket: BASE, increase: 4 + 3 + 6, deltas: 3, count: 4, sum: 36, min: 3, max: 14, last: 9 }]);
    expect(series.last).toEqual({ t: at(BASE, 50), v: 9 });
  });
});
