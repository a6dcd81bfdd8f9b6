import "server-only";
import type { CounterSample } from "@/lib/domain/counter-increase";
import { type RollupCell, rollupSeries, type SeriesRollup } from "@/lib/domain/rollup";
import { labelsJson, seriesKey } from "@/lib/domain/series-key";
import { db } from "../db";
import type { StoreResult, StoreSeries } from "./store-types";

// The PostgreSQL write path: each request's rollups are written in its own transaction, with the
// series rows locked, so any number of app instances may write. SQLite takes sqlite/sample-log.ts.

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];
type StateRow = { id: number | bigint; key: string; lastT: number | bigint | null; lastV: number | null; lastStart: number | bigint | null };

// Rows per statement: under PostgreSQL's 65,535 bound parameters at 9 a row.
const CHUNK = 1000;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `($1, $2), ($3, $4)` for `rows` rows of `columns` parameters, with optional per-column casts. */
function values(rows: number, columns: number, casts: string[] = []): string {
  let n = 0;
  const row = () => `(${Array.from({ length: columns }, (_, c) => `$${++n}${casts[c] ? `::${casts[c]}` : ""}`).join(", ")})`;
  return Array.from({ length: rows }, row).join(", ");
}

async function ensureSeries(tx: Tx, batch: { key: string; metric: string; labels: string }[], createdAt: Date) {
  for (const part of chunks(batch)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "Series" ("key", "metric", "labels", "createdAt") VALUES ${values(part.length, 4)} ON CONFLICT ("key") DO NOTHING`,
      ...part.flatMap((s) => [s.key, s.metric, s.labels, createdAt]),
    );
  }
}

async function lockStates(tx: Tx, keys: string[]): Promise<Map<string, StateRow>> {
  const states = new Map<string, StateRow>();
  // Sorted, so two writers lock the same series in the same order and cannot deadlock.
  for (const part of chunks([...keys].sort())) {
    const placeholders = values(1, part.length).slice(1, -1);
    const rows = await tx.$queryRawUnsafe<StateRow[]>(
      `SELECT "id", "key", "lastT", "lastV", "lastStart" FROM "Series" WHERE "key" IN (${placeholders}) ORDER BY "key" FOR UPDATE`,
      ...part,
    );
    for (const row of rows) states.set(row.key, row);
  }
  return states;
}

async function upsertCells(tx: Tx, table: "Rollup1m" | "Rollup1h", cells: { seriesId: number; cell: RollupCell }[]) {
  const bucket = table === "Rollup1m" ? "minute" : "hour";
  for (const part of chunks(cells)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" ("seriesId", "${bucket}", "increase", "deltas", "count", "sum", "min", "max", "last")
       VALUES ${values(part.length, 9)}
       ON CONFLICT ("seriesId", "${bucket}") DO UPDATE SET
         "increase" = "${table}"."increase" + excluded."increase",
         "deltas" = "${table}"."deltas" + excluded."deltas",
         "count" = "${table}"."count" + excluded."count",
         "sum" = "${table}"."sum" + excluded."sum",
         "min" = LEAST("${table}"."min", excluded."min"),
         "max" = GREATEST("${table}"."max", excluded."max"),
         "last" = excluded."last"`,
      ...part.flatMap(({ seriesId, cell: c }) => [seriesId, c.bucket, c.increase, c.deltas, c.count, c.sum, c.min, c.max, c.last]),
    );
  }
}

async function saveStates(tx: Tx, updates: { id: number; rollup: SeriesRollup }[]) {
  for (const part of chunks(updates)) {
    await tx.$executeRawUnsafe(
      `UPDATE "Series" SET "lastT" = v.column2, "lastV" = v.column3, "lastStart" = v.column4
       FROM (VALUES ${values(part.length, 4, ["int", "bigint", "float8", "bigint"])}) AS v
       WHERE "Series"."id" = v.column1`,
      ...part.flatMap(({ id, rollup }) => {
        const last = rollup.last!;
        return [id, BigInt(last.t), last.v, last.start === undefined ? null : BigInt(last.start)];
      }),
    );
  }
}

const toNumber = (value: number | bigint | null) => (value === null ? null : Number(value));

/**
 * Stores a batch in one transaction: when this resolves, every accepted sample is committed, and
 * when it throws, nothing of the batch is. Samples at or before a series' stored last sample are
 * dropped, so a retried batch adds nothing.
 */
export async function storeWithPrisma(batch: readonly StoreSeries[], now = new Date()): Promise<StoreResult> {
  // Two entries for one series in a batch are merged, so the series is read and written once.
  const bySeries = new Map<string, { key: string; metric: string; labels: string; samples: CounterSample[] }>();
  for (const s of batch) {
    const key = s.key ?? seriesKey(s.metric, s.labels);
    const entry = bySeries.get(key) ?? { key, metric: s.metric, labels: labelsJson(s.labels), samples: [] };
    entry.samples.push(...s.samples);
    bySeries.set(key, entry);
  }
  const result: StoreResult = { series: bySeries.size, accepted: 0, dropped: {} };
  if (bySeries.size === 0) return result;

  await db().$transaction(
    async (tx) => {
      const entries = [...bySeries.values()];
      await ensureSeries(tx, entries, now);
      const states = await lockStates(tx, entries.map((e) => e.key));
      const minutes: { seriesId: number; cell: RollupCell }[] = [];
      const hours: { seriesId: number; cell: RollupCell }[] = [];
      const updates: { id: number; rollup: SeriesRollup }[] = [];
      for (const entry of entries) {
        const row = states.get(entry.key)!;
        const lastT = toNumber(row.lastT);
        const last = lastT === null ? null : { t: lastT, v: row.lastV!, ...(row.lastStart === null ? {} : { start: Number(row.lastStart) }) };
        const rollup = rollupSeries(last, entry.samples);
        const seriesId = Number(row.id);
        result.accepted += rollup.accepted;
        for (const [reason, count] of Object.entries(rollup.dropped)) result.dropped[reason] = (result.dropped[reason] ?? 0) + count;
        if (rollup.accepted === 0) continue;
        for (const cell of rollup.minutes) minutes.push({ seriesId, cell });
        for (const cell of rollup.hours) hours.push({ seriesId, cell });
        updates.push({ id: seriesId, rollup });
      }
      await upsertCells(tx, "Rollup1m", minutes);
      await upsertCells(tx, "Rollup1h", hours);
      await saveStates(tx, updates);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  return result;
}
