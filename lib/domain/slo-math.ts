// Shared vocabulary of the SLO math in /work/shared/design/slo-math.md.
//
// Every figure a user may check with a pencil is computed as ONE division of products that are
// exact in floating point (integers below 2^53), so it is the correctly rounded value of the exact
// ratio. Two equal ratios then give the same number, which is what lets "strictly greater" hold
// at the boundary: the naive (144 / 10000) / (1 − 0.999) is 14.399999999999999, not 14.4.

export const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** T in (0, 1): an exact number (0.999) or a decimal string ("0.999"), never a rounded percentage. */
export type Objective = number | string;

export type Interval = { start: Date; end: Date };

/** A decimal written as an exact fraction with a power-of-ten scale: 0.999 = 999 / 1000. */
export type Decimal = { units: number; scale: number };

// 10^15 is the largest power of ten below 2^53, so more decimal places cannot be exact.
const MAX_SCALE = 1e15;

/**
 * The exact decimal behind a number or decimal string. A number is read through its shortest
 * round-trip spelling (String(0.999) === "0.999"), which is the decimal the user typed.
 */
export function decimalFraction(x: number | string): Decimal {
  // Every SLO of a list parses the same few objectives and tier shares many times a minute.
  const known = parsed.get(x);
  if (known) return { ...known };
  const decimal = parseDecimal(x);
  if (parsed.size >= 1_000) parsed.clear();
  parsed.set(x, decimal);
  return { ...decimal };
}

const parsed = new Map<number | string, Decimal>();

function parseDecimal(x: number | string): Decimal {
  const text = typeof x === "number" ? String(x) : x.trim();
  const match = /^\+?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match || (match[1] === "" && !match[2])) {
    throw new RangeError(`not a finite non-negative decimal: ${JSON.stringify(x)}`);
  }
  const fraction = match[2] ?? "";
  const digits = `${match[1] ?? ""}${fraction}`.replace(/^0+(?=\d)/, "");
  const exponent = Number(match[3] ?? 0) - fraction.length;
  const units = Number(digits) * (exponent > 0 ? 10 ** exponent : 1);
  const scale = exponent < 0 ? 10 ** -exponent : 1;
  if (!Number.isSafeInteger(units) || scale > MAX_SCALE) {
    throw new RangeError(`${JSON.stringify(x)} has more digits than can be computed exactly (15 decimal places at most)`);
  }
  return { units, scale };
}

/** The budget fraction B = 1 − T, exactly: T = 0.999 gives 1 / 1000. */
export type BudgetFraction = Decimal & { objective: number; value: number };

export function budgetFraction(objective: Objective): BudgetFraction {
  const t = decimalFraction(objective);
  if (t.units <= 0 || t.units >= t.scale) {
    throw new RangeError(`objective must be a fraction in (0, 1), got ${JSON.stringify(objective)}`);
  }
  const units = t.scale - t.units;
  return { objective: t.units / t.scale, units, scale: t.scale, value: units / t.scale };
}

/** Counts as an SLI declares them: by good and total, or by bad and total (slo-math.md "Terms"). */
export type EventCounts = { valid: number } & (
  | { good: number; bad?: undefined }
  | { bad: number; good?: undefined }
);

/** Both declarations reduced to the same three numbers; bad = valid − good. */
export type Counts = { good: number; valid: number; bad: number };

export function eventCounts(counts: EventCounts): Counts {
  const { valid } = counts;
  const isByGood = counts.good !== undefined;
  const declared = (isByGood ? counts.good : counts.bad) ?? Number.NaN;
  const name = isByGood ? "good" : "bad";
  nonNegativeCount("valid", valid);
  nonNegativeCount(name, declared);
  if (declared > valid) {
    // Scrape skew between the two series can cause this; the caller decides how to reconcile it,
    // because a negative bad count would silently turn into a budget above 100%.
    throw new RangeError(`${name} (${declared}) exceeds valid (${valid})`);
  }
  return isByGood ? { good: declared, valid, bad: valid - declared } : { good: valid - declared, valid, bad: declared };
}

function nonNegativeCount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite count ≥ 0, got ${value}`);
}

/** How a number of bad events compares with B × capacity, the budget over that capacity. */
export type BudgetShares = { allowed: number; consumed: number; remaining: number };

/**
 * allowed = B × capacity / per, consumed = bad / allowed, remaining = 1 − consumed, each as one
 * division. `per` lets time-based budgets pass capacity in ms and count bad in slices of `per` ms.
 * remaining is never clamped: an overspent budget is negative (slo-math.md "Error budget").
 */
export function budgetShares(options: {
  bad: number;
  capacity: number;
  budget: BudgetFraction;
  per?: number;
}): BudgetShares {
  const { bad, capacity, budget, per = 1 } = options;
  const allowedTimesScale = capacity * budget.units;
  const badTimesScale = bad * budget.scale * per;
  return {
    allowed: allowedTimesScale / (budget.scale * per),
    consumed: allowedTimesScale === 0 ? 0 : badTimesScale / allowedTimesScale,
    remaining: allowedTimesScale === 0 ? 1 : (allowedTimesScale - badTimesScale) / allowedTimesScale,
  };
}
