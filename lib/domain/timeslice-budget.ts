// Timeslice (boolean / gauge) budgets, slo-math.md "SLI kinds" 3 and "Error budget": the window
// is cut into slices from its start; valid = slices with data, good = good slices, and the budget
// is B × all slices in P, which the UI can also state as time ("43 min 12 s of the 30-day window").

import { budgetReport, countsAfterExclusions, type ErrorBudget, type Exclusion } from "./error-budget";
import { budgetFraction, budgetShares, eventCounts, MINUTE_MS, type EventCounts, type Objective } from "./slo-math";
import type { WindowBounds } from "./window-bounds";

export type TimesliceBudget = ErrorBudget & {
  window: WindowBounds;
  sliceMs: number;
  /** P / sliceMs: what the budget is a fraction of. Not an integer when sliceMs does not divide P. */
  slicesInPeriod: number;
  /** Whole slices from the window start to now; the slice still in progress is not counted. */
  elapsedSlices: number;
  /** Elapsed slices that start inside an exclusion: neither good, bad nor a gap. */
  excludedSlices: number;
  /** Elapsed slices with no data, reported as a data gap. */
  gapSlices: number;
  /** The budget as time: B × P. */
  allowedMs: number;
  /** allowedMs − bad slices × sliceMs; negative when overspent. */
  remainingMs: number;
};

export type TimesliceBudgetInput = EventCounts & {
  objective: Objective;
  window: WindowBounds;
  sliceMs?: number;
  historyStart?: Date;
  /** Counts in slices, using the same rule as excludedSlices (a slice is excluded if it starts inside). */
  exclusions?: Exclusion[];
};

export function timesliceBudget(input: TimesliceBudgetInput): TimesliceBudget {
  const { window, sliceMs = MINUTE_MS } = input;
  if (!Number.isFinite(sliceMs) || sliceMs <= 0) throw new RangeError(`sliceMs must be positive, got ${sliceMs}`);
  const budget = budgetFraction(input.objective);
  const { counts, beforeExclusions, exclusions } = countsAfterExclusions(eventCounts(input), input.exclusions ?? []);

  const start = window.start.getTime();
  const elapsedSlices = Math.floor((window.end.getTime() - start) / sliceMs);
  // Slice k starts at start + k × sliceMs; [from, to) are the indexes starting inside an exclusion.
  const excludedSlices = exclusions.reduce((sum, e) => {
    const from = Math.max(0, Math.ceil((e.start.getTime() - start) / sliceMs));
    const to = Math.min(elapsedSlices, Math.ceil((e.end.getTime() - start) / sliceMs));
    return sum + Math.max(0, to - from);
  }, 0);
  const gapSlices = elapsedSlices - excludedSlices - counts.valid;
  if (gapSlices < 0) {
    throw new RangeError(
      `${counts.valid} slices with data but only ${elapsedSlices - excludedSlices} elapsed outside exclusions`,
    );
  }

  // Capacity in ms with bad counted per slice keeps every product an exact integer.
  const shares = budgetShares({ bad: counts.bad, capacity: window.periodMs, per: sliceMs, budget });
  const allowedMs = (window.periodMs * budget.units) / budget.scale;
  const report = budgetReport({ budget, counts, shares, beforeExclusions, exclusions, window, historyStart: input.historyStart });
  return {
    ...report,
    window,
    sliceMs,
    slicesInPeriod: window.periodMs / sliceMs,
    elapsedSlices,
    excludedSlices,
    gapSlices,
    allowedMs,
    remainingMs: (window.periodMs * budget.units - counts.bad * sliceMs * budget.scale) / budget.scale,
  };
}
