// The error budget over an SLO's window as a sparkline for the list: a few dozen points, cut so
// that each step is made of the rollup segments the list's evaluation has just summed (whole days
// for month-long windows, lib/domain/rollup-segments.ts), so drawing 1,000 of them costs memory
// reads rather than scans.

import { budgetSeries, seriesBoundaries, type StepCounts } from "./budget-series";
import { DAY_MS, HOUR_MS, type Interval, type Objective } from "./slo-math";

/** Steps tried in order; days first divide into the day blocks the rollup cache keeps. */
const STEPS_MS = [HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 4 * HOUR_MS, 6 * HOUR_MS, 8 * HOUR_MS, 12 * HOUR_MS, DAY_MS, 2 * DAY_MS, 3 * DAY_MS, 4 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS];
export const SPARKLINE_MAX_POINTS = 40;

/** The finest step that keeps a window under SPARKLINE_MAX_POINTS points: 30 days → 1 day, 7 days → 6 hours. */
export function sparklineStepMs(window: Interval): number {
  const length = window.end.getTime() - window.start.getTime();
  return STEPS_MS.find((step) => Math.ceil(length / step) + 1 <= SPARKLINE_MAX_POINTS) ?? STEPS_MS[STEPS_MS.length - 1]!;
}

/** Step ends over the window: its start, every multiple of the step inside, its end. */
export function sparklineBoundaries(window: Interval): number[] {
  return seriesBoundaries(window, sparklineStepMs(window));
}

export type BudgetSparkline = {
  /** Budget remaining at each step's end, counting the window's events from its start. */
  remaining: number[];
  /** When each value holds (the step's end), ms since the epoch. */
  at: number[];
};

/**
 * Budget remaining from the window start to each boundary: the detail page's burn-down in a few
 * points. No point at the start itself: with no events yet the budget is a nominal 100%, and a
 * line from there would show a plunge that never happened.
 */
export function budgetSparkline(input: { boundaries: readonly number[]; steps: readonly StepCounts[]; objective: Objective }): BudgetSparkline {
  const points = budgetSeries(input);
  return { remaining: points.map((p) => p.remaining), at: points.map((p) => p.at.getTime()) };
}
