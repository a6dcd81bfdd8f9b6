import "server-only";
import { HOUR_MS, type Interval, MINUTE_MS } from "@/lib/domain/slo-math";
import type { Selector, Sli } from "@/lib/schemas/slo";
import { formatFloat } from "../ingest/decode/otlp-labels";
import { db } from "../db";
import { applyAcknowledgedSamples } from "../ingest/store";


/** good(w) and valid(w) as counts of events, whichever source answered (architecture.md). */
export type WindowCounts = { good: number; valid: number };

/** A histogram's `le` label as Prometheus writes it (0.5, 1, +Inf). */
export const leLabel = (threshold: number) => formatFloat(threshold);

/** The selectors an SLI counts: good (or bad) events and all events. */
export function sliSelectors(sli: Sli): { good?: Selector; bad?: Selector; total: Selector } {
  if (sli.kind === "ratio") return { good: sli.good, bad: sli.bad, total: sli.total };
  if (sli.kind === "timeslice") {
    const i = sli.indicator;
    return i.type === "gauge" ? { total: { metric: i.metric, matchers: i.matchers } } : { good: i.good, bad: i.bad, total: i.total };
  }
  return {
    good: { metric: `${sli.histogram}_bucket`, matchers: { ...sli.matchers, le: leLabel(sli.threshold) } },
    total: { metric: `${sli.histogram}_count`, matchers: sli.matchers },
  };
}

export async function seriesIds(selector: Selector): Promise<number[]> {
  const rows = await db().series.findMany({ where: { metric: selector.metric }, select: { id: true, labels: true } });
  const wanted = Object.entries(selector.matchers);
  return rows
    .filter((row) => {
      const labels = JSON.parse(row.labels) as Record<string, string>;
      return wanted.every(([name, value]) => (labels[name] ?? "") === value);
    })
    .map((row) => row.id);
}

/**
 * Sum of counter increases over [start, end): hourly rows for the whole hours inside, minute rows
 * for the edges. Both come from the same samples, so the sum is exact either way; hours only
 * make long windows cheap.
 */
async function increase(ids: number[], interval: Interval): Promise<number> {
  if (ids.length === 0) return 0;
  const start = interval.start.getTime();
  const end = interval.end.getTime();
  const firstHour = Math.ceil(start / HOUR_MS);
  const lastHour = Math.floor(end / HOUR_MS); // exclusive
  const minute = (ms: number) => Math.ceil(ms / MINUTE_MS);
  const sumMinutes = (from: number, to: number) =>
    from >= to ? Promise.resolve(0) : db().rollup1m.aggregate({ where: { seriesId: { in: ids }, minute: { gte: from, lt: to } }, _sum: { increase: true } }).then((r) => r._sum.increase ?? 0);
  if (firstHour >= lastHour) return sumMinutes(minute(start), minute(end));
  const [head, hours, tail] = await Promise.all([
    sumMinutes(minute(start), firstHour * 60),
    db().rollup1h.aggregate({ where: { seriesId: { in: ids }, hour: { gte: firstHour, lt: lastHour } }, _sum: { increase: true } }).then((r) => r._sum.increase ?? 0),
    sumMinutes(lastHour * 60, minute(end)),
  ]);
  return head + hours + tail;
}

/** The embedded data source: counts from the sample store's rollups. */
export function embeddedSource(sli: Sli) {
  const selectors = sliSelectors(sli);
  // Resolved once per evaluation, on first use: every window of one SLO asks about the same series,
  // after every acknowledged sample is in the rollups (a failure there makes the figures stale).
  type Ids = { good?: number[]; bad?: number[]; total: number[] };
  let resolved: Promise<Ids> | undefined;
  const ids = () =>
    (resolved ??= applyAcknowledgedSamples().then(async () => ({
      good: selectors.good && (await seriesIds(selectors.good)),
      bad: selectors.bad && (await seriesIds(selectors.bad)),
      total: await seriesIds(selectors.total),
    })));
  return {
    async counts(interval: Interval): Promise<WindowCounts> {
      const { good, bad, total } = await ids();
      const valid = await increase(total, interval);
      if (good) return { good: await increase(good, interval), valid };
      return { good: valid - (await increase(bad ?? [], interval)), valid };
    },
    /** When the SLI's data begins: the first hour any of its total series has data. */
    async historyStart(): Promise<Date | null> {
      const { total } = await ids();
      if (total.length === 0) return null;
      const first = await db().rollup1h.aggregate({ where: { seriesId: { in: total } }, _min: { hour: true } });
      return first._min.hour === null ? null : new Date(first._min.hour * HOUR_MS);
    },
  };
}

/** The `le` boundaries a latency SLI's histogram has, ascending; empty while no data arrived. */
export async function bucketBoundaries(histogram: string, matchers: Record<string, string>): Promise<string[]> {
  const rows = await db().series.findMany({ where: { metric: `${histogram}_bucket` }, select: { labels: true } });
  const les = new Set<string>();
  for (const row of rows) {
    const { le, ...rest } = JSON.parse(row.labels) as Record<string, string>;
    if (le !== undefined && Object.entries(matchers).every(([k, v]) => (rest[k] ?? "") === v)) les.add(le);
  }
  return [...les].sort((a, b) => Number(a) - Number(b));
}
