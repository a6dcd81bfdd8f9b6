// Error budgets over event counts (slo-math.md "Error budget"). Each result repeats the counts,
// objective, window and exclusions it came from, so the UI can show the working beside the number.

import {
  budgetFraction,
  budgetShares,
  eventCounts,
  type BudgetFraction,
  type BudgetShares,
  type Counts,
  type EventCounts,
  type Interval,
  type Objective,
} from "./slo-math";
import type { WindowBounds } from "./window-bounds";

/**
 * A maintenance window or budget adjustment, with the events counted inside it. The counts must
 * be of events inside both the exclusion and the SLO window: they are subtracted as given.
 */
export type Exclusion = Interval & { reason: string; author: string } & EventCounts;
export type AppliedExclusion = Interval & { reason: string; author: string } & Counts;

export type Coverage = { coveredMs: number; windowMs: number; coverage: number; isPartial: boolean };

/** "no-data" when valid = 0; "exhausted" when nothing remains (remaining ≤ 0). */
export type ErrorBudgetStatus = "no-data" | "ok" | "exhausted";

export type ErrorBudget = Counts &
  BudgetShares & {
    status: ErrorBudgetStatus;
    objective: number;
    budgetFraction: number;
    /** good / valid; null when valid = 0, because zero traffic is neither good nor bad. */
    sli: number | null;
    /** allowed < 1: a single bad event would overspend the budget. */
    isLowTraffic: boolean;
    beforeExclusions: Counts;
    exclusions: AppliedExclusion[];
    window: WindowBounds | null;
    coverage: Coverage | null;
  };

export type ErrorBudgetInput = EventCounts & {
  objective: Objective;
  window?: WindowBounds;
  /** When the series' data begins; omitted means the history covers the whole window. */
  historyStart?: Date;
  exclusions?: Exclusion[];
};

export function errorBudget(input: ErrorBudgetInput): ErrorBudget {
  const budget = budgetFraction(input.objective);
  const { counts, beforeExclusions, exclusions } = countsAfterExclusions(eventCounts(input), input.exclusions ?? []);
  return budgetReport({
    budget,
    counts,
    shares: budgetShares({ bad: counts.bad, capacity: counts.valid, budget }),
    beforeExclusions,
    exclusions,
    window: input.window ?? null,
    historyStart: input.historyStart,
  });
}

/** The part of the window that has data: "partial window (12 of 30 days)" is coverage 0.4. */
export function windowCoverage(window: Interval, historyStart: Date): Coverage {
  const windowMs = window.end.getTime() - window.start.getTime();
  const coveredMs = Math.min(windowMs, Math.max(0, window.end.getTime() - historyStart.getTime()));
  // A calendar window at the very start of its period is empty: nothing in it is missing.
  return { coveredMs, windowMs, coverage: windowMs === 0 ? 1 : coveredMs / windowMs, isPartial: coveredMs < windowMs };
}

/** Events inside exclusions removed from both good and valid (and so from bad). */
export function countsAfterExclusions(
  total: Counts,
  exclusions: Exclusion[],
): { counts: Counts; beforeExclusions: Counts; exclusions: AppliedExclusion[] } {
  const applied = exclusions
    .map((exclusion): AppliedExclusion => {
      if (!(exclusion.start.getTime() < exclusion.end.getTime())) {
        throw new RangeError(`exclusion "${exclusion.reason}" must end after it starts`);
      }
      return { ...exclusion, ...eventCounts(exclusion) };
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  applied.forEach((exclusion, i) => {
    const previous = applied[i - 1];
    // Overlapping exclusions would subtract the events they share twice.
    if (previous && exclusion.start.getTime() < previous.end.getTime()) {
      throw new RangeError(`exclusions "${previous.reason}" and "${exclusion.reason}" overlap; merge them first`);
    }
  });
  const excluded = applied.reduce((sum, e) => ({ good: sum.good + e.good, valid: sum.valid + e.valid }), { good: 0, valid: 0 });
  if (excluded.valid > total.valid || excluded.good > total.good || excluded.valid - excluded.good > total.bad) {
    throw new RangeError(
      `exclusions remove more events (good ${excluded.good}, valid ${excluded.valid}) than the window holds (good ${total.good}, valid ${total.valid})`,
    );
  }
  const good = total.good - excluded.good;
  const valid = total.valid - excluded.valid;
  return { counts: { good, valid, bad: valid - good }, beforeExclusions: total, exclusions: applied };
}

/** The shared shape of event and timeslice budgets, once the shares are known. */
export function budgetReport(input: {
  budget: BudgetFraction;
  counts: Counts;
  shares: BudgetShares;
  beforeExclusions: Counts;
  exclusions: AppliedExclusion[];
  window: WindowBounds | null;
  historyStart: Date | undefined;
}): ErrorBudget {
  const { budget, counts, window } = input;
  const hasData = counts.valid > 0;
  return {
    status: !hasData ? "no-data" : input.shares.remaining <= 0 ? "exhausted" : "ok",
    objective: budget.objective,
    budgetFraction: budget.value,
    ...counts,
    sli: hasData ? counts.good / counts.valid : null,
    // With no data the budget is untouched by definition, whatever the shares would say.
    ...(hasData ? input.shares : { ...input.shares, consumed: 0, remaining: 1 }),
    isLowTraffic: hasData && input.shares.allowed < 1,
    beforeExclusions: input.beforeExclusions,
    exclusions: input.exclusions,
    window,
    coverage: window ? windowCoverage(window, input.historyStart ?? window.start) : null,
  };
}
