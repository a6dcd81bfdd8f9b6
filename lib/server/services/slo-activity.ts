import "server-only";
import { alertTiers, BURN_WINDOWS, burnWindowName, DEFAULT_ALERT_TIERS } from "@/lib/domain/alert-tiers";
import { seriesBoundaries } from "@/lib/domain/budget-series";
import { activityBaseStepMs, activityPoints, type BaseCounts, firingPeriods, redPoints, trailingBurnRates } from "@/lib/domain/slo-activity";
import { windowBounds } from "@/lib/domain/window-bounds";
import { durationOf } from "./slo-duration";
import { sloStepCounts } from "./slo-series";
import { getSlo } from "./slos";
import { windowSpec } from "./slo-status";

// What an SLO did over a time range, for the detail page's RED and burn-rate charts: burn rate over
// every window its alert tiers read, at each chart point, with when each tier's condition held;
// events and bad events per second; latency quantiles from its histogram.

/** Windows drawn even when no tier reads them: the Workbook's page tiers. */
const ALWAYS = ["5m", "30m", "1h", "6h"] as const;

export async function getSloActivity(id: string, range: { from: Date; to: Date }, now: Date) {
  const slo = await getSlo(id);
  const period = windowBounds(windowSpec(slo.window), now);
  const rangeMs = range.to.getTime() - range.from.getTime();
  const baseStepMs = activityBaseStepMs(rangeMs);
  const { stepMs, at } = activityPoints({ from: range.from.getTime(), to: range.to.getTime() }, baseStepMs);
  const tierSpecs = slo.alertTiers?.map((t) => ({ ...t, longWindowMs: BURN_WINDOWS[t.longWindow], shortWindowMs: BURN_WINDOWS[t.shortWindow] })) ?? DEFAULT_ALERT_TIERS;
  const tiers = alertTiers(period.periodMs, tierSpecs);
  const wanted = new Set<number>([...ALWAYS.map((w) => BURN_WINDOWS[w]), ...tiers.flatMap((t) => [t.longWindowMs, t.shortWindowMs])]);
  // A window finer than the base step cannot be summed from it (5m and 30m past a week's range).
  const windows = [...wanted].filter((ms) => ms % baseStepMs === 0).sort((a, b) => a - b);
  const omitted = [...wanted].filter((ms) => ms % baseStepMs !== 0).sort((a, b) => a - b).map(burnWindowName);
  const common = { sloId: slo.id, range: { from: range.from.toISOString(), to: range.to.toISOString() }, stepMs, baseStepMs, omittedWindows: omitted };
  if (slo.sli.kind === "timeslice") {
    return { ...common, kind: "timeslice" as const, note: "a timeslice SLI counts slices, not events: its budget over the window is above, and rates per step are not drawn", points: [], tiers: [], duration: null };
  }
  if (at.length === 0) return { ...common, kind: "events" as const, note: null, points: [], tiers: [], duration: null };
  const lookback = Math.max(stepMs, ...windows);
  const boundaries = seriesBoundaries({ start: new Date(at[0]! - lookback), end: new Date(at[at.length - 1]!) }, baseStepMs);
  const [counts, duration] = await Promise.all([sloStepCounts(slo, boundaries, baseStepMs), durationOf(slo, at, stepMs)]);
  const base: BaseCounts = { start: boundaries[0]!, stepMs: baseStepMs, counts };
  const burn = new Map(windows.map((ms) => [ms, trailingBurnRates({ base, at, windowMs: ms, objective: slo.objective })]));
  const red = redPoints(base, at, stepMs);
  return {
    ...common,
    kind: "events" as const,
    note: null as string | null,
    points: red.map((p, k) => ({
      at: new Date(p.at).toISOString(),
      rate: p.rate,
      errors: p.errors,
      errorRatio: p.errorRatio,
      valid: p.valid,
      bad: p.bad,
      burnRates: Object.fromEntries(windows.map((ms) => [burnWindowName(ms), burn.get(ms)![k]!])) as Record<string, number | null>,
    })),
    tiers: tiers.map((t) => {
      const long = burn.get(t.longWindowMs);
      const short = burn.get(t.shortWindowMs);
      return {
        tier: `${t.severity} ${burnWindowName(t.longWindowMs)}/${burnWindowName(t.shortWindowMs)}`,
        severity: t.severity,
        factor: t.factor,
        longWindow: burnWindowName(t.longWindowMs),
        shortWindow: burnWindowName(t.shortWindowMs),
        // null: one of its windows is finer than this range's base step.
        firing: long && short ? firingPeriods({ at, stepMs, long, short, factor: t.factor }).map((p) => ({ from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() })) : null,
      };
    }),
    duration,
  };
}
export type SloActivity = Awaited<ReturnType<typeof getSloActivity>>;
