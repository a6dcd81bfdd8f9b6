import "server-only";
import { retentionCutoffs } from "@/lib/domain/retention";
import { db } from "../db";
import { noteEverythingChanged } from "../ingest/changes";

/** Deletes rollups past their retention; idempotent, so a run repeated or skipped is harmless. */
export async function pruneRollups(now: Date): Promise<{ minutes: number; hours: number }> {
  const cutoff = retentionCutoffs(now);
  const [minutes, hours] = await db().$transaction([
    db().rollup1m.deleteMany({ where: { minute: { lt: cutoff.minute } } }),
    db().rollup1h.deleteMany({ where: { hour: { lt: cutoff.hour } } }),
  ]);
  if (minutes.count + hours.count > 0) noteEverythingChanged();
  return { minutes: minutes.count, hours: hours.count };
}
