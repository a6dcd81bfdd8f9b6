import "server-only";
import { HOUR_MS, type Interval } from "@/lib/domain/slo-math";
import type { Selector, Sli } from "@/lib/schemas/slo";
import { formatFloat } from "../ingest/decode/otlp-labels";
import { listSeriesLabels } from "../repos/series";
import { historyStartOf, increasesOver, keptIncreases, prepareEmbeddedRead, resolveSelectors, type SliSeries } from "./embedded-counts";


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

/** The ids of the series one selector matches. */
export async function seriesIds(selector: Selector): Promise<number[]> {
  return (await resolveSelectors([{ total: selector }]))[0]!.total;
}

/** The embedded data source: counts from the sample store's rollups, through the rollup cache. */
export function embeddedSource(sli: Sli) {
  const selectors = sliSelectors(sli);
  // Resolved once per evaluation, on first use: every window of one SLO asks about the same series,
  // after every acknowledged sample is in the rollups (a failure there makes the figures stale).
  let resolved: Promise<SliSeries> | undefined;
  const ids = () => (resolved ??= prepareEmbeddedRead().then(async () => (await resolveSelectors([selectors]))[0]!));
  return {
    async counts(interval: Interval): Promise<WindowCounts> {
      return (await this.countsMany([interval]))[0]!;
    },
    /** Several intervals with one await where the sums are kept (the warm list), else as counts. */
    async countsMany(intervals: readonly Interval[]): Promise<WindowCounts[]> {
      const { good, bad, total } = await ids();
      const sets = [total, good ?? bad ?? []];
      const toCounts = ([valid, other]: number[]) => ({ good: good ? other! : valid! - other!, valid: valid! });
      const kept = intervals.map((interval) => keptIncreases(sets, interval));
      if (kept.every((k) => k !== null)) return kept.map((k) => toCounts(k!));
      return Promise.all(intervals.map(async (interval, i) => toCounts(kept[i] ?? (await increasesOver(sets, interval)))));
    },
    /** When the SLI's data begins: the first hour any of its total series has data. */
    async historyStart(): Promise<Date | null> {
      const { total } = await ids();
      const first = await historyStartOf(total);
      return first === null ? null : new Date(first * HOUR_MS);
    },
  };
}

/** The `le` boundaries a latency SLI's histogram has, ascending; empty while no data arrived. */
export async function bucketBoundaries(histogram: string, matchers: Record<string, string>): Promise<string[]> {
  const les = new Set<string>();
  for (const labels of await listSeriesLabels(`${histogram}_bucket`)) {
    const { le, ...rest } = labels;
    if (le !== undefined && Object.entries(matchers).every(([k, v]) => (rest[k] ?? "") === v)) les.add(le);
  }
  return [...les].sort((a, b) => Number(a) - Number(b));
}
