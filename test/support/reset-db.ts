import { db } from "@/lib/server/db";
import { env } from "@/lib/server/env";
import { closeIngest, flushIngest } from "@/lib/server/ingest/store";

/**
 * The audit log refuses DELETE (its triggers make it append-only), so tests empty it the one way
 * the app never does: with the triggers out of the way. SQLite's are dropped and created again
 * from their own stored SQL; PostgreSQL's are disabled for the statement. Test-only.
 */
async function emptyAuditLog(): Promise<void> {
  const d = db();
  if (env().DATABASE_URL.provider === "postgresql") {
    await d.$transaction([
      d.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER USER`),
      d.$executeRawUnsafe(`DELETE FROM "AuditEntry"`),
      d.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER USER`),
    ]);
    return;
  }
  const triggers = await d.$queryRawUnsafe<{ name: string; sql: string }[]>(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEntry'`);
  await d.$transaction([
    ...triggers.map((t) => d.$executeRawUnsafe(`DROP TRIGGER "${t.name}"`)),
    d.$executeRawUnsafe(`DELETE FROM "AuditEntry"`),
    ...triggers.map((t) => d.$executeRawUnsafe(t.sql)),
  ]);
}

/**
 * Empties every table, children first, for tests that each need a clean database; the ingest
 * store is closed too, so its in-memory series states start again from the empty tables.
 */
export async function resetDatabase(): Promise<void> {
  await flushIngest();
  await closeIngest();
  const d = db();
  await emptyAuditLog();
  // Each feature's roots; their children go by cascade.
  await d.$transaction([
    d.postmortem.deleteMany(), d.fmeaWorksheet.deleteMany(), d.replicationCluster.deleteMany(),
    d.breakerTransition.deleteMany(), d.breaker.deleteMany(), d.breakerSeries.deleteMany(), d.event.deleteMany(),
    d.notification.deleteMany(), d.notificationCursor.deleteMany(),
  ]);
  await d.$transaction([d.ingestCursor.deleteMany(), d.alertTransition.deleteMany(), d.alertState.deleteMany(), d.slo.deleteMany(), d.rollup1m.deleteMany(), d.rollup1h.deleteMany(), d.series.deleteMany(), d.service.deleteMany(), d.jobLease.deleteMany()]);
  await d.$transaction([d.session.deleteMany(), d.membership.deleteMany(), d.user.deleteMany(), d.team.deleteMany(), d.apiToken.deleteMany()]);
}
