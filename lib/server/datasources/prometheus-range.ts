import "server-only";
import type { Interval } from "@/lib/domain/slo-math";
import type { Selector, Sli } from "@/lib/schemas/slo";
import type { DataSourceConfig } from "../repos/datasources";
import { sliSelectors } from "./embedded";
import { prometheusQuery, promSelector, prometheusSource } from "./prometheus";

/** Prometheus refuses a range query of more than 11,000 points per series. */
export const PROMETHEUS_MAX_POINTS = 11_000;

/** A step in whole seconds, raised where needed so [start, end] has fewer than 11,000 points. */
export function clampStepSeconds(interval: Interval, stepSeconds: number): number {
  const rangeSeconds = Math.max(0, (interval.end.getTime() - interval.start.getTime()) / 1000);
  // points = floor(range / step) + 1 < 11,000
  return Math.max(1, Math.ceil(stepSeconds), Math.ceil(rangeSeconds / (PROMETHEUS_MAX_POINTS - 2)));
}

/**
 * sum(increase(selector[step])) at every multiple of step in [start, end]: the events of each
 * step ending there. Timestamps without a value had no series with data: no events.
 */
export async function rangeIncreases(ds: DataSourceConfig, selector: Selector, interval: Interval, stepMs: number): Promise<Map<number, number>> {
  const step = clampStepSeconds(interval, stepMs / 1000);
  const data = await prometheusQuery(ds, "query_range", {
    query: `sum(increase(${promSelector(selector)}[${step}s]))`,
    start: String(interval.start.getTime() / 1000),
    end: String(interval.end.getTime() / 1000),
    step: `${step}s`,
  });
  return new Map((data.result[0]?.values ?? []).map(([t, v]) => [Math.round(t * 1000), Number(v)]));
}

/**
 * Per step between consecutive boundaries (inner ones multiples of stepMs), good and valid
 * counts from Prometheus: one range query per selector for the whole steps, instant queries
 * for the partial steps at the ends.
 */
export async function prometheusStepCounts(ds: DataSourceConfig, sli: Sli, boundaries: readonly number[], stepMs: number) {
  const steps = boundaries.length - 1;
  const out = Array.from({ length: Math.max(0, steps) }, () => ({ good: 0, valid: 0 }));
  if (steps <= 0) return out;
  const source = prometheusSource(ds, sli);
  const at = (i: number) => ({ start: new Date(boundaries[i]!), end: new Date(boundaries[i + 1]!) });
  const edges = steps === 1 ? [0] : [0, steps - 1];
  await Promise.all(edges.map(async (i) => (out[i] = await source.counts(at(i)))));
  if (steps <= 2) return out;
  const inner = { start: new Date(boundaries[2]!), end: new Date(boundaries[steps - 1]!) };
  const selectors = sliSelectors(sli);
  const [valid, good, bad] = await Promise.all([
    rangeIncreases(ds, selectors.total, inner, stepMs),
    selectors.good ? rangeIncreases(ds, selectors.good, inner, stepMs) : null,
    selectors.bad ? rangeIncreases(ds, selectors.bad, inner, stepMs) : null,
  ]);
  for (let i = 1; i < steps - 1; i++) {
    const end = boundaries[i + 1]!;
    const v = valid.get(end) ?? 0;
    out[i] = { valid: v, good: good ? (good.get(end) ?? 0) : v - (bad?.get(end) ?? 0) };
  }
  return out;
}
