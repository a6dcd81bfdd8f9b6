import "server-only";
import { db } from "../db";
import { applyAcknowledgedSamples } from "../ingest/store";

/** The names of the histogram bucket metrics the store holds (`…_bucket`), sorted. */
export async function listBucketMetrics(): Promise<string[]> {
  await applyAcknowledgedSamples(); // on SQLite a new series' row is written with its rollups
  const rows = await db().series.findMany({ where: { metric: { endsWith: "_bucket" } }, distinct: ["metric"], select: { metric: true }, orderBy: { metric: "asc" } });
  return rows.map((r) => r.metric);
}
