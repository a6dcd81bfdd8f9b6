// Seeding for bench/slo.ts: N SLOs, each over its own request and error counters, one sample a
// minute for D days. The rollups are made by lib/domain/rollup.ts, the function ingest itself
// folds samples with, and written straight to SQLite (ingest's own upsert), so the store holds
// exactly what ingesting those samples would leave, in seconds instead of an hour.
import Database from "better-sqlite3";
import { rollupSeries } from "../lib/domain/rollup";
import { labelsJson, seriesKey } from "../lib/domain/series-key";

const MIN = 60_000;

export type BenchShape = { slos: number; days: number; end: number };

/** The counter values of SLO i, minute by minute: requests 40–89 a minute; errors mostly 0, with bursts for some SLOs. */
function counters(shape: BenchShape, i: number) {
  const minutes = shape.days * 24 * 60;
  const start = shape.end - minutes * MIN;
  let k = 0;
  let r = 0;
  let e = 0;
  return () => {
    const perMinute = 40 + ((i * 7 + k) % 50);
    r += perMinute;
    // One error every 1,000-odd requests, and for every tenth SLO a burst in its last hours.
    e += (k * (i + 3)) % 23 === 0 ? 1 : 0;
    if (i % 10 === 0 && k > minutes - (60 + (i % 7) * 60)) e += Math.floor(perMinute / (5 + (i % 20)));
    const t = start + k++ * MIN;
    return { request: { t, v: r }, error: { t, v: e } };
  };
}

export function sloSamples(shape: BenchShape, i: number): { requests: { t: number; v: number }[]; errors: { t: number; v: number }[] } {
  const next = counters(shape, i);
  const requests: { t: number; v: number }[] = [];
  const errors: { t: number; v: number }[] = [];
  for (let k = 0; k <= shape.days * 24 * 60; k++) {
    const { request, error } = next();
    requests.push(request);
    errors.push(error);
  }
  return { requests, errors };
}

export const seriesOfSlo = (i: number) => ({
  requests: { metric: "bench_requests_total", labels: { job: "bench", slo: `s${i}` } },
  errors: { metric: "bench_errors_total", labels: { job: "bench", slo: `s${i}` } },
});

/** Writes the series, their minute and hour rollups and their last samples; then ANALYZE. */
export function seedSqlite(file: string, shape: BenchShape): { rows: number } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // a benchmark's load, rebuilt on every run
  db.pragma("cache_size = -262144");
  // Built once after the load (the same definitions as the migration): kept up row by row they
  // make the load several times slower.
  db.exec('DROP INDEX "Rollup1m_minute_idx"; DROP INDEX "Rollup1h_hour_idx"');
  const insertSeries = db.prepare('INSERT INTO "Series" ("key", "metric", "labels", "lastT", "lastV", "createdAt") VALUES (?, ?, ?, ?, ?, ?)');
  const cell = (table: string, bucket: string) =>
    db.prepare(`INSERT INTO "${table}" ("seriesId", "${bucket}", "increase", "deltas", "count", "sum", "min", "max", "last") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const minute = cell("Rollup1m", "minute");
  const hour = cell("Rollup1h", "hour");
  const createdAt = new Date(shape.end - shape.days * 86_400_000).toISOString().replace("Z", "+00:00");
  let rows = 0;
  const write = db.transaction((i: number) => {
    const samples = sloSamples(shape, i);
    const names = seriesOfSlo(i);
    for (const [which, list] of [["requests", samples.requests], ["errors", samples.errors]] as const) {
      const { metric, labels } = names[which];
      const rollup = rollupSeries(null, list);
      const last = list[list.length - 1]!;
      const id = Number(insertSeries.run(seriesKey(metric, labels), metric, labelsJson(labels), last.t, last.v, createdAt).lastInsertRowid);
      for (const c of rollup.minutes) minute.run(id, c.bucket, c.increase, c.deltas, c.count, c.sum, c.min, c.max, c.last);
      for (const c of rollup.hours) hour.run(id, c.bucket, c.increase, c.deltas, c.count, c.sum, c.min, c.max, c.last);
      rows += rollup.minutes.length + rollup.hours.length;
    }
  });
  for (let i = 0; i < shape.slos; i++) write(i);
  db.exec('CREATE INDEX "Rollup1m_minute_idx" ON "Rollup1m"("minute"); CREATE INDEX "Rollup1h_hour_idx" ON "Rollup1h"("hour")');
  // Planner statistics: without them SQLite may pick the minute index over the series one.
  db.exec("ANALYZE");
  db.close();
  return { rows };
}

/**
 * The same samples for Prometheus, as remote-write requests in time order: every series gets
 * the next `chunkMinutes` of samples per request, so each lands within the head's window and no
 * out-of-order window is needed.
 */
export function* prometheusBatches(shape: BenchShape, chunkMinutes = 30) {
  // Made chunk by chunk: the whole month for 1,000 SLOs would not fit in the heap.
  const slos = Array.from({ length: shape.slos }, (_, i) => ({ next: counters(shape, i), names: seriesOfSlo(i) }));
  const total = shape.days * 24 * 60 + 1;
  for (let from = 0; from < total; from += chunkMinutes) {
    const n = Math.min(chunkMinutes, total - from);
    yield slos.flatMap(({ next, names }) => {
      const requests = [];
      const errors = [];
      for (let k = 0; k < n; k++) {
        const { request, error } = next();
        requests.push(request);
        errors.push(error);
      }
      return [
        { labels: { __name__: names.requests.metric, ...names.requests.labels }, samples: requests },
        { labels: { __name__: names.errors.metric, ...names.errors.labels }, samples: errors },
      ];
    });
  }
}
