import "server-only";
import Database from "better-sqlite3";

/** Another process ingests into this SQLite database; this one must not (sample-log.ts says why). */
export class IngestOwnedElsewhereError extends Error {
  constructor(file: string) {
    super(
      `another process already ingests into ${file}: one process owns a SQLite database's samples ` +
        "(it judges duplicates and applies the ingest log from memory). Stop the other one, give this one its own DATABASE_URL, " +
        "or use PostgreSQL to run several app instances.",
    );
    this.name = "IngestOwnedElsewhereError";
  }
}

/**
 * Holds the ingest side of a SQLite database for this process: an exclusive transaction on a small
 * file beside it (`<database>-ingest-owner`). SQLite's lock is the operating system's, so it goes
 * with the process however that ends (kill -9 included): no stale lease to wait out on restart,
 * and a second process asking while the first lives is refused at once.
 */
export class OwnerLock {
  private constructor(private readonly db: Database.Database) {}

  static acquire(databaseFile: string): OwnerLock {
    const db = new Database(`${databaseFile}-ingest-owner`, { timeout: 0 });
    try {
      db.exec("BEGIN EXCLUSIVE");
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === "SQLITE_BUSY") throw new IngestOwnedElsewhereError(databaseFile);
      throw error;
    }
    return new OwnerLock(db);
  }

  release(): void {
    if (!this.db.open) return;
    this.db.exec("ROLLBACK");
    this.db.close();
  }
}
