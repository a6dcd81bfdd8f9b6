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

/**
 * Adds a sample to a series' cells, which are in bucket order: a series' accepted samples only
 * move forward in time, so the sample's bucket is the last cell's or a later one.
 */
function addTo(cells: RollupCell[], bucket: number, value: number, delta: number | null): void {
  const cell = cells.length > 0 ? cells[cells.length - 1]! : undefined;
  if (cell === undefined || cell.bucket !== bucket) {
    cells.push(cellOf(bucket, value, delta));
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

/** A series being rolled up: its newest accepted sample and the cells its samples made so far. */
export type RollingSeries = { last: SeriesState; minutes: RollupCell[]; hours: RollupCell[] };

/**
 * Folds one sample into a series: null when it is taken (the state moves on and its cells grow),
 * or why it is dropped (nothing changes). Every rollup path comes down to this.
 */
export function rollSample(series: RollingSeries, sample: CounterSample): Exclude<DropReason, "negative"> | null {
  const step = nextIncrease(series.last, sample, { since: sample.t - FIRST_SAMPLE_START_TOLERANCE_MS });
  if (step.dropped && step.dropped !== "negative") return step.dropped;
  series.last = stateAfter(step, sample);
  addTo(series.minutes, Math.floor(sample.t / MINUTE_MS), sample.v, step.delta);
  addTo(series.hours, Math.floor(sample.t / HOUR_MS), sample.v, step.delta);
  return null;
}

const byTime = (a: CounterSample, b: CounterSample) => a.t - b.t;

/**
 * Folds a batch of one series' samples into it, in time order (a batch's own disorder is
 * forgiven), and returns how many were taken. For a caller that keeps a series' cells across
 * batches until it writes them (the SQLite applier): its cells stay in bucket order, and a cell
 * continued by a later batch is summed in place, exactly as the stored rollup's upsert sums it.
 */
export function rollInto(series: RollingSeries, samples: readonly CounterSample[]): number {
  if (samples.length === 1) return rollSample(series, samples[0]!) === null ? 1 : 0;
  let accepted = 0;
  for (const sample of [...samples].sort(byTime)) if (rollSample(series, sample) === null) accepted++;
  return accepted;
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
  const result: SeriesRollup = { minutes: [], hours: [], last, accepted: 0, dropped: {} };
  for (const sample of [...samples].sort(byTime)) {
    const dropped = rollSample(result, sample);
    if (dropped) result.dropped[dropped] = (result.dropped[dropped] ?? 0) + 1;
    else result.accepted += 1;
  }
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

/** rollupSeries for one sample, the shape a remote-write shard sends every scrape: without the copy and sort. */
function rollupOne(last: SeriesState, sample: CounterSample): SeriesRollup {
  const result: SeriesRollup = { minutes: [], hours: [], last, accepted: 0, dropped: {} };
  const dropped = rollSample(result, sample);
  if (dropped) result.dropped[dropped] = 1;
  else result.accepted = 1;
  return result;
}
