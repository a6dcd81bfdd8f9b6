// Multi-window, multi-burn-rate alert tiers (slo-math.md; Google SRE Workbook "Alerting on SLOs").
// A tier is stored as the share of budget it lets burn before firing, not as a factor, so the same
// tier works for any period: f = spent × P / long.

import type { BurnRate } from "./burn-rate";
import { DAY_MS, decimalFraction, HOUR_MS, MINUTE_MS } from "./slo-math";

export type AlertSeverity = "page" | "ticket";

/** The burn-rate windows the API reports, and so the windows a tier may use. */
export const BURN_WINDOWS = {
  "5m": 5 * MINUTE_MS, "30m": 30 * MINUTE_MS, "1h": HOUR_MS, "2h": 2 * HOUR_MS, "6h": 6 * HOUR_MS, "1d": DAY_MS, "3d": 3 * DAY_MS,
} as const;
export type BurnWindow = keyof typeof BURN_WINDOWS;
export const BURN_WINDOW_NAMES = Object.keys(BURN_WINDOWS) as BurnWindow[];

// Looked up a dozen times per SLO evaluation, so a map rather than a search.
const NAME_OF_MS = new Map<number, BurnWindow>(BURN_WINDOW_NAMES.map((name) => [BURN_WINDOWS[name], name]));

/** "1h" for 3,600,000 ms; a window outside BURN_WINDOWS is named by its milliseconds. */
export function burnWindowName(ms: number): BurnWindow {
  return NAME_OF_MS.get(ms) ?? (`${ms}ms` as BurnWindow);
}

export type AlertTierSpec = {
  severity: AlertSeverity;
  longWindowMs: number;
  shortWindowMs: number;
  /** Share of the period's budget spent when the tier triggers, e.g. 0.02 (number or decimal string). */
  budgetSpent: number | string;
};

export type AlertTier = {
  severity: AlertSeverity;
  longWindowMs: number;
  shortWindowMs: number;
  budgetSpent: number;
  periodMs: number;
  /** The burn rate both windows must exceed. */
  factor: number;
};

/** The Workbook's table plus the common fourth tier; for 30 days the factors are 14.4, 6, 3, 1. */
export const DEFAULT_ALERT_TIERS: readonly AlertTierSpec[] = [
  { severity: "page", longWindowMs: HOUR_MS, shortWindowMs: 5 * MINUTE_MS, budgetSpent: 0.02 },
  { severity: "page", longWindowMs: 6 * HOUR_MS, shortWindowMs: 30 * MINUTE_MS, budgetSpent: 0.05 },
  { severity: "ticket", longWindowMs: DAY_MS, shortWindowMs: 2 * HOUR_MS, budgetSpent: 0.1 },
  { severity: "ticket", longWindowMs: 3 * DAY_MS, shortWindowMs: 6 * HOUR_MS, budgetSpent: 0.1 },
];

/** f = spent × P / long: 28 days, first tier: 0.02 × 672 h / 1 h = 13.44. */
export function burnRateFactor(input: { budgetSpent: number | string; periodMs: number; longWindowMs: number }): number {
  const spent = decimalFraction(input.budgetSpent);
  const { periodMs, longWindowMs } = input;
  if (spent.units <= 0 || spent.units > spent.scale) {
    throw new RangeError(`budgetSpent must be in (0, 1], got ${JSON.stringify(input.budgetSpent)}`);
  }
  if (!(periodMs > 0 && longWindowMs > 0) || !Number.isSafeInteger(periodMs) || !Number.isSafeInteger(longWindowMs)) {
    throw new RangeError(`period (${periodMs}) and long window (${longWindowMs}) must be positive whole ms`);
  }
  // One division of exact products, so 13.44 is the same number as the literal 13.44.
  return (spent.units * periodMs) / (spent.scale * longWindowMs);
}

/** The tiers with their factors for a period P (for calendar windows, the whole period's length). */
export function alertTiers(periodMs: number, specs: readonly AlertTierSpec[] = DEFAULT_ALERT_TIERS): AlertTier[] {
  return specs.map((spec) => {
    if (!(spec.shortWindowMs > 0 && spec.shortWindowMs < spec.longWindowMs)) {
      throw new RangeError(`short window (${spec.shortWindowMs} ms) must be positive and shorter than the long (${spec.longWindowMs} ms)`);
    }
    const spent = decimalFraction(spec.budgetSpent);
    return {
      severity: spec.severity,
      longWindowMs: spec.longWindowMs,
      shortWindowMs: spec.shortWindowMs,
      budgetSpent: spent.units / spent.scale,
      periodMs,
      factor: burnRateFactor({ budgetSpent: spec.budgetSpent, periodMs, longWindowMs: spec.longWindowMs }),
    };
  });
}

export type TierFiring = {
  fires: boolean;
  severity: AlertSeverity;
  factor: number;
  tier: AlertTier;
  long: BurnRate;
  short: BurnRate;
};

/**
 * A tier fires when burnRate(long) > f and burnRate(short) > f, strictly: a burn of exactly f
 * does not fire. A window with valid = 0 never fires, whatever f is.
 */
export function tierFires(input: { tier: AlertTier; long: BurnRate; short: BurnRate }): TierFiring {
  const { tier, long, short } = input;
  for (const [name, rate, expectedMs] of [["long", long, tier.longWindowMs], ["short", short, tier.shortWindowMs]] as const) {
    // Catches swapped or stale windows, the easiest way to page someone for nothing.
    const actualMs = rate.window && rate.window.end.getTime() - rate.window.start.getTime();
    if (actualMs != null && actualMs !== expectedMs) {
      throw new RangeError(`${name} window is ${actualMs} ms but the tier's is ${expectedMs} ms`);
    }
  }
  const exceeds = (rate: BurnRate) => rate.hasData && rate.burnRate > tier.factor;
  return { fires: exceeds(long) && exceeds(short), severity: tier.severity, factor: tier.factor, tier, long, short };
}
