import "server-only";
import type { Interval } from "@/lib/domain/slo-math";
import type { Selector, Sli } from "@/lib/schemas/slo";
import type { DataSourceConfig } from "../repos/datasources";
import { sliSelectors, type WindowCounts } from "./embedded";
import { prometheusQuery, promSelector } from "./prometheus";

/** Seconds as PromQL writes a range: whole seconds, at least one (as the ungrouped queries do). */
const range = (interval: Interval) => `${Math.max(1, Math.round((interval.end.getTime() - interval.start.getTime()) / 1000))}s`;

/** `sum by (route) (increase(selector[w]))`: one query answers every group of one selector. */
export const groupedIncreaseQuery = (selector: Selector, by: readonly string[], interval: Interval) =>
  `sum by (${by.join(", ")}) (increase(${promSelector(selector)}[${range(interval)}]))`;

/** A group's labels, in groupBy order; a series without one of them is the group with "". */
const groupOf = (metric: Record<string, string> | undefined, by: readonly string[]) => Object.fromEntries(by.map((name) => [name, metric?.[name] ?? ""]));

type GroupCounts = Map<string, { labels: Record<string, string>; good: number; valid: number; counted: boolean }>;

/**
 * A grouped SLI on a Prometheus source: each interval is asked once per selector with
 * `sum by (groupBy)`, for all groups at once, and kept for the evaluation that asked, so 50
 * groups cost the queries of one SLO. `keyOf` names a group as the embedded grouping does.
 */
export function prometheusGroupedCounts(ds: DataSourceConfig, sli: Sli, by: readonly string[], keyOf: (labels: Record<string, string>) => string) {
  const selectors = sliSelectors(sli);
  const asked = new Map<string, Promise<GroupCounts>>();
  const ask = async (interval: Interval): Promise<GroupCounts> => {
    const at = String(interval.end.getTime() / 1000);
    const one = (selector: Selector | undefined) =>
      selector ? prometheusQuery(ds, "query", { query: groupedIncreaseQuery(selector, by, interval), time: at }).then((d) => d.result) : Promise.resolve(null);
    const [valid, good, bad] = await Promise.all([one(selectors.total), one(selectors.good), one(selectors.bad)]);
    const out: GroupCounts = new Map();
    const entry = (metric: Record<string, string> | undefined) => {
      const labels = groupOf(metric, by);
      const key = keyOf(labels);
      return out.get(key) ?? out.set(key, { labels, good: 0, valid: 0, counted: false }).get(key)!;
    };
    const value = (v: [number, string] | undefined) => Number(v?.[1] ?? 0);
    for (const r of valid ?? []) Object.assign(entry(r.metric), { counted: true }).valid += value(r.value);
    // good = total − bad for a bad-events SLI, per group; groups with no bad series lose nothing.
    for (const e of out.values()) e.good = good ? 0 : e.valid;
    for (const r of good ?? []) entry(r.metric).good += value(r.value);
    for (const r of bad ?? []) entry(r.metric).good -= value(r.value);
    return out;
  };
  const countsOf = (interval: Interval) => {
    const key = `${interval.start.getTime()}-${interval.end.getTime()}`;
    return asked.get(key) ?? asked.set(key, ask(interval)).get(key)!;
  };
  return {
    /** The groups whose total series have samples in the interval (the SLO's window), sorted by key. */
    async groups(window: Interval): Promise<Record<string, string>[]> {
      const counted = [...(await countsOf(window)).entries()].filter(([, g]) => g.counted);
      return counted.sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g.labels);
    },
    /** One group's counts, as a data source: its events in every interval it is asked about. */
    sourceOf(labels: Record<string, string>) {
      const key = keyOf(labels);
      return {
        async counts(interval: Interval): Promise<WindowCounts> {
          const g = (await countsOf(interval)).get(key);
          return { good: g?.good ?? 0, valid: g?.valid ?? 0 };
        },
        async historyStart(): Promise<Date | null> {
          return null; // Prometheus keeps its own retention, as for the ungrouped source
        },
      };
    },
  };
}
