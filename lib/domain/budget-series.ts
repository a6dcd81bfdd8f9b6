// Error budget remaining and SLI over an SLO's window, step by step (slo-math.md "Error budget").
// The window [start, end) is cut at multiples of the step since the Unix epoch, so the first and
// last steps may be partial. Each point's SLI is that step's own good / valid; its budget counts
// the window's events from the start up to the point, so the last point is the SLO's budget.

import { budgetFraction, budgetShares, DAY_MS, HOUR_MS, type Interval, MINUTE_MS, type Objective } from "./slo-math";

/** Steps offered when none is asked for: the finest that keeps the chart under DEFAULT_POINTS. */
export const SERIES_STEPS_MS = [MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS, HOUR_MS, 2 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS] as const;
export const DEFAULT_SERIES_POINTS = 720;
/** More points than this is refused: no chart needs them, and each costs a bucket of counting. */
export const MAX_SERIES_POINTS = 2_000;

export function defaultSeriesStepMs(window: Interval): number {
  const length = window.end.getTime() - window.start.getTime();
  return SERIES_STEPS_MS.find((step) => Math.ceil(length / step) <= DEFAULT_SERIES_POINTS) ?? DAY_MS;
}

/** The ends of the steps: window start, every multiple of step inside, window end. */
export function seriesBoundaries(window: Interval, stepMs: number): number[] {
  if (!(Number.isSafeInteger(stepMs) && stepMs > 0)) throw new RangeError(`step must be a positive whole number of ms, got ${stepMs}`);
  const start = window.start.getTime();
  const end = window.end.getTime();
  const out = [start];
  for (let t = Math.floor(start / stepMs) * stepMs + stepMs; t < end; t += stepMs) out.push(t);
  if (end > start) out.push(end);
  return out;
}

/** How many points a step gives over a window. */
export const seriesPointCount = (window: Interval, stepMs: number) => {
  const start = window.start.getTime();
  const end = window.end.getTime();
  return end <= start ? 0 : Math.ceil(end / stepMs) - Math.floor(start / stepMs);
};

export type StepCounts = { good: number; valid: number };

export type BudgetPoint = {
  /** The end of the step. */
  at: Date;
  start: Date;
  /** This step's events and SLI (null when it had none). */
  good: number;
  valid: number;
  sli: number | null;
  /** The window's events from its start to `at`, and the budget they leave. */
  cumulativeGood: number;
  cumulativeValid: number;
  remaining: number;
  consumed: number;
};

/**
 * One point per step from the counts of each step (steps[i] spans boundaries[i] to
 * boundaries[i + 1]). A step with more good than valid events (scrape skew) has its good cut to
 * valid, as the whole window's counts are; the cut is made on the running totals, so the last
 * point's budget is the window's.
 */
export function budgetSeries(input: {
  boundaries: readonly number[];
  steps: readonly StepCounts[];
  objective: Objective;
  /**
   * Time-based budgets (timeslice SLIs): allowed = B × capacity / per, the period's slices,
   * instead of B × valid so far (timesliceBudget's rule). Events budgets leave it out.
   */
  allowance?: { capacity: number; per: number };
}): BudgetPoint[] {
  const { boundaries, steps, allowance } = input;
  if (steps.length !== Math.max(0, boundaries.length - 1)) throw new RangeError(`${steps.length} steps for ${boundaries.length} boundaries`);
  const budget = budgetFraction(input.objective);
  let good = 0;
  let valid = 0;
  return steps.map((step, i) => {
    good += step.good;
    valid += step.valid;
    const cumulativeGood = Math.max(0, Math.min(good, valid));
    const stepGood = Math.max(0, Math.min(step.good, step.valid));
    const shares = budgetShares({ bad: valid - cumulativeGood, capacity: allowance?.capacity ?? valid, per: allowance?.per, budget });
    const hasData = valid > 0;
    return {
      at: new Date(boundaries[i + 1]!),
      start: new Date(boundaries[i]!),
      good: stepGood,
      valid: step.valid,
      sli: step.valid > 0 ? stepGood / step.valid : null,
      cumulativeGood,
      cumulativeValid: valid,
      // No traffic yet: the budget is untouched (slo-math.md), whatever the shares say.
      remaining: hasData ? shares.remaining : 1,
      consumed: hasData ? shares.consumed : 0,
    };
  });
}

/** Where an exclusion meets a step: the part of step `step` it covers, `whole` when all of it. */
export type ExcludedPart = { step: number; start: number; end: number; whole: boolean };

/**
 * The parts of the steps (between consecutive boundaries) that exclusions cover. Only partial
 * parts need counting: a step wholly inside an exclusion loses all its events.
 */
export function excludedParts(boundaries: readonly number[], exclusions: readonly Interval[]): ExcludedPart[] {
  const parts: ExcludedPart[] = [];
  for (const e of exclusions) {
    const [from, to] = [e.start.getTime(), e.end.getTime()];
    for (let i = 0; i < boundaries.length - 1; i++) {
      const [s, t] = [boundaries[i]!, boundaries[i + 1]!];
      const start = Math.max(s, from);
      const end = Math.min(t, to);
      if (start < end) parts.push({ step: i, start, end, whole: start === s && end === t });
    }
  }
  return parts;
}

/**
 * The steps' counts with the events of excluded parts removed from both good and valid
 * (slo-math.md "Exclusions"), as the budget removes them from the window: a whole step goes to
 * nothing, a partial one loses its part's counts (never below zero).
 */
export function withoutExcluded(steps: readonly StepCounts[], parts: readonly (ExcludedPart & StepCounts)[]): StepCounts[] {
  const out = steps.map((s) => ({ ...s }));
  for (const p of parts) {
    const step = out[p.step];
    if (!step) throw new RangeError(`no step ${p.step}`);
    step.good = p.whole ? 0 : Math.max(0, step.good - p.good);
    step.valid = p.whole ? 0 : Math.max(0, step.valid - p.valid);
  }
  return out;
}
