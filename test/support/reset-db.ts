import { db } from "@/lib/server/db";

/** Empties every table, children first, for tests that each need a clean database. */
export async function resetDatabase(): Promise<void> {
  const d = db();
  await d.$transaction([d.alertTransition.deleteMany(), d.alertState.deleteMany(), d.slo.deleteMany(), d.rollup1m.deleteMany(), d.rollup1h.deleteMany(), d.series.deleteMany(), d.service.deleteMany(), d.jobLease.deleteMany()]);
}
