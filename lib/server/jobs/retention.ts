import "server-only";
import { retentionCutoffs } from "@/lib/domain/retention";
import { db } from "../db";
import { noteEverythingChanged } from "../ingest/changes";
import { analyzeRollups } from "../repos/rollup-sums";

/**
 * Deletes rollups past their retention, then brings the planner's statistics up to date with the
 * tables as they are now (they grow by ingest and shrink here); idempotent, so a run repeated or
 * skipped is harmless.
 */
export async function pruneRollups(now: Date): Promise<{ minutes: number; hours: number }> {
  const cutoff = retentionCutoffs(now);
  const [minutes, hours] = await db().$transaction([
    db().rollup1m.deleteMany({ where: { minute: { lt: cutoff.minute } } }),
    db().rollup1h.deleteMany({ where: { hour: { lt: cutoff.hour } } }),
  ]);
  if (minutes.count + hours.count > 0) noteEverythingChanged();
  await analyzeRollups();
  return { minutes: minutes.count, hours: hours.count };
}
