import "server-only";
import type { Interval } from "@/lib/domain/slo-math";
import type { Selector, Sli, SloDefinition } from "@/lib/schemas/slo";
import { sliSelectors, type WindowCounts } from "../datasources/embedded";
import { prometheusGroupedCounts } from "../datasources/prometheus-groups";
import type { DataSourceConfig } from "../repos/datasources";
import { listSeriesLabels } from "../repos/series";

/** At most this many groups per SLO are evaluated; the rest are counted, not shown. */
export const MAX_GROUPS = 50;

const narrow = (selector: Selector, labels: Record<string, string>): Selector => ({ ...selector, matchers: { ...selector.matchers, ...labels } });
const narrowOptional = (selector: Selector | undefined, labels: Record<string, string>) => selector && narrow(selector, labels);

/** The SLI restricted to one group: its label values added to every selector's matchers. */
export function groupSli(sli: Sli, labels: Record<string, string>): Sli {
  switch (sli.kind) {
    case "ratio":
      return { ...sli, good: narrowOptional(sli.good, labels), bad: narrowOptional(sli.bad, labels), total: narrow(sli.total, labels) };
    case "latency":
      return { ...sli, matchers: { ...sli.matchers, ...labels } };
    case "timeslice": {
      const i = sli.indicator;
      return {
        ...sli,
        indicator: i.type === "gauge"
          ? { ...i, matchers: { ...i.matchers, ...labels } }
          : { ...i, good: narrowOptional(i.good, labels), bad: narrowOptional(i.bad, labels), total: narrow(i.total, labels) },
      };
    }
  }
}

/** `route="/a", code="2xx"`: how a group is named in tiers, alerts and events. */
export const groupKey = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(", ");

/**
 * The groups an SLO fans out to: every combination of its groupBy labels' values among the series
 * its total selector matches (a series without one of the labels is the group with ""), sorted.
 */
export async function groupsOf(slo: SloDefinition): Promise<{ groups: Record<string, string>[]; truncated: number }> {
  const total = sliSelectors(slo.sli).total;
  const seen = new Map<string, Record<string, string>>();
  for (const labels of await listSeriesLabels(total.metric)) {
    if (!Object.entries(total.matchers).every(([k, v]) => (labels[k] ?? "") === v)) continue;
    const group = Object.fromEntries(slo.groupBy.map((name) => [name, labels[name] ?? ""]));
    seen.set(groupKey(group), group);
  }
  return capped([...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g));
}

const capped = (sorted: Record<string, string>[]) => ({ groups: sorted.slice(0, MAX_GROUPS), truncated: Math.max(0, sorted.length - MAX_GROUPS) });

type CountSource = { counts(interval: Interval): Promise<WindowCounts>; historyStart(): Promise<Date | null> };

/**
 * A Prometheus SLO's groups, each with a source answering its counts: every interval is one
 * `sum by (groupBy) (increase(…))` query per selector shared by all groups. The groups are those
 * whose total series have samples in the window (Prometheus forgets series that stopped).
 */
export async function prometheusGroups(slo: SloDefinition, ds: DataSourceConfig, window: Interval) {
  const grouped = prometheusGroupedCounts(ds, slo.sli, slo.groupBy, groupKey);
  const { groups, truncated } = capped(await grouped.groups(window));
  return { groups: groups.map((labels) => ({ labels, source: grouped.sourceOf(labels) as CountSource })), truncated };
}
