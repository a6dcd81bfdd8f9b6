// Quantiles of a latency histogram from its cumulative buckets, as Prometheus'
// histogram_quantile() estimates them: find the bucket the rank falls in and interpolate linearly
// inside it, assuming observations spread evenly between its bounds. The estimate is only as
// fine as the buckets: a p99 between le="0.5" and le="1" can be anywhere in that span.

/** One cumulative bucket: observations ≤ le (le may be Infinity for "+Inf"). */
export type HistogramBucket = { le: number; count: number };

/**
 * The q-quantile (0 ≤ q ≤ 1) of the observations counted by the buckets, or null when it cannot
 * be estimated: no observations, no +Inf bucket, fewer than two buckets, or q outside [0, 1].
 * Edges follow Prometheus: a rank in the +Inf bucket gives the highest finite bound; the lowest
 * bucket's lower bound is 0 (unless its upper bound is ≤ 0, which is then returned).
 */
export function histogramQuantile(q: number, buckets: readonly HistogramBucket[]): number | null {
  if (!(q >= 0 && q <= 1)) return null;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.le !== Number.POSITIVE_INFINITY) return null;
  // Counts read at slightly different instants can dip; a cumulative count never does.
  let max = 0;
  const counts = sorted.map((b) => (max = Math.max(max, b.count)));
  const observations = counts[counts.length - 1]!;
  if (observations <= 0) return null;
  let rank = q * observations;
  const last = sorted.length - 1;
  let b = counts.findIndex((c, i) => i < last && c >= rank);
  if (b === -1) b = last;
  if (b === last) return sorted[last - 1]!.le;
  if (b === 0 && sorted[0]!.le <= 0) return sorted[0]!.le;
  let lower = 0;
  let inBucket = counts[b]!;
  if (b > 0) {
    lower = sorted[b - 1]!.le;
    inBucket -= counts[b - 1]!;
    rank -= counts[b - 1]!;
  }
  // Only q = 0 over empty lowest buckets gets here with an empty bucket (0 / 0 in Prometheus).
  return inBucket === 0 ? lower : lower + (sorted[b]!.le - lower) * (rank / inBucket);
}

/** A histogram's `le` label as a number ("+Inf" → Infinity), or null when it is not one. */
export function parseLe(le: string): number | null {
  if (le === "+Inf" || le === "Inf") return Number.POSITIVE_INFINITY;
  const n = Number(le);
  return le.trim() === "" || Number.isNaN(n) ? null : n;
}
