import Database from "better-sqlite3";
import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { logFileOf } from "@/lib/server/ingest/sqlite/log-db";

/** Rows of the SQLite ingest log not yet in the rollups (after the main database's cursor). */
export async function unappliedLogRows(): Promise<number> {
  const database = env().DATABASE_URL;
  if (database.provider !== "sqlite") return 0;
  const cursor = (await db().ingestCursor.findUnique({ where: { id: 1 } }))?.appliedThrough ?? 0;
  const log = new Database(logFileOf(database.file), { readonly: true });
  try {
    return log.prepare<[number], { n: number }>('SELECT COUNT(*) AS "n" FROM "log" WHERE "id" > ?').get(cursor)!.n;
  } finally {
    log.close();
  }
}

/** Renames the SQLite ingest log's table, so appends fail (a storage failure) until it is named back. */
export function renameLogTable(from: string, to: string): void {
  const database = env().DATABASE_URL;
  if (database.provider !== "sqlite") throw new Error("SQLite only");
  const log = new Database(logFileOf(database.file));
  try {
    log.exec(`ALTER TABLE "${from}" RENAME TO "${to}"`);
  } finally {
    log.close();
  }
}
