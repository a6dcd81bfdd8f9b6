// The SQLite store keeps series states in memory up to a bound (sample-log.ts): past it, applied
// states go and are read back from their rows, with the same judgements. SQLite only.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { closeIngest } from "@/lib/server/ingest/store";
import { SampleLog } from "@/lib/server/ingest/sqlite/sample-log";
import { newSeriesMemo, type SeriesMemo } from "@/lib/domain/ingest-limits";

const T0 = Date.UTC(2026, 10, 23, 9, 0, 15);
// With memos, as remote write's label-set cache hands them: each series carries the entry it had.
const batch = (n: number, memos?: SeriesMemo[]) =>
  Array.from({ length: 5 }, (_, i) => ({ metric: "cached_total", labels: { i: String(i) }, memo: memos?.[i], samples: [{ t: T0 + n * 15_000, v: (n + 1) * (i + 1) }] }));

describe.runIf(env().DATABASE_URL.provider === "sqlite")("the series cache's bound", () => {
  it.each([
    ["without memos", undefined],
    ["with series memos", Array.from({ length: 5 }, newSeriesMemo)],
  ])("holds at most its bound once applied, and judges evicted series exactly as kept ones (%s)", async (_, memos) => {
    await closeIngest(); // this test's own store, with a small bound
    const database = env().DATABASE_URL;
    if (database.provider !== "sqlite") throw new Error("SQLite only");
    const log = new SampleLog(database.file, { applyIntervalMs: 3_600_000, applyAtSamples: 1_000_000, maxCachedSeries: 3 });
    try {
      expect(await log.store(batch(0, memos))).toEqual({ series: 5, accepted: 5, dropped: {} });
      expect(log.cachedSeries).toBe(5); // not applied yet: every state is newer than its row
      await log.flush();
      expect(log.cachedSeries).toBe(3);
      // Sent once without memos (as JSON ingest would): an evicted series gets a new state, and a
      // memo still holding the evicted one must not be believed.
      expect(await log.store(batch(1))).toEqual({ series: 5, accepted: 5, dropped: {} });
      expect(await log.store(batch(1, memos))).toEqual({ series: 5, accepted: 0, dropped: { duplicate: 5 } });
      await log.flush();
      expect(log.cachedSeries).toBe(3);
      expect(await log.store(batch(0, memos))).toEqual({ series: 5, accepted: 0, dropped: { "out-of-order": 5 } });
      expect(await log.store(batch(2, memos))).toEqual({ series: 5, accepted: 5, dropped: {} });
      await log.flush();
      const series = await db().series.findMany({ where: { metric: "cached_total" }, include: { minutes: true } });
      expect(series).toHaveLength(5);
      for (const s of series) {
        const i = Number((JSON.parse(s.labels) as { i: string }).i);
        // First sample: no delta; then two of i + 1 each, all in the first minute.
        expect(s.minutes.map((m) => [m.increase, m.deltas, m.count])).toEqual([[2 * (i + 1), 2, 3]]);
        expect(Number(s.lastT)).toBe(T0 + 30_000);
      }
    } finally {
      await log.close();
    }
    // A memo from a closed log is not taken by the next one: it judges from the rows.
    const next = new SampleLog(database.file, { applyIntervalMs: 3_600_000, applyAtSamples: 1_000_000, maxCachedSeries: 3 });
    try {
      expect(await next.store(batch(2, memos))).toEqual({ series: 5, accepted: 0, dropped: { duplicate: 5 } });
      expect(await next.store(batch(3, memos))).toEqual({ series: 5, accepted: 5, dropped: {} });
      await next.flush();
      expect(await db().series.count({ where: { metric: "cached_total" } })).toBe(5);
    } finally {
      await next.close();
      await db().series.deleteMany({ where: { metric: "cached_total" } });
    }
  });
});
