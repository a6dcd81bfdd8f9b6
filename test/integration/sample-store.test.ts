import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { flushIngest, storeSamples } from "@/lib/server/ingest/store";

const MIN = 60_000;
const BASE = 29_000_000; // minutes since the epoch (2025-02-20)
const at = (minute: number, second = 0) => (BASE + minute) * MIN + second * 1000;

async function minutesOf(metric: string) {
  await flushIngest();
  const rows = await db().rollup1m.findMany({ where: { series: { metric } }, orderBy: [{ seriesId: "asc" }, { minute: "asc" }] });
  return rows.map((r) => ({ minute: r.minute - BASE, increase: r.increase, deltas: r.deltas, count: r.count, min: r.min, max: r.max, last: r.last }));
}

describe("sample store", () => {
  it("stores counter increases per minute and hour exactly (worked example 3)", async () => {
    const labels = { route: "/checkout", code: "200" };
    const samples = [100, 150, 20, 50].map((v, i) => ({ t: at(i, 15), v }));
    const result = await storeSamples([{ metric: "http_requests_total", labels, samples }]);
    expect(result).toEqual({ series: 1, accepted: 4, dropped: {} });
    expect((await minutesOf("http_requests_total")).map((m) => [m.minute, m.increase])).toEqual([[0, 0], [1, 50], [2, 20], [3, 30]]);
    const series = await db().series.findFirstOrThrow({ where: { metric: "http_requests_total" } });
    expect(series.key).toBe('http_requests_total{code="200",route="/checkout"}');
    expect(JSON.parse(series.labels)).toEqual({ code: "200", route: "/checkout" });
    expect(Number(series.lastT)).toBe(at(3, 15));
    const hours = await db().rollup1h.findMany({ where: { seriesId: series.id } });
    expect(hours.map((h) => [h.increase, h.count, h.sum])).toEqual([[100, 4, 320]]);
  });

  // No flush between the batches: the retry is judged against what was acknowledged, applied or not.
  it("merges a later batch into the same minute and makes a retry add nothing", async () => {
    const series = [{ metric: "jobs_total", labels: {}, samples: [{ t: at(0, 0), v: 10 }, { t: at(0, 20), v: 14 }] }];
    await storeSamples(series);
    const next = [{ metric: "jobs_total", labels: {}, samples: [{ t: at(0, 40), v: 19 }, { t: at(1, 0), v: 25 }] }];
    expect(await storeSamples(next)).toEqual({ series: 1, accepted: 2, dropped: {} });
    expect(await storeSamples(next)).toEqual({ series: 1, accepted: 0, dropped: { "out-of-order": 1, duplicate: 1 } });
    expect(await minutesOf("jobs_total")).toEqual([
      { minute: 0, increase: 9, deltas: 2, count: 3, min: 10, max: 19, last: 19 },
      { minute: 1, increase: 6, deltas: 1, count: 1, min: 25, max: 25, last: 25 },
    ]);
  });

  it("commits concurrent requests together, each judged after the one before it", async () => {
    const batch = (second: number, v: number) => [{ metric: "group_total", labels: { new: "yes" }, samples: [{ t: at(0, second), v }] }];
    const results = await Promise.all([storeSamples(batch(0, 5)), storeSamples(batch(10, 8)), storeSamples(batch(10, 9)), storeSamples(batch(20, 12))]);
    expect(results).toEqual([
      { series: 1, accepted: 1, dropped: {} },
      { series: 1, accepted: 1, dropped: {} },
      { series: 1, accepted: 0, dropped: { duplicate: 1 } },
      { series: 1, accepted: 1, dropped: {} },
    ]);
    expect(await minutesOf("group_total")).toEqual([{ minute: 0, increase: 7, deltas: 2, count: 3, min: 5, max: 12, last: 12 }]);
    expect(await db().series.count({ where: { metric: "group_total" } })).toBe(1);
  });

  it("keeps series apart by their labels and merges duplicates of one series in a batch", async () => {
    await storeSamples([
      { metric: "up", labels: { instance: "a", job: "api" }, samples: [{ t: at(0), v: 1 }] },
      { metric: "up", labels: { job: "api", instance: "b" }, samples: [{ t: at(0), v: 0 }] },
      { metric: "up", labels: { job: "api", instance: "a" }, samples: [{ t: at(0, 30), v: 1 }] },
    ]);
    await flushIngest();
    expect(await db().series.count({ where: { metric: "up" } })).toBe(2);
    expect((await minutesOf("up")).map((m) => m.count)).toEqual([2, 1]);
  });

  it("stores nothing of a batch that fails part-way, not even its new series", async () => {
    const good = { metric: "atomic_total", labels: { n: "1" }, samples: [{ t: at(0), v: 1 }] };
    const bad = { metric: "atomic_total", labels: { n: "2" }, samples: [{ t: Number.NaN, v: 1 }] };
    await expect(storeSamples([good, bad])).rejects.toThrow(/sample time must be finite/);
    await flushIngest();
    expect(await db().series.count({ where: { metric: "atomic_total" } })).toBe(0);
    expect(await db().rollup1m.count({ where: { series: { metric: "atomic_total" } } })).toBe(0);
  });

  it("handles batches larger than one statement's worth of rows", async () => {
    const batch = Array.from({ length: 2500 }, (_, i) => ({ metric: "big_total", labels: { i: String(i) }, samples: [{ t: at(0), v: i }, { t: at(1), v: i + 2 }] }));
    expect(await storeSamples(batch)).toEqual({ series: 2500, accepted: 5000, dropped: {} });
    await flushIngest();
    const sum = await db().rollup1m.aggregate({ where: { series: { metric: "big_total" } }, _sum: { increase: true, count: true } });
    expect(sum._sum).toEqual({ increase: 5000, count: 5000 });
  });
});
