import "server-only";
import Database from "better-sqlite3";
import type { CounterState } from "@/lib/domain/counter-increase";
import type { RollupCell } from "@/lib/domain/rollup";
import { WalSync } from "./wal-sync";

// Ingest's own connection to the SQLite file, beside Prisma's: Prisma's raw-query path cost more
// than the writes themselves. WAL lets both connections read while one writes.

export type SeriesRow = { id: number; key: string; lastT: number | null; lastV: number | null; lastStart: number | null };

export function stateOf(row: SeriesRow): CounterState | null {
  if (row.lastT === null) return null;
  return row.lastStart === null ? { t: row.lastT, v: row.lastV! } : { t: row.lastT, v: row.lastV!, start: row.lastStart };
}

/** Rows per multi-row upsert: one statement's call, bind and step costs shared by this many cells. */
export const CELLS_PER_STATEMENT = 64;

const upsertCells = (table: "Rollup1m" | "Rollup1h", bucket: "minute" | "hour", rows: number) =>
  `INSERT INTO "${table}" ("seriesId", "${bucket}", "increase", "deltas", "count", "sum", "min", "max", "last")
   VALUES ${Array.from({ length: rows }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
   ON CONFLICT ("seriesId", "${bucket}") DO UPDATE SET
     "increase" = "increase" + excluded."increase",
     "deltas" = "deltas" + excluded."deltas",
     "count" = "count" + excluded."count",
     "sum" = "sum" + excluded."sum",
     "min" = MIN("min", excluded."min"),
     "max" = MAX("max", excluded."max"),
     "last" = excluded."last"`;

export function openSampleDb(file: string) {
  // timeout: SQLite's busy timeout, so a write waits for Prisma's connection instead of failing.
  const db = new Database(file, { timeout: 5_000 });
  const isWal = db.pragma("journal_mode = WAL", { simple: true }) === "wal";
  // In WAL mode NORMAL may lose the last commits on power loss, and an acknowledged request is a
  // promise that its samples survive exactly that: so NORMAL only with an fsync of the log file
  // before each acknowledgement (wal-sync.ts), FULL where that file cannot be opened.
  db.prepare('SELECT 1 FROM "IngestLog" LIMIT 1').get(); // opens (creates) the -wal file
  const walSync = isWal ? WalSync.open(`${file}-wal`) : null;
  db.pragma(walSync ? "synchronous = NORMAL" : "synchronous = FULL");
  const seriesByKey = db.prepare<[string], SeriesRow>('SELECT "id", "key", "lastT", "lastV", "lastStart" FROM "Series" WHERE "key" = ?');
  const seriesById = db.prepare<[number], SeriesRow>('SELECT "id", "key", "lastT", "lastV", "lastStart" FROM "Series" WHERE "id" = ?');
  const insertSeries = db.prepare<[string, string, string, string]>('INSERT INTO "Series" ("key", "metric", "labels", "createdAt") VALUES (?, ?, ?, ?)');
  const appendLog = db.prepare<[number, Buffer]>('INSERT INTO "IngestLog" ("samples", "payload") VALUES (?, ?)');
  const readLog = db.prepare<[], { id: number; payload: Buffer }>('SELECT "id", "payload" FROM "IngestLog" ORDER BY "id"');
  const deleteLog = db.prepare<[number]>('DELETE FROM "IngestLog" WHERE "id" <= ?');
  // Prepared on first use, so a broken rollup table stalls applying (retried) but not appending.
  const lazy = (sql: string) => {
    let statement: Database.Statement | undefined;
    return () => (statement ??= db.prepare(sql));
  };
  const cellWriter = (table: "Rollup1m" | "Rollup1h", bucket: "minute" | "hour") => {
    const one = lazy(upsertCells(table, bucket, 1));
    const many = lazy(upsertCells(table, bucket, CELLS_PER_STATEMENT));
    return () => new CellWriter(one(), many());
  };
  const minutes = cellWriter("Rollup1m", "minute");
  const hours = cellWriter("Rollup1h", "hour");
  const saveState = db.prepare<[number, number, number | null, number]>('UPDATE "Series" SET "lastT" = ?, "lastV" = ?, "lastStart" = ? WHERE "id" = ?');

  return {
    db,
    /** Resolves once every commit so far is durable. */
    sync: () => (walSync ? walSync.sync() : Promise.resolve()),
    close: () => {
      walSync?.close();
      db.close();
    },
    findSeries: (key: string) => seriesByKey.get(key),
    getSeriesById: (id: number) => seriesById.get(id),
    /** Returns the new series' id. */
    insertSeries: (s: { key: string; metric: string; labels: string }, createdAt: Date) =>
      // The text form Prisma's SQLite adapter writes for DateTime, so Prisma reads it back.
      Number(insertSeries.run(s.key, s.metric, s.labels, createdAt.toISOString().replace("Z", "+00:00")).lastInsertRowid),
    /** Returns the log row's id. */
    appendLog: (samples: number, payload: Buffer) => Number(appendLog.run(samples, payload).lastInsertRowid),
    readLog: () => readLog.iterate(),
    deleteLogThrough: (id: number) => deleteLog.run(id),
    /** Upserts of minute (hour) cells, written in groups: call end() to write the rest. */
    minuteCells: minutes,
    hourCells: hours,
    saveState: (seriesId: number, last: CounterState) => saveState.run(last.t, last.v, last.start ?? null, seriesId),
  };
}

export type SampleDb = ReturnType<typeof openSampleDb>;

/** Gathers cells for CELLS_PER_STATEMENT-row upserts; a (series, bucket) must come at most once. */
class CellWriter {
  private readonly args: number[] = [];

  constructor(
    private readonly one: Database.Statement,
    private readonly many: Database.Statement,
  ) {}

  add(seriesId: number, c: RollupCell): void {
    this.args.push(seriesId, c.bucket, c.increase, c.deltas, c.count, c.sum, c.min, c.max, c.last);
    if (this.args.length === 9 * CELLS_PER_STATEMENT) {
      this.many.run(this.args);
      this.args.length = 0;
    }
  }

  end(): void {
    for (let at = 0; at < this.args.length; at += 9) this.one.run(this.args.slice(at, at + 9));
    this.args.length = 0;
  }
}
