import "server-only";
import { db } from "../db";

/** The names of the histogram bucket metrics the store holds (`…_bucket`), sorted. */
export async function listBucketMetrics(): Promise<string[]> {
  const rows = await db().series.findMany({ where: { metric: { endsWith: "_bucket" } }, distinct: ["metric"], select: { metric: true }, orderBy: { metric: "asc" } });
  return rows.map((r) => r.metric);
}
