import "server-only";
import { BLOCK_SIZE, isBlock, type RollupSegment, segmentEndMs, segmentKey } from "@/lib/domain/rollup-segments";
import { HOUR_MS } from "@/lib/domain/slo-math";
import type { Selector } from "@/lib/schemas/slo";
import { env } from "../env";
import { takeChanges } from "../ingest/changes";
import { firstHourBySeries, seriesOfMetrics, sumIncreaseByBlock, sumIncreaseBySeries } from "../repos/rollup-sums";

// Sums of rollup rows per series and segment, kept between evaluations. Every SLO is evaluated
// every minute (the alert job) and windows only move by a minute, so nearly every segment an
// evaluation needs was summed a minute before; only the edges are new. Sums are dropped when
// ingest stores samples that may fall in them (ingest/changes.ts), so a cached sum is the sum the
// database would give. On PostgreSQL other app instances may ingest too, unseen here: a sum is
// then trusted for POSTGRES_TTL_MS at most, which bounds how late such samples show.

const POSTGRES_TTL_MS = 5 * 60_000;
// Segments no evaluation asked for in this long are dropped, so memory follows the windows in use.
const UNUSED_MS = 5 * 60_000;
// Blocks of one table closer than this many blocks are summed in one scan.
const MERGE_GAP_BLOCKS = 3;

type Entry = { segment: RollupSegment; sums: Map<number, number>; computedAt: number; usedAt: number };
type SeriesRow = { id: number; labels: Record<string, string> };

type CacheState = {
  segments: Map<string, Entry>;
  seriesByMetric: Map<string, SeriesRow[]>;
  /** Every series id seen per metric; unlike seriesByMetric it outlives invalidations, which need it. */
  idsOfMetric: Map<string, Set<number>>;
  firstHour: Map<number, number | null>;
  /** Per metric and matchers (JSON), the ids a selector resolves to. */
  idsBySelector: Map<string, Map<string, number[]>>;
  prunedAt: number;
  /** Bumped by every invalidation; sums read before one are used but not kept. */
  generation: number;
  /** Bumped whenever an entry joins or leaves `segments`, so resolved entry lists know they are current. */
  membership: number;
};

const g = globalThis as unknown as { steadystateRollupCache?: CacheState };

function state(): CacheState {
  return (g.steadystateRollupCache ??= emptyState(0));
}

function emptyState(generation: number): CacheState {
  return { segments: new Map(), seriesByMetric: new Map(), idsOfMetric: new Map(), firstHour: new Map(), idsBySelector: new Map(), prunedAt: 0, generation, membership: 0 };
}

/** Applies what ingest changed since the last call; call before reading (after flushing ingest). */
export function refreshRollupCache(now = Date.now()): void {
  const s = state();
  const changes = takeChanges();
  const ttl = env().DATABASE_URL.provider === "postgresql" ? POSTGRES_TTL_MS : Number.POSITIVE_INFINITY;
  if (changes.everything) {
    g.steadystateRollupCache = emptyState(s.generation + 1);
    return;
  }
  // Every evaluation refreshes; sweeping once a second is plenty.
  if (now - s.prunedAt > 1_000) {
    s.prunedAt = now;
    for (const [key, entry] of s.segments) {
      if (now - entry.usedAt > UNUSED_MS || now - entry.computedAt > ttl) {
        s.segments.delete(key);
        s.membership++;
      }
    }
  }
  if (changes.earliestByMetric.size === 0) return;
  s.generation++;
  for (const [metric, earliestMs] of changes.earliestByMetric) {
    const ids = [...(s.idsOfMetric.get(metric) ?? [])];
    s.seriesByMetric.delete(metric); // new series of it may have appeared
    s.idsBySelector.delete(metric);
    // A sample changes its minute and its hour; anything ending after that hour began may hold it.
    const cut = Math.floor(earliestMs / HOUR_MS) * HOUR_MS;
    for (const entry of s.segments.values()) {
      if (segmentEndMs(entry.segment) > cut) for (const id of ids) entry.sums.delete(id);
    }
    for (const id of ids) s.firstHour.delete(id);
  }
}

