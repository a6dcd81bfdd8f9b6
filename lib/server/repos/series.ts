import "server-only";
import type { SeriesQuery, SeriesResult } from "@/lib/schemas/series";
import { MINUTE_MS } from "@/lib/domain/slo-math";
import { db } from "../db";
import { applyAcknowledgedSamples } from "../ingest/store";

/** A guard, not a page size: one metric with more series than this is a labelling mistake. */
export const MAX_SERIES_PER_QUERY = 1000;

/** One metric's series and their minute rollups in [start, end), minutes that have data only. */
export async function findSeriesMinutes(query: SeriesQuery): Promise<SeriesResult[]> {
  const from = Math.floor(query.start.getTime() / MINUTE_MS);
  const to = Math.ceil(query.end.getTime() / MINUTE_MS);
  const rows = await db().series.findMany({
    where: { metric: query.metric },
    orderBy: { key: "asc" },
    take: MAX_SERIES_PER_QUERY,
    include: { minutes: { where: { minute: { gte: from, lt: to } }, orderBy: { minute: "asc" } } },
  });
  return rows.map((row) => ({
    metric: row.metric,
    key: row.key,
    labels: JSON.parse(row.labels) as Record<string, string>,
    minutes: row.minutes.map(({ minute, increase, deltas, count, sum, min, max, last }) => ({
      start: new Date(minute * MINUTE_MS).toISOString(),
      increase, deltas, count, sum, min, max, last,
    })),
  }));
}

/** The label sets of every series of one metric (grouping and histogram boundaries read them). */
export async function listSeriesLabels(metric: string): Promise<Record<string, string>[]> {
  await applyAcknowledgedSamples(); // on SQLite a new series' row is written with its rollups
  const rows = await db().series.findMany({ where: { metric }, select: { labels: true } });
  return rows.map((row) => JSON.parse(row.labels) as Record<string, string>);
}
