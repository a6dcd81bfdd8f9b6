// Timeslice SLIs (slo-math.md "SLI kinds" 3): the interval is cut into slices from its start; a
// slice is good when its value meets the condition, and slices without data are gaps, neither
// good nor bad. Pure: the minute aggregates come in as data.

import { MINUTE_MS } from "./slo-math";

/** One minute's figures summed over every matching series (from the minute rollups). */
export type MinuteFigures = {
  /** Gauge samples: their count, sum, min and max. */
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Counter increases: of the good (or bad) series and of the total series. */
  eventIncrease: number;
  totalIncrease: number;
};

export const COMPARISONS = [">=", ">", "<=", "<"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type SliceCondition =
  | { type: "gauge"; aggregation: "avg" | "min" | "max"; op: Comparison; threshold: number }
  | { type: "ratio"; counts: "good" | "bad"; target: number };

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case ">=": return value >= threshold;
    case ">": return value > threshold;
    case "<=": return value <= threshold;
    case "<": return value < threshold;
  }
}

/** The slice's verdict: null when it has no data (a gap). */
export function sliceIsGood(minutes: readonly MinuteFigures[], condition: SliceCondition): boolean | null {
  if (condition.type === "gauge") {
    const count = minutes.reduce((s, m) => s + m.count, 0);
    if (count === 0) return null;
    const value =
      condition.aggregation === "avg" ? minutes.reduce((s, m) => s + m.sum, 0) / count
      : condition.aggregation === "min" ? Math.min(...minutes.filter((m) => m.count > 0).map((m) => m.min))
      : Math.max(...minutes.filter((m) => m.count > 0).map((m) => m.max));
    return compare(value, condition.op, condition.threshold);
  }
  const total = minutes.reduce((s, m) => s + m.totalIncrease, 0);
  if (total === 0) return null; // no traffic in the slice: neither good nor bad
  const events = minutes.reduce((s, m) => s + m.eventIncrease, 0);
  const good = Math.max(0, Math.min(total, condition.counts === "good" ? events : total - events));
  // good / total ≥ target, compared without dividing: good ≥ target × total.
  return good >= condition.target * total;
}

export type SliceCounts = { good: number; valid: number; gaps: number; excluded: number; elapsed: number };

/**
 * Counts the whole slices of [start, end) that start at start + k × sliceMs; the slice still in
 * progress at `end` is not counted. A slice that starts inside an exclusion is skipped (the same
 * rule as timesliceBudget's excludedSlices). `minutes` maps an epoch minute to its figures.
 */
export function countSlices(input: {
  start: Date;
  end: Date;
  sliceMs: number;
  minutes: ReadonlyMap<number, MinuteFigures>;
  condition: SliceCondition;
  exclusions?: readonly { start: Date; end: Date }[];
}): SliceCounts {
  const { sliceMs, minutes, condition } = input;
  if (!(sliceMs >= MINUTE_MS && sliceMs % MINUTE_MS === 0)) throw new RangeError(`slices are whole minutes, got ${sliceMs} ms`);
  const start = input.start.getTime();
  const elapsed = Math.max(0, Math.floor((input.end.getTime() - start) / sliceMs));
  const exclusions = (input.exclusions ?? []).map((e) => [e.start.getTime(), e.end.getTime()] as const);
  const counts: SliceCounts = { good: 0, valid: 0, gaps: 0, excluded: 0, elapsed };
  for (let k = 0; k < elapsed; k++) tally(counts, sliceVerdict(start + k * sliceMs, sliceMs, minutes, condition, exclusions));
  return counts;
}

type Verdict = boolean | null | "excluded";

function tally(counts: Omit<SliceCounts, "elapsed">, verdict: Verdict) {
  if (verdict === "excluded") counts.excluded++;
  else if (verdict === null) counts.gaps++;
  else {
    counts.valid++;
    if (verdict) counts.good++;
  }
}

/** The slice starting at `from`: excluded when it starts inside an exclusion, else its verdict. */
function sliceVerdict(from: number, sliceMs: number, minutes: ReadonlyMap<number, MinuteFigures>, condition: SliceCondition, exclusions: readonly (readonly [number, number])[]): Verdict {
  if (exclusions.some(([s, e]) => from >= s && from < e)) return "excluded";
  // Minutes whose start lies in the slice, as every window counts them.
  const first = Math.ceil(from / MINUTE_MS);
  const last = Math.ceil((from + sliceMs) / MINUTE_MS); // exclusive
  const inside: MinuteFigures[] = [];
  for (let m = first; m < last; m++) {
    const figures = minutes.get(m);
    if (figures) inside.push(figures);
  }
  return sliceIsGood(inside, condition);
}

/**
 * The whole slices of [start, end) (cut from start, as countSlices cuts them), counted per step:
 * a slice belongs to the step its start lies in (steps[i] spans boundaries[i] to
 * boundaries[i + 1]). Summed over the steps they are countSlices' counts over [start, end).
 */
export function slicesPerStep(input: Parameters<typeof countSlices>[0] & { boundaries: readonly number[] }): Omit<SliceCounts, "elapsed">[] {
  const { sliceMs, minutes, condition, boundaries } = input;
  if (!(sliceMs >= MINUTE_MS && sliceMs % MINUTE_MS === 0)) throw new RangeError(`slices are whole minutes, got ${sliceMs} ms`);
  const start = input.start.getTime();
  const elapsed = Math.max(0, Math.floor((input.end.getTime() - start) / sliceMs));
  const exclusions = (input.exclusions ?? []).map((e) => [e.start.getTime(), e.end.getTime()] as const);
  const steps = Array.from({ length: Math.max(0, boundaries.length - 1) }, () => ({ good: 0, valid: 0, gaps: 0, excluded: 0 }));
  let i = 0;
  for (let k = 0; k < elapsed; k++) {
    const from = start + k * sliceMs;
    while (i < steps.length && from >= boundaries[i + 1]!) i++;
    if (i >= steps.length || from < boundaries[0]!) continue; // outside the steps
    tally(steps[i]!, sliceVerdict(from, sliceMs, minutes, condition, exclusions));
  }
  return steps;
}
