import Database from "better-sqlite3";
import type { CounterState } from "@/lib/domain/counter-increase";
import type { RollupCell } from "@/lib/domain/rollup";

// Ingest's own connections to the SQLite database, beside Prisma's (Prisma's raw-query path cost
// more than the writes themselves): the request thread only reads series (openSeriesReader), and
// the applier, on its worker thread, writes them and their rollups (openRollupWriter). WAL lets
// readers read while one connection writes. No "server-only" here: the worker thread loads this.

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

const SERIES_COLUMNS = '"id", "key", "lastT", "lastV", "lastStart"';

function open(file: string): Database.Database {
  // timeout: SQLite's busy timeout, so a write waits for Prisma's connection instead of failing.
  const db = new Database(file, { timeout: 5_000 });
  db.pragma("journal_mode = WAL");
  return db;
}

/** The request thread's connection: finds series by key, and where their ids stand. */
export function openSeriesReader(file: string) {
  const db = open(file);
  const byKey = db.prepare<[string], SeriesRow>(`SELECT ${SERIES_COLUMNS} FROM "Series" WHERE "key" = ?`);
  // AUTOINCREMENT's own counter too, so an id a deleted series had is never given again.
  const lastId = db.prepare<[], { id: number | null }>(`SELECT MAX(COALESCE((SELECT "seq" FROM "sqlite_sequence" WHERE "name" = 'Series'), 0), COALESCE((SELECT MAX("id") FROM "Series"), 0)) AS "id"`);
  const cursor = db.prepare<[], { appliedThrough: number }>('SELECT "appliedThrough" FROM "IngestCursor" WHERE "id" = 1');
  return {
    findSeries: (key: string) => byKey.get(key),
    lastSeriesId: () => lastId.get()?.id ?? 0,
    /** The newest log row whose samples are in the rollups (rollup writer's setCursor). */
    appliedThrough: () => cursor.get()?.appliedThrough ?? 0,
    close: () => db.close(),
  };
}

export type SeriesReader = ReturnType<typeof openSeriesReader>;

/** A new series, as the request thread named it: the applier writes its row with this id. */
export type NewSeries = { id: number; key: string; metric: string; labels: string };

/** The applier's connection: series rows, their states, the rollups and the log cursor. */
export function openRollupWriter(file: string) {
  const db = open(file);
  // Each apply commits rollups that let the log rows under them go: durable before it returns.
  db.pragma("synchronous = FULL");
  // The rollups' B-trees a busy apply walks stay in memory (SQLite's default is 2 MB).
  db.pragma("cache_size = -65536");
  // Every cell's series row is written before the cell in the same transaction (Applier.apply),
  // so the per-row foreign-key lookup checks nothing new.
  db.pragma("foreign_keys = OFF");
  const byId = db.prepare<[number], SeriesRow>(`SELECT ${SERIES_COLUMNS} FROM "Series" WHERE "id" = ?`);
  const insertSeries = db.prepare<[number, string, string, string, string]>('INSERT INTO "Series" ("id", "key", "metric", "labels", "createdAt") VALUES (?, ?, ?, ?, ?)');
  const saveState = db.prepare<[number, number, number | null, number]>('UPDATE "Series" SET "lastT" = ?, "lastV" = ?, "lastStart" = ? WHERE "id" = ?');
  const setCursor = db.prepare<[number]>(
    'INSERT INTO "IngestCursor" ("id", "appliedThrough") VALUES (1, ?) ON CONFLICT ("id") DO UPDATE SET "appliedThrough" = excluded."appliedThrough"',
  );
  // Prepared on first use, so a broken rollup table fails an apply (reported, retried) rather than the worker's start.
  const lazy = (sql: string) => {
    let statement: Database.Statement | undefined;
    return () => (statement ??= db.prepare(sql));
  };
  const cellWriter = (table: "Rollup1m" | "Rollup1h", bucket: "minute" | "hour") => {
    const one = lazy(upsertCells(table, bucket, 1));
    const many = lazy(upsertCells(table, bucket, CELLS_PER_STATEMENT));
    return () => new CellWriter(one(), many());
  };
  return {
    transaction: <T>(work: () => T) => db.transaction(work)(),
    getSeriesById: (id: number) => byId.get(id),
    insertSeries: (s: NewSeries, createdAt: Date) =>
      // The text form Prisma's SQLite adapter writes for DateTime, so Prisma reads it back.
      insertSeries.run(s.id, s.key, s.metric, s.labels, createdAt.toISOString().replace("Z", "+00:00")),
    /** Upserts of minute (hour) cells, written in groups: call end() to write the rest. */
    minuteCells: cellWriter("Rollup1m", "minute"),
    hourCells: cellWriter("Rollup1h", "hour"),
    saveState: (seriesId: number, last: CounterState) => saveState.run(last.t, last.v, last.start ?? null, seriesId),
    setCursor: (logId: number) => setCursor.run(logId),
    close: () => db.close(),
  };
}

export type RollupWriter = ReturnType<typeof openRollupWriter>;

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
