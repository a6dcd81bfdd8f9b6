import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { flushIngest, storeSamples } from "@/lib/server/ingest/store";
import { acquireLease, releaseLease } from "@/lib/server/jobs/lease";
import { pruneRollups } from "@/lib/server/jobs/retention";
import { HOLDER, tick } from "@/lib/server/jobs/runner";

const T0 = new Date("2026-11-23T12:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

describe("job lease", () => {
  it("is held by one holder at a time until it expires", async () => {
    const lease = { name: "lease-test", ttlMs: 60_000 };
    expect(await acquireLease({ ...lease, holder: "a", now: T0 })).toBe(true);
    expect(await acquireLease({ ...lease, holder: "b", now: later(10_000) })).toBe(false);
    expect(await acquireLease({ ...lease, holder: "a", now: later(50_000) })).toBe(true); // renewed to 110 s
    expect(await acquireLease({ ...lease, holder: "b", now: later(100_000) })).toBe(false);
    expect(await acquireLease({ ...lease, holder: "b", now: later(110_001) })).toBe(true);
    expect(await acquireLease({ ...lease, holder: "a", now: later(120_000) })).toBe(false);
  });

  it("goes to exactly one of many instances racing for it", async () => {
    const holders = Array.from({ length: 8 }, (_, i) => `racer-${i}`);
    const results = await Promise.all(holders.map((holder) => acquireLease({ name: "race", holder, ttlMs: 60_000, now: T0 })));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("can be released so another instance takes over at once", async () => {
    await acquireLease({ name: "handover", holder: "a", ttlMs: 60_000, now: T0 });
    await releaseLease("handover", "a");
    expect(await acquireLease({ name: "handover", holder: "b", ttlMs: 60_000, now: later(1) })).toBe(true);
  });
});

describe("tick", () => {
  it("runs a job only while this instance holds its lease", async () => {
    const run = vi.fn(async () => "done");
    const job = { name: "tick-test", intervalMs: 60_000, run };
    expect(await tick(job, T0)).toBe("ran");
    await db().jobLease.update({ where: { name: "tick-test" }, data: { holder: "someone-else" } });
    expect(await tick(job, later(60_000))).toBe("skipped");
    expect(await tick(job, later(120_001))).toBe("ran"); // the other holder's lease ran out
    expect(run).toHaveBeenCalledTimes(2);
    expect((await db().jobLease.findUniqueOrThrow({ where: { name: "tick-test" } })).holder).toBe(HOLDER);
  });

  it("reports a failing job without throwing", async () => {
    const job = { name: "failing", intervalMs: 1000, run: async () => { throw new Error("boom"); } };
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await tick(job, T0)).toBe("failed");
  });
});

describe("pruneRollups", () => {
  it("deletes minutes older than 35 days and hours older than 400 days, nothing newer", async () => {
    const now = new Date("2026-11-23T12:00:00Z");
    const day = 86_400_000;
    const at = (daysAgo: number) => now.getTime() - daysAgo * day;
    await storeSamples([
      { metric: "retained_total", labels: {}, samples: [at(401), at(399), at(36), at(34), at(1)].map((t, i) => ({ t, v: i })) },
    ]);
    await flushIngest();
    expect(await db().rollup1m.count()).toBe(5);
    expect(await pruneRollups(now)).toEqual({ minutes: 3, hours: 1 });
    const minutesLeft = await db().rollup1m.findMany({ orderBy: { minute: "asc" } });
    expect(minutesLeft.map((r) => Math.round((now.getTime() - r.minute * 60_000) / day))).toEqual([34, 1]);
    expect(await db().rollup1h.count()).toBe(4);
    expect(await pruneRollups(now)).toEqual({ minutes: 0, hours: 0 });
  });

  it("leaves planner statistics for the rollups behind it", async () => {
    await storeSamples([{ metric: "analyzed_total", labels: {}, samples: [0, 1, 2].map((i) => ({ t: Date.UTC(2026, 10, 23, 11, i), v: i })) }]);
    await flushIngest();
    await pruneRollups(new Date("2026-11-23T12:00:00Z"));
    const target = env().DATABASE_URL;
    const tables =
      target.provider === "sqlite"
        ? await db().$queryRawUnsafe<{ tbl: string }[]>(`SELECT DISTINCT tbl FROM sqlite_stat1 WHERE tbl IN ('Rollup1m', 'Rollup1h', 'Series') ORDER BY tbl`)
        : await db().$queryRawUnsafe<{ tbl: string }[]>(`SELECT relname::text AS tbl FROM pg_class WHERE relname IN ('Rollup1m', 'Rollup1h', 'Series') AND reltuples >= 0 ORDER BY relname`);
    expect(tables.map((t) => t.tbl)).toEqual(["Rollup1h", "Rollup1m", "Series"]);
  });
});
