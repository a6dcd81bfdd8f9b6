import "server-only";
import { type RollupSegment, rollupSegments, segmentKey } from "@/lib/domain/rollup-segments";
import { HOUR_MS, type Interval, MINUTE_MS } from "@/lib/domain/slo-math";
import type { Selector } from "@/lib/schemas/slo";
import { applyAcknowledgedSamples } from "../ingest/store";
import { sumIncreaseByBlock } from "../repos/rollup-sums";
import { type Cut, ensureSums, firstHours, idsOfSelectors, keptTotals, refreshRollupCache, segmentSums } from "./rollup-cache";

// Counts for the embedded source, read through the rollup cache: one evaluation, or a whole list
// of SLOs at once, costs a handful of scans for the segments not yet summed.

/** The series of one SLI's selectors: good or bad (either may be absent) and total. */
export type SliSeries = { good?: number[]; bad?: number[]; total: number[] };
export type SliSelectors = { good?: Selector; bad?: Selector; total: Selector };

/** Makes every acknowledged sample visible and drops the sums it may change. */
export async function prepareEmbeddedRead(): Promise<void> {
  await applyAcknowledgedSamples();
  refreshRollupCache();
}

/** Series ids per selector, for many SLIs at once. */
export async function resolveSelectors(list: readonly SliSelectors[]): Promise<SliSeries[]> {
  const selectors = list.flatMap((s) => [s.good, s.bad, s.total].filter((x): x is Selector => x !== undefined));
  const resolved = await idsOfSelectors(selectors);
  let next = 0;
  return list.map((s) => {
    const good = s.good && resolved[next++];
    const bad = s.bad && resolved[next++];
    return { good, bad, total: resolved[next++]! };
  });
}

/**
 * The sum of counter increases over [start, end) for each set of series: the same rows as a sum
 * of the minute rows at the edges and the hour rows inside (lib/domain/rollup-segments.ts).
 */
export async function increasesOver(idSets: readonly (readonly number[])[], interval: Interval): Promise<number[]> {
  const cut = segmentsOf(interval);
  const { segments, keys } = cut;
  const kept = keptTotals(idSets, cut);
  if (kept) return kept;
  const sums = await segmentSums([...new Set(idSets.flat())], segments);
  return idSets.map((ids) => {
    let total = 0;
    for (const key of keys) {
      const bySeries = sums.get(key)!;
      for (const id of ids) total += bySeries.get(id) ?? 0;
    }
    return total;
  });
}

/** increasesOver from the kept sums alone, without waiting; null when one is not kept. */
export const keptIncreases = (idSets: readonly (readonly number[])[], interval: Interval): number[] | null => keptTotals(idSets, segmentsOf(interval));

// A list evaluates every SLO over the same few intervals; cutting each once is enough.
const recentCuts = new Map<string, Cut>();
function segmentsOf(interval: Interval): Cut {
  const key = `${interval.start.getTime()}:${interval.end.getTime()}`;
  let cut = recentCuts.get(key);
  if (!cut) {
    if (recentCuts.size >= 64) recentCuts.delete(recentCuts.keys().next().value!);
    const segments = rollupSegments(interval);
    recentCuts.set(key, (cut = { segments, keys: segments.map(segmentKey) }));
  }
  return cut;
}

/** Sums every segment these SLIs' intervals need in as few scans as possible, for the reads that follow. */
export async function prefetchIncreases(items: readonly { series: SliSeries; intervals: readonly Interval[] }[]): Promise<void> {
  // One pass with the union of series over the union of segments: the burn-rate windows of every
  // SLO end at the same `now` and most windows are alike, and the cache keeps sums per series,
  // so asking for a few extra costs less than more scans.
  const ids = new Set<number>();
  const segments = new Map<string, RollupSegment>();
  const seenIntervals = new Set<string>();
  for (const { series, intervals } of items) {
    for (const id of series.total) ids.add(id);
    for (const id of series.good ?? series.bad ?? []) ids.add(id);
    for (const interval of intervals) {
      const key = `${interval.start.getTime()}:${interval.end.getTime()}`;
      if (seenIntervals.has(key)) continue;
      seenIntervals.add(key);
      const cut = segmentsOf(interval);
      cut.segments.forEach((segment, i) => segments.set(cut.keys[i]!, segment));
    }
  }
  await ensureSums([...ids], [...segments.values()]);
  await firstHours(items.flatMap((i) => i.series.total));
}

/** When the data of these series begins: the first hour any of them has data, or null. */
export async function historyStartOf(ids: readonly number[]): Promise<number | null> {
  if (ids.length === 0) return null;
  const first = await firstHours(ids);
  let min: number | null = null;
  for (const hour of first.values()) if (hour !== null && (min === null || hour < min)) min = hour;
  return min;
}

/**
 * Per step between consecutive boundaries, the increase of each set of series. Inner boundaries
 * are multiples of stepMs (lib/domain/budget-series.ts), so the inner steps are whole blocks of
 * hours or minutes summed in one scan; the partial steps at the ends go through the cache.
 */
export async function stepIncreases(idSets: readonly (readonly number[])[], boundaries: readonly number[], stepMs: number): Promise<number[][]> {
  const steps = boundaries.length - 1;
  const out = idSets.map(() => new Array<number>(Math.max(0, steps)).fill(0));
  if (steps <= 0) return out;
  const interval = (i: number) => ({ start: new Date(boundaries[i]!), end: new Date(boundaries[i + 1]!) });
  const edges = steps === 1 ? [0] : [0, steps - 1];
  for (const i of edges) (await increasesOver(idSets, interval(i))).forEach((v, k) => (out[k]![i] = v));
  if (steps <= 2) return out;
  const unit = stepMs % HOUR_MS === 0 ? HOUR_MS : MINUTE_MS;
  const size = stepMs / unit;
  const from = boundaries[1]! / unit;
  const rows = await sumIncreaseByBlock(unit === HOUR_MS ? "hours" : "minutes", [...new Set(idSets.flat())], from, boundaries[steps - 1]! / unit, size);
  const byId = new Map<number, { block: number; total: number }[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  idSets.forEach((ids, k) => {
    for (const id of ids) {
      for (const { block, total } of byId.get(id) ?? []) {
        const i = 1 + block - from / size;
        out[k]![i] = out[k]![i]! + total;
      }
    }
  });
  return out;
}
