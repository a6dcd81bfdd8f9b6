// An SLO's recent activity over a time range, from event counts per base step (5 minutes, or an
// hour for long ranges): burn rate over trailing windows at each chart point, when each alert
// tier's condition held, and RED (rate, errors) per chart step. Pure: the counts are passed in.

import { burnRate } from "./burn-rate";
import type { StepCounts } from "./budget-series";
import { HOUR_MS, MINUTE_MS, type Objective } from "./slo-math";

/** Counts per base step: counts[i] spans [start + i·stepMs, start + (i + 1)·stepMs). */
export type BaseCounts = { start: number; stepMs: number; counts: readonly StepCounts[] };

/** Minute rollups are kept 35 days; past a week, hours are fine enough and far fewer. */
export const ACTIVITY_FINE_RANGE_MS = 7 * 24 * HOUR_MS;

export function activityBaseStepMs(rangeMs: number): number {
  return rangeMs <= ACTIVITY_FINE_RANGE_MS ? 5 * MINUTE_MS : HOUR_MS;
}

/**
 * Chart points: every multiple of the chart step in (from, to], the step a multiple of the base
 * step and giving at most maxPoints points.
 */
export function activityPoints(range: { from: number; to: number }, baseStepMs: number, maxPoints = 150): { stepMs: number; at: number[] } {
  const raw = Math.max(1, (range.to - range.from) / maxPoints);
  const stepMs = Math.ceil(raw / baseStepMs) * baseStepMs;
  const at: number[] = [];
  for (let t = Math.floor(range.from / stepMs) * stepMs + stepMs; t <= range.to; t += stepMs) at.push(t);
  return { stepMs, at };
}

/** Running totals, so any run of base steps is one subtraction. */
function prefixSums(base: BaseCounts) {
  const good = [0];
  const valid = [0];
  base.counts.forEach((c, i) => {
    good.push(good[i]! + c.good);
    valid.push(valid[i]! + c.valid);
  });
  return { good, valid };
}

function indexOf(base: BaseCounts, t: number): number {
  const i = (t - base.start) / base.stepMs;
  if (!Number.isInteger(i) || i < 0 || i > base.counts.length) throw new RangeError(`${new Date(t).toISOString()} is not a base step boundary inside the counts`);
  return i;
}

/** good and valid over [end − windowMs, end) for each end. */
export function trailingCounts(base: BaseCounts, at: readonly number[], windowMs: number): StepCounts[] {
  if (windowMs % base.stepMs !== 0) throw new RangeError(`a ${windowMs} ms window is not a whole number of ${base.stepMs} ms steps`);
  const sums = prefixSums(base);
  return at.map((end) => {
    const j = indexOf(base, end);
    const i = indexOf(base, end - windowMs);
    return { good: sums.good[j]! - sums.good[i]!, valid: sums.valid[j]! - sums.valid[i]! };
  });
}

/**
 * Burn rate over the window ending at each point; null where the window had no events (no data
 * is neither burning nor not). More good than valid (scrape skew) is cut to valid, as the SLO's
 * own figures are.
 */
export function trailingBurnRates(input: { base: BaseCounts; at: readonly number[]; windowMs: number; objective: Objective }): (number | null)[] {
  return trailingCounts(input.base, input.at, input.windowMs).map((c) =>
    c.valid > 0 ? burnRate({ good: Math.min(c.good, c.valid), valid: c.valid, objective: input.objective }).burnRate : null,
  );
}

export type Period = { from: number; to: number };

/**
 * When a tier's condition held: both windows strictly above the factor (alert-tiers.ts). Each
 * firing point stands for the chart step ending at it, so a run of points from a to b is shaded
 * from a − step to b.
 */
export function firingPeriods(input: { at: readonly number[]; stepMs: number; long: readonly (number | null)[]; short: readonly (number | null)[]; factor: number }): Period[] {
  const periods: Period[] = [];
  input.at.forEach((t, k) => {
    const long = input.long[k];
    const short = input.short[k];
    if (!(long != null && short != null && long > input.factor && short > input.factor)) return;
    const last = periods[periods.length - 1];
    if (last && last.to === t - input.stepMs) last.to = t;
    else periods.push({ from: t - input.stepMs, to: t });
  });
  return periods;
}

export type RedPoint = {
  /** The end of the chart step. */
  at: number;
  /** Valid events per second over the step. */
  rate: number;
  /** Bad events per second over the step. */
  errors: number;
  /** bad / valid over the step; null without events. */
  errorRatio: number | null;
  valid: number;
  bad: number;
};

/** Rate and errors per chart step (the step ending at each point). */
export function redPoints(base: BaseCounts, at: readonly number[], stepMs: number): RedPoint[] {
  return trailingCounts(base, at, stepMs).map((c, k) => {
    const bad = Math.max(0, c.valid - c.good);
    return { at: at[k]!, rate: c.valid / (stepMs / 1000), errors: bad / (stepMs / 1000), errorRatio: c.valid > 0 ? bad / c.valid : null, valid: c.valid, bad };
  });
}
