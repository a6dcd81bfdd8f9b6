import Database from "better-sqlite3";
import { WalSync } from "./wal-sync";

// The ingest log: a SQLite database of its own beside the main one (`<database>-ingest-log`), so
// appending to it never waits for the applier's transactions on the main file, nor they for it.
// One table of rows, each a commit group's samples (log-codec.ts) and the series it named first.
// No "server-only" here: a restarted applier worker reads what its predecessor left.

export type LogRow = { id: number; samples: number; payload: Uint8Array; series: string | null };

export const logFileOf = (databaseFile: string) => `${databaseFile}-ingest-log`;

const SCHEMA = `CREATE TABLE IF NOT EXISTS "log" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "samples" INTEGER NOT NULL,
  "payload" BLOB NOT NULL,
  "series" TEXT
)`;

const ROWS_AFTER = 'SELECT "id", "samples", "payload", "series" FROM "log" WHERE "id" > ? ORDER BY "id"';

/** The request thread's handle: appends (durable once sync() resolves) and trims. */
export class LogDb {
  private readonly append_: Database.Statement<[number, Buffer, string | null]>;
  private readonly delete_: Database.Statement<[number]>;
  private readonly after: Database.Statement<[number], LogRow>;

  private constructor(
    private readonly db: Database.Database,
    private readonly walSync: WalSync | null,
  ) {
    this.append_ = db.prepare('INSERT INTO "log" ("samples", "payload", "series") VALUES (?, ?, ?)');
    this.delete_ = db.prepare('DELETE FROM "log" WHERE "id" <= ?');
    this.after = db.prepare(ROWS_AFTER);
  }

  /**
   * Opens (creates) the log. `appliedThrough` is the main database's cursor: new rows get higher
   * ids even if this file was lost or rolled back behind it, so none is taken as applied.
   */
  static open(databaseFile: string, appliedThrough: number): LogDb {
    const db = new Database(logFileOf(databaseFile));
    const isWal = db.pragma("journal_mode = WAL", { simple: true }) === "wal";
    db.exec(SCHEMA);
    db.prepare(`INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'log', 0 WHERE NOT EXISTS (SELECT 1 FROM "sqlite_sequence" WHERE "name" = 'log')`).run();
    db.prepare(`UPDATE "sqlite_sequence" SET "seq" = MAX("seq", ?) WHERE "name" = 'log'`).run(appliedThrough);
    // In WAL mode NORMAL may lose the last commits on power loss, and an acknowledged request is a
    // promise that its samples survive exactly that: so NORMAL only with an fsync of the log file
    // before each acknowledgement (wal-sync.ts), FULL where that file cannot be opened.
    const walSync = isWal ? WalSync.open(`${logFileOf(databaseFile)}-wal`) : null;
    db.pragma(walSync ? "synchronous = NORMAL" : "synchronous = FULL");
    return new LogDb(db, walSync);
  }

  /** Returns the row's id; durable once a later sync() resolves. */
  append(samples: number, payload: Buffer, series: string | null): number {
    return Number(this.append_.run(samples, payload, series).lastInsertRowid);
  }

  /** Resolves once every append so far is durable. */
  sync(): Promise<void> {
    return this.walSync ? this.walSync.sync() : Promise.resolve();
  }

  rowsAfter(id: number): IterableIterator<LogRow> {
    return this.after.iterate(id);
  }

  /** Rows whose samples are in the rollups go (the main database's cursor is past them). */
  deleteThrough(id: number): void {
    this.delete_.run(id);
  }

  /** A connection setting (for tests). */
  pragma(name: "journal_mode" | "synchronous"): unknown {
    return this.db.pragma(name, { simple: true });
  }

  close(): void {
    this.walSync?.close();
    this.db.close();
  }
}

/** For a restarted applier: the rows after `id`, read without taking any lock the writer needs. */
export function readLogAfter(databaseFile: string, id: number): LogRow[] {
  const db = new Database(logFileOf(databaseFile), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[number], LogRow>(ROWS_AFTER).all(id);
  } finally {
    db.close();
  }
}
