import "server-only";
import { db } from "../db";
import { applyAcknowledgedSamples } from "../ingest/store";
import { env } from "../env";

// Aggregates over the rollup tables for many series at once. Series ids are integers we read from
// the database, so they are inlined (a bound parameter per id would hit SQLite's limit on
// parameters); everything else is a number computed here. Table and column names are quoted the
// same way for SQLite and PostgreSQL.

export type RollupTable = "minutes" | "hours";

const TABLE = { minutes: { name: '"Rollup1m"', bucket: '"minute"' }, hours: { name: '"Rollup1h"', bucket: '"hour"' } } as const;

// Long IN lists are split so no statement grows without bound.
const CHUNK = 5_000;

function idList(ids: readonly number[]): string {
  return ids.map((id) => {
    if (!Number.isSafeInteger(id)) throw new RangeError(`series id ${id} is not an integer`);
    return String(id);
  }).join(",");
}

async function chunked<T>(ids: readonly number[], run: (list: string) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await run(idList(ids.slice(i, i + CHUNK)))));
  return out;
}

const int = (n: number) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${n} is not an integer bucket`);
  return n;
};

/** Per series, the sum of increases in buckets [from, to) of one table; series without rows are absent. */
export async function sumIncreaseBySeries(table: RollupTable, ids: readonly number[], from: number, to: number): Promise<Map<number, number>> {
  const t = TABLE[table];
  const rows = await chunked(ids, (list) =>
    db().$queryRawUnsafe<{ id: number | bigint; total: number | null }[]>(
      `SELECT "seriesId" AS id, SUM("increase") AS total FROM ${t.name} WHERE "seriesId" IN (${list}) AND ${t.bucket} >= ${int(from)} AND ${t.bucket} < ${int(to)} GROUP BY "seriesId"`,
    ),
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.total ?? 0)]));
}

/**
 * Per series and block of `size` buckets (block b covers [b·size, (b+1)·size)), the sum of
 * increases in [from, to); both ends must be multiples of size. One scan instead of a query per block.
 */
export async function sumIncreaseByBlock(
  table: RollupTable,
  ids: readonly number[],
  from: number,
  to: number,
  size: number,
): Promise<{ id: number; block: number; total: number }[]> {
  const t = TABLE[table];
  // Integer division that floors for the non-negative buckets stored here, on both databases.
  const block = `(${t.bucket} / ${int(size)})`;
  const rows = await chunked(ids, (list) =>
    db().$queryRawUnsafe<{ id: number | bigint; block: number | bigint; total: number | null }[]>(
      `SELECT "seriesId" AS id, ${block} AS block, SUM("increase") AS total FROM ${t.name} WHERE "seriesId" IN (${list}) AND ${t.bucket} >= ${int(from)} AND ${t.bucket} < ${int(to)} GROUP BY "seriesId", ${block}`,
    ),
  );
  return rows.map((r) => ({ id: Number(r.id), block: Number(r.block), total: Number(r.total ?? 0) }));
}

/** Per series, its first hour with data (the start of its history), for series that have any. */
export async function firstHourBySeries(ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await chunked(ids, (list) =>
    db().$queryRawUnsafe<{ id: number | bigint; first: number | bigint }[]>(
      `SELECT "seriesId" AS id, MIN("hour") AS first FROM "Rollup1h" WHERE "seriesId" IN (${list}) GROUP BY "seriesId"`,
    ),
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.first)]));
}

/** Every series of these metrics with its labels. */
export async function seriesOfMetrics(metrics: readonly string[]): Promise<{ id: number; metric: string; labels: string }[]> {
  if (metrics.length === 0) return [];
  await applyAcknowledgedSamples(); // on SQLite a new series' row is written with its rollups
  return db().series.findMany({ where: { metric: { in: [...metrics] } }, select: { id: true, metric: true, labels: true } });
}

/**
 * Planner statistics for the rollups: without them (or with ones from when the tables were small)
 * SQLite can scan the wrong index for a short range (a 1-hour query: 230 ms instead of 1 ms).
 * SQLite reads a bounded sample of each index (analysis_limit), so this stays cheap on a large
 * store; PostgreSQL samples by itself.
 */
export async function analyzeRollups(): Promise<void> {
  if (env().DATABASE_URL.provider === "sqlite") await db().$queryRawUnsafe("PRAGMA analysis_limit = 1000");
  await db().$executeRawUnsafe(`ANALYZE "Rollup1m"`);
  await db().$executeRawUnsafe(`ANALYZE "Rollup1h"`);
  await db().$executeRawUnsafe(`ANALYZE "Series"`);
}
