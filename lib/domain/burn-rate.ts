// Burn rate and time to exhaustion (slo-math.md "Burn rate").

import { budgetFraction, eventCounts, type Counts, type EventCounts, type Interval, type Objective } from "./slo-math";

export type BurnRate = Counts & {
  /** (bad / valid) / B; 0 when valid = 0. */
  burnRate: number;
  /** bad / valid; null when valid = 0. */
  errorRatio: number | null;
  /** false when valid = 0: the window is flagged no-data and no alert tier can fire on it. */
  hasData: boolean;
  objective: number;
  budgetFraction: number;
  window: Interval | null;
};

export type BurnRateInput = EventCounts & { objective: Objective; window?: Interval };

export function burnRate(input: BurnRateInput): BurnRate {
  const budget = budgetFraction(input.objective);
  const counts = eventCounts(input);
  const hasData = counts.valid > 0;
  return {
    ...counts,
    // bad × scale / (valid × units) is one division of exact products; see slo-math.ts.
    burnRate: hasData ? (counts.bad * budget.scale) / (counts.valid * budget.units) : 0,
    errorRatio: hasData ? counts.bad / counts.valid : null,
    hasData,
    objective: budget.objective,
    budgetFraction: budget.value,
    window: input.window ?? null,
  };
}

export type TimeToExhaustion = {
  /** remaining × P / burnRate; null when the budget is not being spent or is already spent. */
  timeToExhaustionMs: number | null;
  remaining: number;
  burnRate: number;
  periodMs: number;
};

/** How long the remaining budget lasts at a burn rate: at rate 1 the whole budget lasts P. */
export function timeToExhaustion(input: { remaining: number; burnRate: number; periodMs: number }): TimeToExhaustion {
  const { remaining, burnRate: rate, periodMs } = input;
  if (![remaining, rate, periodMs].every(Number.isFinite) || rate < 0 || periodMs <= 0) {
    throw new RangeError(`remaining ${remaining}, burn rate ${rate} ≥ 0 and period ${periodMs} > 0 must be finite`);
  }
  const lasts = rate > 0 && remaining > 0;
  return { timeToExhaustionMs: lasts ? (remaining * periodMs) / rate : null, remaining, burnRate: rate, periodMs };
}
