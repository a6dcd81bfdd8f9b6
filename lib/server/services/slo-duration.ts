import "server-only";
import { seriesBoundaries } from "@/lib/domain/budget-series";
import { histogramQuantile, parseLe } from "@/lib/domain/histogram-quantile";
import { EMBEDDED } from "@/lib/schemas/datasource";
import type { SloDefinition } from "@/lib/schemas/slo";
import { prepareEmbeddedRead, stepIncreases } from "../datasources/embedded-counts";
import { promSelector, prometheusQuery } from "../datasources/prometheus";
import { clampStepSeconds } from "../datasources/prometheus-range";
import { seriesOf } from "../datasources/rollup-cache";
import { AppError } from "../errors";
import { findDataSourceByName } from "../repos/datasources";
import { listBucketMetrics } from "../repos/histograms";

// The D of RED: latency quantiles per chart step, estimated from a histogram's buckets as
// Prometheus' histogram_quantile() does. A latency SLI names its histogram; for a ratio SLI the
// histogram of the same service is used if the store has one (same labels as the SLI's total).

export const QUANTILES = [0.5, 0.9, 0.99] as const;

type Histogram = { metric: string; matchers: Record<string, string>; source: "sli" | "same-service"; threshold: number | null };
export type DurationPoint = { at: string; count: number; p50: number | null; p90: number | null; p99: number | null };
export type Duration = (Histogram & { points: DurationPoint[]; hint: null }) | { metric: null; hint: string; points: null };

const matches = (labels: Record<string, string>, matchers: Record<string, string>) => Object.entries(matchers).every(([k, v]) => (labels[k] ?? "") === v);
const selectorText = (matchers: Record<string, string>) => Object.entries(matchers).map(([k, v]) => `${k}="${v}"`).join(",");

function hintFor(slo: SloDefinition): string {
  const labels = slo.sli.kind === "ratio" ? selectorText(slo.sli.total.matchers) : "";
  return `No latency histogram for this service. Send one with the same labels as the SLI (e.g. http_request_duration_seconds_bucket{${labels}${labels ? "," : ""}le="0.1"} …, with a le="+Inf" bucket) and p50/p90/p99 appear here.`;
}

/** The histogram an SLO's duration panel reads, or null when there is none. */
async function histogramOf(slo: SloDefinition): Promise<Histogram | null> {
  const { sli } = slo;
  if (sli.kind === "latency") return { metric: sli.histogram, matchers: sli.matchers, source: "sli", threshold: sli.threshold };
  if (sli.kind !== "ratio" || slo.dataSource !== EMBEDDED) return null;
  const matchers = sli.total.matchers;
  // Without labels to match, any histogram would do: none is said to be this service's.
  if (Object.keys(matchers).length === 0) return null;
  const metrics = await listBucketMetrics();
  // Durations first: a service may also have size histograms.
  const ordered = [...metrics.filter((m) => /duration|latency/.test(m)), ...metrics.filter((m) => !/duration|latency/.test(m))];
  const series = await seriesOf(ordered);
  const found = ordered.find((m) => (series.get(m) ?? []).some((row) => matches(row.labels, matchers)));
  return found ? { metric: found.replace(/_bucket$/, ""), matchers, source: "same-service", threshold: null } : null;
}

function quantilesOf(at: number, buckets: { le: number; count: number }[]): DurationPoint {
  const [p50, p90, p99] = QUANTILES.map((q) => histogramQuantile(q, buckets));
  const inf = buckets.find((b) => b.le === Number.POSITIVE_INFINITY);
  return { at: new Date(at).toISOString(), count: inf?.count ?? 0, p50: p50 ?? null, p90: p90 ?? null, p99: p99 ?? null };
}

/** Bucket increases per chart step (the step ending at each point), by `le`. */
async function embeddedBuckets(h: Histogram, at: readonly number[], stepMs: number): Promise<Map<number, number[]>> {
  await prepareEmbeddedRead();
  const metric = `${h.metric}_bucket`;
  const byLe = new Map<number, number[]>();
  for (const row of (await seriesOf([metric])).get(metric) ?? []) {
    const { le, ...rest } = row.labels;
    const bound = le === undefined ? null : parseLe(le);
    if (bound === null || !matches(rest, h.matchers)) continue;
    byLe.set(bound, [...(byLe.get(bound) ?? []), row.id]);
  }
  const les = [...byLe.keys()];
  const boundaries = seriesBoundaries({ start: new Date(at[0]! - stepMs), end: new Date(at[at.length - 1]!) }, stepMs);
  const increases = await stepIncreases(les.map((le) => byLe.get(le)!), boundaries, stepMs);
  return new Map(les.map((le, j) => [le, increases[j]!]));
}

async function prometheusBuckets(slo: SloDefinition, h: Histogram, at: readonly number[], stepMs: number): Promise<Map<number, number[]>> {
  const ds = await findDataSourceByName(slo.dataSource);
  if (!ds) throw new AppError("UNAVAILABLE", `data source "${slo.dataSource}" no longer exists`);
  const interval = { start: new Date(at[0]!), end: new Date(at[at.length - 1]!) };
  const step = clampStepSeconds(interval, stepMs / 1000);
  const data = await prometheusQuery(ds, "query_range", {
    query: `sum by (le) (increase(${promSelector({ metric: `${h.metric}_bucket`, matchers: h.matchers })}[${step}s]))`,
    start: String(interval.start.getTime() / 1000),
    end: String(interval.end.getTime() / 1000),
    step: `${step}s`,
  });
  const index = new Map(at.map((t, k) => [t, k]));
  const out = new Map<number, number[]>();
  for (const series of data.result) {
    const le = parseLe(series.metric?.le ?? "");
    if (le === null) continue;
    const values = new Array<number>(at.length).fill(0);
    for (const [t, v] of series.values ?? []) {
      const k = index.get(Math.round(t * 1000));
      if (k !== undefined) values[k] = Number(v);
    }
    out.set(le, values);
  }
  return out;
}

/** p50/p90/p99 per chart step, or a hint saying what to send when there is no histogram. */
export async function durationOf(slo: SloDefinition, at: readonly number[], stepMs: number): Promise<Duration> {
  const h = await histogramOf(slo);
  if (!h) {
    const hint = slo.dataSource !== EMBEDDED && slo.sli.kind === "ratio"
      ? "Latency quantiles are drawn for latency SLIs on a Prometheus data source; define a latency SLO on this service's histogram to see them."
      : hintFor(slo);
    return { metric: null, hint, points: null };
  }
  if (at.length === 0) return { ...h, points: [], hint: null };
  const byLe = slo.dataSource === EMBEDDED ? await embeddedBuckets(h, at, stepMs) : await prometheusBuckets(slo, h, at, stepMs);
  const points = at.map((t, k) => quantilesOf(t, [...byLe].map(([le, counts]) => ({ le, count: counts[k] ?? 0 }))));
  return { ...h, points, hint: null };
}
