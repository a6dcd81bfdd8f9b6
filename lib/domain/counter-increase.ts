// Counter increases (slo-math.md "Counter increases"): how event counts come from cumulative
// counters that can reset. Built step by step so ingest can keep `last` per series between batches.
//
// Unlike Prometheus increase(), nothing is extrapolated to the window edges and nothing is spread
// over a gap: each delta lands whole in the bucket of the later sample, so totals can differ
// slightly from Prometheus, and every one of ours can be traced to two samples.

/** Why a sample gave no delta. "negative" is ours: a counter below 0 is broken data, not a reset. */
export type DropReason = "nan" | "stale" | "out-of-order" | "duplicate" | "negative";

export type CounterSample = {
  /** Sample time, ms since the epoch. */
  t: number;
  v: number;
  /** When the counter started counting, ms: OTLP startTimeUnixNano / 1e6, or a `_created` series. */
  start?: number;
  /** OTLP aggregation temporality; Prometheus counters are cumulative. */
  temporality?: "cumulative" | "delta";
  /** The Prometheus stale marker, decided by the decoder from the raw bits (see isStaleMarkerBits). */
  isStale?: boolean;
};

/** What must be kept per series between calls: the last accepted sample. */
export type CounterState = { t: number; v: number; start?: number };

export type IncreaseStep = {
  /** The increase this sample adds, or null: first sample of a series, or dropped. */
  delta: number | null;
  /** The counter restarted (value went down, or the OTLP start time changed); delta is the new value. */
  isReset: boolean;
  dropped?: DropReason;
  /** The state to pass with the next sample; unchanged when the sample is dropped. */
  last: CounterState | null;
};

/** The stale marker's bit pattern. A JS number cannot carry it: V8 quiets it to 0x7ff8000000000002. */
export const STALE_MARKER_BITS = 0x7ff0000000000002n;

/** For decoders that still hold the raw 64 bits (remote write, protobuf fixed64) of a value. */
export function isStaleMarkerBits(bits: bigint): boolean {
  return bits === STALE_MARKER_BITS;
}

export type IncreaseOptions = {
  /**
   * Start of the window being filled, ms. A series' first sample counts its whole value only when
   * its start time is known and not before this; without it, a first sample never gives a delta,
   * so a long-running counter seen for the first time does not dump its history into one bucket.
   */
  since?: number;
};

const drop = (dropped: DropReason, last: CounterState | null): IncreaseStep => ({ delta: null, isReset: false, dropped, last });

export function nextIncrease(last: CounterState | null, sample: CounterSample, options: IncreaseOptions = {}): IncreaseStep {
  const { t, v, start } = sample;
  if (!Number.isFinite(t)) throw new RangeError(`sample time must be finite ms, got ${t}`);
  // Any NaN is dropped: a JS number cannot tell the stale marker from other NaNs, hence the flag.
  if (sample.isStale) return drop("stale", last);
  if (!Number.isFinite(v)) return drop("nan", last);
  if (last && t < last.t) return drop("out-of-order", last);
  if (last && t === last.t) return drop("duplicate", last);
  // After the order checks: a negative reading is a gauge's state (rollup.ts), so a retried or
  // late one must be dropped like any other sample, not taken again.
  if (v < 0) return drop("negative", last);

  const next: CounterState = start === undefined ? { t, v } : { t, v, start };
  if (sample.temporality === "delta") return { delta: v, isReset: false, last: next };
  if (!last) {
    const startsInWindow = start !== undefined && options.since !== undefined && start >= options.since;
    return { delta: startsInWindow ? v : null, isReset: false, last: next };
  }
  const isStartChanged = start !== undefined && last.start !== undefined && start !== last.start;
  if (isStartChanged || v < last.v) return { delta: v, isReset: true, last: next };
  return { delta: v - last.v, isReset: false, last: next };
}

export type BucketIncrease = {
  /** Bucket start, ms since the epoch (buckets are aligned to the epoch: minutes, hours). */
  start: number;
  increase: number;
  /** How many deltas were summed; a bucket whose deltas are all 0 still shows data was there. */
  deltas: number;
};

export type Increases = {
  /** Ascending; only buckets that received at least one delta. */
  buckets: BucketIncrease[];
  total: number;
  resets: number;
  dropped: { t: number; reason: DropReason }[];
  last: CounterState | null;
};

/**
 * A whole sequence folded into per-bucket sums, in the order given (as ingest would see it), so a
 * sample older than one before it is dropped as out of order rather than sorted into place.
 */
export function increases(
  samples: readonly CounterSample[],
  options: IncreaseOptions & { bucketMs: number; last?: CounterState | null },
): Increases {
  const { bucketMs } = options;
  if (!Number.isFinite(bucketMs) || bucketMs <= 0) throw new RangeError(`bucketMs must be positive, got ${bucketMs}`);
  const sums = new Map<number, BucketIncrease>();
  const result: Increases = { buckets: [], total: 0, resets: 0, dropped: [], last: options.last ?? null };
  for (const sample of samples) {
    const step = nextIncrease(result.last, sample, options);
    result.last = step.last;
    if (step.dropped) result.dropped.push({ t: sample.t, reason: step.dropped });
    if (step.delta === null) continue;
    if (step.isReset) result.resets += 1;
    const start = Math.floor(sample.t / bucketMs) * bucketMs;
    const bucket = sums.get(start) ?? { start, increase: 0, deltas: 0 };
    bucket.increase += step.delta;
    bucket.deltas += 1;
    sums.set(start, bucket);
    result.total += step.delta;
  }
  result.buckets = [...sums.values()].sort((a, b) => a.start - b.start);
  return result;
}