/** The series of each metric with their labels, read once per metric until it changes. */
export async function seriesOf(metrics: readonly string[]): Promise<Map<string, SeriesRow[]>> {
  const s = state();
  const missing = [...new Set(metrics)].filter((m) => !s.seriesByMetric.has(m));
  if (missing.length > 0) {
    const generation = s.generation;
    const rows = await seriesOfMetrics(missing);
    const fresh = new Map<string, SeriesRow[]>(missing.map((m) => [m, []]));
    for (const row of rows) fresh.get(row.metric)?.push({ id: row.id, labels: JSON.parse(row.labels) as Record<string, string> });
    for (const [metric, list] of fresh) {
      if (s.generation === generation) s.seriesByMetric.set(metric, list);
      let known = s.idsOfMetric.get(metric);
      if (!known) s.idsOfMetric.set(metric, (known = new Set()));
      for (const row of list) known.add(row.id);
    }
    return new Map(metrics.map((m) => [m, s.seriesByMetric.get(m) ?? fresh.get(m) ?? []]));
  }
  return new Map(metrics.map((m) => [m, s.seriesByMetric.get(m) ?? []]));
}

const matches = (labels: Record<string, string>, selector: Selector) =>
  Object.entries(selector.matchers).every(([name, value]) => (labels[name] ?? "") === value);

/** The series ids of each selector: the series of its metric whose labels equal its matchers. */
export async function idsOfSelectors(selectors: readonly Selector[]): Promise<number[][]> {
  const s = state();
  const generation = s.generation;
  const keyOf = (selector: Selector) => JSON.stringify(selector.matchers);
  const result: number[][] = [];
  const missing: number[] = [];
  selectors.forEach((selector, i) => {
    const hit = s.idsBySelector.get(selector.metric)?.get(keyOf(selector));
    if (hit) result[i] = hit;
    else missing.push(i);
  });
  if (missing.length === 0) return result;
  const byMetric = await seriesOf(missing.map((i) => selectors[i]!.metric));
  for (const i of missing) {
    const selector = selectors[i]!;
    const ids = (byMetric.get(selector.metric) ?? []).filter((row) => matches(row.labels, selector)).map((row) => row.id);
    result[i] = ids;
    if (s.generation !== generation) continue;
    let known = s.idsBySelector.get(selector.metric);
    if (!known) s.idsBySelector.set(selector.metric, (known = new Map()));
    known.set(keyOf(selector), ids);
  }
  return result;
}

/**
 * Totals of each set of series over the segments (keys), from memory alone; null as soon as one
 * sum is not kept. The common case for a list, so it allocates nothing per segment.
 */
export function keptTotals(idSets: readonly (readonly number[])[], cut: Cut, now = Date.now()): number[] | null {
  const entries = keptEntries(cut, now);
  if (!entries) return null;
  const totals = idSets.map(() => 0);
  for (const entry of entries) {
    for (let k = 0; k < idSets.length; k++) {
      for (const id of idSets[k]!) {
        const v = entry.sums.get(id);
        if (v === undefined) return null;
        totals[k]! += v;
      }
    }
  }
  return totals;
}

/** An interval cut into segments; the entries its keys resolve to are remembered on it. */
export type Cut = { segments: RollupSegment[]; keys: string[]; resolved?: { state: CacheState; membership: number; entries: Entry[]; touchedAt: number } };

/**
 * The kept entries of a cut's segments, or null when one is missing. Every SLO of a list asks
 * about the same few cuts, so the keys are looked up once per cut while the kept set is unchanged,
 * and entries are marked used at most once a second.
 */
function keptEntries(cut: Cut, now: number): Entry[] | null {
  const s = state();
  const r = cut.resolved;
  if (r && r.state === s && r.membership === s.membership) {
    if (now - r.touchedAt > 1_000) {
      for (const entry of r.entries) entry.usedAt = now;
      r.touchedAt = now;
    }
    return r.entries;
  }
  const entries: Entry[] = [];
  for (const key of cut.keys) {
    const entry = s.segments.get(key);
    if (!entry) return null;
    entry.usedAt = now;
    entries.push(entry);
  }
  cut.resolved = { state: s, membership: s.membership, entries, touchedAt: now };
  return entries;
}

/**
 * Per segment, the sum of increases of each of these series: from memory where kept, else from
 * one scan per run of segments. Only the asked ids are copied out, since a list evaluates
 * thousands of SLOs against sums kept for thousands of series.
 */
