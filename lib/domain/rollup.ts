// Folds one series' new samples into per-minute and per-hour cells, given the last sample stored
// for it. Both the counter increase and the gauge statistics are kept for every series, so
// ingest never has to know a series' type (architecture.md "Sample store").
import { type CounterSample, type CounterState, type DropReason, type IncreaseStep, nextIncrease } from "./counter-increase";
import { HOUR_MS, MINUTE_MS } from "./slo-math";

export type RollupCell = {
  /** Minutes (or hours) since the Unix epoch. */
  bucket: number;
  increase: number;
  deltas: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
};

/** What a series keeps between batches: its newest accepted sample. */
export type SeriesState = CounterState | null;

export type SeriesRollup = {
  minutes: RollupCell[];
  hours: RollupCell[];
  last: SeriesState;
  accepted: number;
  dropped: Partial<Record<Exclude<DropReason, "negative">, number>>;
};

/**
 * A series seen for the first time counts its value as an increase only if it started counting
 * at most this long before the sample (an OTLP start time, say after a process restart); an
 * older start would dump hours of history into one minute.
 */
export const FIRST_SAMPLE_START_TOLERANCE_MS = 5 * MINUTE_MS;

const cellOf = (bucket: number, value: number, delta: number | null): RollupCell => ({
  bucket,
  increase: delta ?? 0,
  deltas: delta === null ? 0 : 1,
  count: 1,
  sum: value,
  min: value,
  max: value,
  last: value,
});

function addTo(cells: Map<number, RollupCell>, bucket: number, value: number, delta: number | null): void {
  const cell = cells.get(bucket);
  if (!cell) {
    cells.set(bucket, cellOf(bucket, value, delta));
    return;
  }
  if (delta !== null) {
    cell.increase += delta;
    cell.deltas += 1;
  }
  cell.count += 1;
  cell.sum += value;
  cell.min = Math.min(cell.min, value);
  cell.max = Math.max(cell.max, value);
  cell.last = value;
}

/**
 * Samples are taken in time order (a batch's own disorder is forgiven); one at or before the
 * stored last sample is a duplicate or out of order and changes nothing, which is what makes a
 * retried batch idempotent.
 */
export function rollupSeries(last: SeriesState, samples: readonly CounterSample[]): SeriesRollup {
  return samples.length === 1 ? rollupOne(last, samples[0]!) : rollupSamples(last, samples);
}

/** The general path of rollupSeries, for any number of samples (exported for the fast path's test). */
export function rollupSamples(last: SeriesState, samples: readonly CounterSample[]): SeriesRollup {
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const minutes = new Map<number, RollupCell>();
  const hours = new Map<number, RollupCell>();
  const result: SeriesRollup = { minutes: [], hours: [], last, accepted: 0, dropped: {} };
  for (const sample of sorted) {
    const step = nextIncrease(result.last, sample, { since: sample.t - FIRST_SAMPLE_START_TOLERANCE_MS });
    if (step.dropped && step.dropped !== "negative") {
      result.dropped[step.dropped] = (result.dropped[step.dropped] ?? 0) + 1;
      continue;
    }
    result.last = stateAfter(step, sample);
    result.accepted += 1;
    addTo(minutes, Math.floor(sample.t / MINUTE_MS), sample.v, step.delta);
    addTo(hours, Math.floor(sample.t / HOUR_MS), sample.v, step.delta);
  }
  result.minutes = [...minutes.values()];
  result.hours = [...hours.values()];
  return result;
}


/** rollupSeries' verdict without the cells: what ingest must know before it acknowledges. */
export type SeriesVerdict = Pick<SeriesRollup, "last" | "accepted" | "dropped">;

/**
 * What rollupSeries would accept, drop and keep as the series' state, without building cells: the
 * request thread judges with this and the applier, later, rolls the same samples up.
 */
export function judgeSeries(last: SeriesState, samples: readonly CounterSample[]): SeriesVerdict {
  if (samples.length !== 1) return rollupSamples(last, samples);
  const sample = samples[0]!;
  const step = nextIncrease(last, sample, { since: sample.t - FIRST_SAMPLE_START_TOLERANCE_MS });
  if (step.dropped && step.dropped !== "negative") return { last, accepted: 0, dropped: { [step.dropped]: 1 } };
  return { last: stateAfter(step, sample), accepted: 1, dropped: {} };
}

/**
 * judgeSeries for one sample, without allocating a verdict: the series' next state, or why the
 * sample is dropped. Plain samples (a finite value ≥ 0, no start time, no temporality, not stale:
 * what remote write sends) are decided here; the rest as judgeSeries does. Property-tested
 * against rollupSamples with the other paths.
 */
export function judgeOne(last: SeriesState, sample: CounterSample): CounterState | Exclude<DropReason, "negative"> {
  const { t, v } = sample;
  if (sample.isStale || sample.start !== undefined || sample.temporality !== undefined || !(v >= 0) || v === Number.POSITIVE_INFINITY || !Number.isFinite(t)) {
    const verdict = judgeSeries(last, [sample]);
    if (verdict.accepted === 1) return verdict.last!;
    return Object.keys(verdict.dropped)[0] as Exclude<DropReason, "negative">;
  }
  if (last !== null && t < last.t) return "out-of-order";
  if (last !== null && t === last.t) return "duplicate";
  return { t, v };
}

/** A negative value is a valid gauge reading; as a counter it gives no delta, but it is the state. */
function stateAfter(step: IncreaseStep, sample: CounterSample): CounterState {
  if (step.dropped !== "negative") return step.last!;
  return sample.start === undefined ? { t: sample.t, v: sample.v } : { t: sample.t, v: sample.v, start: sample.start };
}

/**
 * rollupSeries for one sample, the shape a remote-write shard sends every scrape: the same
 * result without the copy, sort and bucket maps, which cost more than the sample itself at
 * hundreds of thousands of series a second (test/unit/rollup-fast-path.test.ts checks both agree).
 */
function rollupOne(last: SeriesState, sample: CounterSample): SeriesRollup {
  const step = nextIncrease(last, sample, { since: sample.t - FIRST_SAMPLE_START_TOLERANCE_MS });
  if (step.dropped && step.dropped !== "negative") return { minutes: [], hours: [], last, accepted: 0, dropped: { [step.dropped]: 1 } };
  return {
    minutes: [cellOf(Math.floor(sample.t / MINUTE_MS), sample.v, step.delta)],
    hours: [cellOf(Math.floor(sample.t / HOUR_MS), sample.v, step.delta)],
    last: stateAfter(step, sample),
    accepted: 1,
    dropped: {},
  };
}

/**
 * Folds a later cell of the same series and bucket into an earlier one, exactly as the stored
 * rollup's upsert does, so cells can be summed in memory before they are written. `later` must
 * hold samples after `into`'s (a series' accepted samples only move forward in time).
 */
export function mergeRollupCell(into: RollupCell, later: RollupCell): void {
  into.increase += later.increase;
  into.deltas += later.deltas;
  into.count += later.count;
  into.sum += later.sum;
  into.min = Math.min(into.min, later.min);
  into.max = Math.max(into.max, later.max);
  into.last = later.last;
}
