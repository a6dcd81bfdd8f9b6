import { db } from "@/lib/server/db";
import { closeIngest, flushIngest } from "@/lib/server/ingest/store";

/**
 * Empties every table, children first, for tests that each need a clean database; the ingest
 * store is closed too, so its in-memory series states start again from the empty tables.
 */
export async function resetDatabase(): Promise<void> {
  await flushIngest();
  closeIngest();
  const d = db();
  // Each feature's roots; their children go by cascade.
  await d.$transaction([
    d.postmortem.deleteMany(), d.fmeaWorksheet.deleteMany(), d.replicationCluster.deleteMany(),
    d.breakerTransition.deleteMany(), d.breaker.deleteMany(), d.breakerSeries.deleteMany(), d.event.deleteMany(),
    d.notification.deleteMany(), d.notificationCursor.deleteMany(),
  ]);
  await d.$transaction([d.ingestLog.deleteMany(), d.alertTransition.deleteMany(), d.alertState.deleteMany(), d.slo.deleteMany(), d.rollup1m.deleteMany(), d.rollup1h.deleteMany(), d.series.deleteMany(), d.service.deleteMany(), d.jobLease.deleteMany()]);
  await d.$transaction([d.session.deleteMany(), d.membership.deleteMany(), d.user.deleteMany(), d.team.deleteMany(), d.apiToken.deleteMany()]);
}