export async function segmentSums(ids: readonly number[], segments: readonly RollupSegment[], now = Date.now()): Promise<Map<string, Map<number, number>>> {
  const s = state();
  const generation = s.generation;
  const out = new Map<string, Map<number, number>>();
  const missing: { segment: RollupSegment; ids: number[] }[] = [];
  for (const segment of segments) {
    const key = segmentKey(segment);
    if (out.has(key)) continue;
    const entry = s.segments.get(key);
    if (entry) entry.usedAt = now;
    const sums = new Map<number, number>();
    const lacking: number[] = [];
    for (const id of ids) {
      const v = entry?.sums.get(id);
      if (v === undefined) lacking.push(id);
      else sums.set(id, v);
    }
    out.set(key, sums);
    if (lacking.length > 0) missing.push({ segment, ids: lacking });
  }
  if (missing.length === 0) return out;
  await loadInto(out, missing);
  if (s.generation === generation) {
    for (const { segment, ids: loaded } of missing) {
      const key = segmentKey(segment);
      const sums = out.get(key)!;
      let entry = s.segments.get(key);
      if (!entry) {
        s.segments.set(key, (entry = { segment, sums: new Map(), computedAt: now, usedAt: now }));
        s.membership++;
      }
      for (const id of loaded) entry.sums.set(id, sums.get(id)!);
    }
  }
  return out;
}

/** Makes sure every sum of these series over these segments is kept, reading only what is not. */
export async function ensureSums(ids: readonly number[], segments: readonly RollupSegment[], now = Date.now()): Promise<void> {
  const s = state();
  const lacking = new Set<number>();
  const lackingSegments: RollupSegment[] = [];
  for (const segment of segments) {
    const entry = s.segments.get(segmentKey(segment));
    if (entry) entry.usedAt = now;
    let complete = true;
    for (const id of ids) {
      if (entry?.sums.has(id)) continue;
      lacking.add(id);
      complete = false;
    }
    if (!complete) lackingSegments.push(segment);
  }
  if (lackingSegments.length > 0) await segmentSums([...lacking], lackingSegments, now);
}

async function loadInto(out: Map<string, Map<number, number>>, missing: { segment: RollupSegment; ids: number[] }[]): Promise<void> {
  const edges = missing.filter((m) => !isBlock(m.segment));
  const blocks = missing.filter((m) => isBlock(m.segment));
  const jobs: Promise<void>[] = edges.map(async ({ segment, ids }) => {
    const sums = await sumIncreaseBySeries(segment.table, ids, segment.from, segment.to);
    const target = out.get(segmentKey(segment))!;
    for (const id of ids) target.set(id, sums.get(id) ?? 0);
  });
  for (const run of blockRuns(blocks)) {
    jobs.push(
      (async () => {
        const { table } = run[0]!.segment;
        const size = BLOCK_SIZE[table];
        const ids = [...new Set(run.flatMap((m) => m.ids))];
        const rows = await sumIncreaseByBlock(table, ids, run[0]!.segment.from, run[run.length - 1]!.segment.to, size);
        const byBlock = new Map<string, number>(rows.map((r) => [`${r.id}:${r.block}`, r.total]));
        for (const { segment, ids: wanted } of run) {
          const target = out.get(segmentKey(segment))!;
          for (const id of wanted) target.set(id, byBlock.get(`${id}:${segment.from / size}`) ?? 0);
        }
      })(),
    );
  }
  await Promise.all(jobs);
}

/** Missing blocks of one table grouped into runs with small gaps, each summed in one scan. */
function blockRuns(blocks: { segment: RollupSegment; ids: number[] }[]) {
  const runs: { segment: RollupSegment; ids: number[] }[][] = [];
  for (const table of ["minutes", "hours"] as const) {
    const sorted = blocks.filter((b) => b.segment.table === table).sort((a, b) => a.segment.from - b.segment.from);
    let run: typeof sorted = [];
    for (const block of sorted) {
      const last = run[run.length - 1];
      if (last && block.segment.from - last.segment.to > MERGE_GAP_BLOCKS * BLOCK_SIZE[table]) {
        runs.push(run);
        run = [];
      }
      run.push(block);
    }
    if (run.length > 0) runs.push(run);
  }
  return runs;
}

/** Per series, its first hour with data, or null when it has none. */
export async function firstHours(ids: readonly number[]): Promise<Map<number, number | null>> {
  const s = state();
  const generation = s.generation;
  const missing = ids.filter((id) => !s.firstHour.has(id));
  const fresh = missing.length > 0 ? await firstHourBySeries(missing) : new Map<number, number>();
  if (s.generation === generation) for (const id of missing) s.firstHour.set(id, fresh.get(id) ?? null);
  return new Map(ids.map((id) => [id, s.firstHour.has(id) ? s.firstHour.get(id)! : (fresh.get(id) ?? null)]));
}
