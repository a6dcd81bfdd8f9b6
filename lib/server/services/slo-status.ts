import "server-only";
import { alertTiers, BURN_WINDOWS, burnWindowName as windowName, type BurnWindow, DEFAULT_ALERT_TIERS, tierFires } from "@/lib/domain/alert-tiers";
import { burnRate, timeToExhaustion } from "@/lib/domain/burn-rate";
import { errorBudget } from "@/lib/domain/error-budget";
import { timesliceBudget } from "@/lib/domain/timeslice-budget";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { windowBounds, type WindowSpec } from "@/lib/domain/window-bounds";
import type { SloDefinition, SloWindow } from "@/lib/schemas/slo";
import { EMBEDDED } from "@/lib/schemas/datasource";
import { embeddedSource, type WindowCounts } from "../datasources/embedded";
import { prometheusSource } from "../datasources/prometheus";
import { timesliceSource } from "../datasources/timeslice";
import { AppError } from "../errors";
import { log } from "../log";
import { findDataSourceByName } from "../repos/datasources";
import { manyOutsideExclusions } from "./slo-exclusions";
import { groupKey, groupSli, groupsOf, prometheusGroups } from "./slo-groups";

export { BURN_WINDOWS };

export type SloStatus = "ok" | "warning" | "breached" | "no-data";

export function windowSpec(window: SloWindow): WindowSpec {
  return window.kind === "rolling" ? { kind: "rolling", durationMs: window.days * DAY_MS } : window;
}

/**
 * Scrape skew can leave a minute with more good events than total; the math refuses that, so the
 * excess is cut and the cut reported, rather than a budget above 100%.
 */
function reconcile(counts: WindowCounts): WindowCounts & { clampedGood: number } {
  const good = Math.max(0, Math.min(counts.good, counts.valid));
  return { good, valid: counts.valid, clampedGood: counts.good - good };
}

export type Source = {
  counts(interval: { start: Date; end: Date }): Promise<WindowCounts>;
  countsMany?(intervals: readonly { start: Date; end: Date }[]): Promise<WindowCounts[]>;
  historyStart(): Promise<Date | null>;
};

export async function sourceFor(slo: SloDefinition, now: Date): Promise<Source> {
  if (slo.sli.kind === "timeslice") {
    // Everything one evaluation reads: the window and the longest burn window.
    const start = Math.min(windowBounds(windowSpec(slo.window), now).start.getTime(), now.getTime() - BURN_WINDOWS["3d"]);
    return timesliceSource(slo.sli, slo.exclusions, { start: new Date(start), end: now });
  }
  if (slo.dataSource === EMBEDDED) return embeddedSource(slo.sli);
  return prometheusSource(await dataSourceOf(slo), slo.sli);
}

async function dataSourceOf(slo: SloDefinition) {
  const ds = await findDataSourceByName(slo.dataSource);
  if (!ds) throw new AppError("UNAVAILABLE", `data source "${slo.dataSource}" no longer exists`);
  return ds;
}

/** A grouped SLO's groups, each with the source of its counts (grouped queries on Prometheus). */
async function groupSources(slo: SloDefinition, now: Date): Promise<{ groups: { labels: Record<string, string>; source: Source }[]; truncated: number }> {
  if (slo.dataSource !== EMBEDDED && slo.sli.kind !== "timeslice") {
    return prometheusGroups(slo, await dataSourceOf(slo), windowBounds(windowSpec(slo.window), now));
  }
  const { groups, truncated } = await groupsOf(slo);
  const sources = await Promise.all(groups.map(async (labels) => ({ labels, source: await sourceFor(groupDefinition(slo, labels), now) })));
  return { groups: sources, truncated };
}

/** The SLO restricted to one group, evaluated as an SLO of its own. */
const groupDefinition = (slo: SloDefinition, labels: Record<string, string>): SloDefinition => ({ ...slo, sli: groupSli(slo.sli, labels), groupBy: [] });

/** Answers nothing: what an SLO shows when its source is down and nothing good is remembered. */
const silentSource: Source = { counts: async () => ({ good: 0, valid: 0 }), historyStart: async () => null };

// The last figures each SLO computed, per process, served marked stale while its data source is
// down: a page with yesterday's numbers and a banner beats an error page (architecture.md).
const lastGood = new Map<string, SloEvaluation>();

/** Every figure of one SLO at `now`, or the last good ones marked stale when its source is down. */
export async function evaluateSlo(slo: SloDefinition, now: Date) {
  try {
    const evaluation = await withGroups(slo, await computeSlo(slo, await sourceFor(slo, now), now), now);
    lastGood.set(slo.id, evaluation);
    return evaluation;
  } catch (error) {
    if (!(error instanceof AppError && error.code === "UNAVAILABLE")) throw error;
    log.warn("SLO data source unavailable", { slo: slo.id, error: error.message });
    const last = lastGood.get(slo.id) ?? (await computeSlo(slo, silentSource, now));
    return { ...last, stale: true, staleSince: lastGood.has(slo.id) ? last.window.end : null, error: error.message };
  }
}

/**
 * A grouped SLO's figures per group (e.g. per route) beside its overall ones; each group's tiers
 * join the SLO's, named with the group, so the alert job pages per group.
 */
async function withGroups(slo: SloDefinition, overall: SloEvaluation, now: Date): Promise<SloEvaluation> {
  if (slo.groupBy.length === 0) return overall;
  const { groups, truncated } = await groupSources(slo, now);
  const figures = await Promise.all(
    groups.map(async ({ labels, source }) => ({ labels, key: groupKey(labels), evaluation: await computeSlo(groupDefinition(slo, labels), source, now) })),
  );
  return {
    ...overall,
    tiers: [...overall.tiers, ...figures.flatMap((g) => g.evaluation.tiers.map((t) => ({ ...t, tier: `${t.tier} {${g.key}}` })))],
    groups: figures.map(({ labels, key, evaluation: e }) => ({
      labels, key, status: e.status, sli: e.sli, budget: e.budget, burnRates: e.burnRates, fastestBurnRate: e.fastestBurnRate,
      alerts: e.alerts, timeToExhaustionMs: e.timeToExhaustionMs, lowTraffic: e.lowTraffic,
    })),
    groupsTruncated: truncated,
  };
}

/** Every figure of one SLO at `now`, with the counts it came from (slo-math.md "Show your work"). */
export async function computeSlo(slo: SloDefinition, source: Source, now: Date): Promise<SloEvaluation> {
  // Groups are filled in by withGroups.
  return { ...(await computeFigures(slo, source, now)), groups: [], groupsTruncated: 0 };
}

async function computeFigures(slo: SloDefinition, source: Source, now: Date) {
  const window = windowBounds(windowSpec(slo.window), now);
  // A timeslice source skips excluded slices itself: it knows where slices start.
  const exclusions = slo.sli.kind === "timeslice" ? [] : slo.exclusions;
  // The window and every burn-rate window asked of the source at once: a list evaluates 1,000 SLOs.
  const burnIntervals = Object.values(BURN_WINDOWS).map((ms) => ({ start: new Date(now.getTime() - ms), end: now }));
  const [[inWindow, ...burnCounts], historyStart] = await Promise.all([
    manyOutsideExclusions(source, [window, ...burnIntervals], exclusions),
    source.historyStart(),
  ]);
  const { excluded, ...raw } = inWindow!;
  const counts = reconcile(raw);
  const common = {
    good: counts.good,
    valid: counts.valid,
    objective: slo.objective,
    window,
    ...(historyStart && historyStart > window.start ? { historyStart } : {}),
  };
  const slices =
    slo.sli.kind === "timeslice"
      ? timesliceBudget({
          ...common,
          sliceMs: slo.sli.sliceMinutes * MINUTE_MS,
          // Counted already; passed with no events so the budget can report the excluded slices.
          exclusions: slo.exclusions.map((e) => ({ start: new Date(e.start), end: new Date(e.end), reason: e.reason, author: e.author, good: 0, valid: 0 })),
        })
      : null;
  const budget = slices ?? errorBudget(common);
  const rates = Object.fromEntries(
    Object.keys(BURN_WINDOWS).map((name, i) => {
      const c = reconcile(burnCounts[i]!);
      return [name, burnRate({ good: c.good, valid: c.valid, objective: slo.objective, window: burnIntervals[i]! })] as const;
    }),
  ) as Record<BurnWindow, ReturnType<typeof burnRate>>;
  const tierSpecs = slo.alertTiers?.map((t) => ({ ...t, longWindowMs: BURN_WINDOWS[t.longWindow], shortWindowMs: BURN_WINDOWS[t.shortWindow] })) ?? DEFAULT_ALERT_TIERS;
  const tiers = alertTiers(window.periodMs, tierSpecs).map((tier) => {
    const t = tierFires({ tier, long: rates[windowName(tier.longWindowMs)], short: rates[windowName(tier.shortWindowMs)] });
    return {
      tier: `${t.severity} ${windowName(tier.longWindowMs)}/${windowName(tier.shortWindowMs)}`,
      fires: t.fires,
      severity: t.severity,
      longWindow: windowName(tier.longWindowMs),
      shortWindow: windowName(tier.shortWindowMs),
      factor: t.factor,
      long: { burnRate: t.long.burnRate, good: t.long.good, valid: t.long.valid },
      short: { burnRate: t.short.burnRate, good: t.short.good, valid: t.short.valid },
    };
  });
  const firing = tiers.filter((t) => t.fires);
  const fastest = Math.max(...Object.values(rates).map((r) => r.burnRate));
  const status: SloStatus = budget.status === "no-data" ? "no-data" : budget.remaining <= 0 ? "breached" : firing.length > 0 ? "warning" : "ok";
  return {
    id: slo.id,
    name: slo.name,
    service: slo.service,
    objective: budget.objective,
    window: { start: window.start.toISOString(), end: window.end.toISOString(), periodMs: window.periodMs },
    status,
    sli: budget.sli,
    budget: {
      remaining: budget.remaining,
      consumed: budget.consumed,
      allowed: budget.allowed,
      good: budget.good,
      valid: budget.valid,
      bad: budget.bad,
      coverage: budget.coverage?.coverage ?? 1,
      clampedGood: counts.clampedGood,
    },
    /** The exclusions that removed events from the window, clipped to it, with what each removed. */
    exclusions: excluded,
    /** For timeslice SLIs: counts above are slices; the budget also as time (slo-math.md). */
    timeslice: slices && {
      sliceMs: slices.sliceMs,
      slicesInPeriod: slices.slicesInPeriod,
      elapsedSlices: slices.elapsedSlices,
      gapSlices: slices.gapSlices,
      excludedSlices: slices.excludedSlices,
      allowedMs: slices.allowedMs,
      remainingMs: slices.remainingMs,
    },
    burnRates: Object.fromEntries(Object.entries(rates).map(([name, r]) => [name, r.burnRate])) as Record<BurnWindow, number>,
    timeToExhaustionMs: timeToExhaustion({ remaining: budget.remaining, burnRate: rates["1h"].burnRate, periodMs: window.periodMs }).timeToExhaustionMs,
    fastestBurnRate: fastest,
    alerts: firing.map((t) => ({ severity: t.severity, longWindow: t.longWindow, shortWindow: t.shortWindow, factor: t.factor, longBurnRate: t.long.burnRate, shortBurnRate: t.short.burnRate })),
    tiers,
    lowTraffic: budget.isLowTraffic,
    dataSource: slo.dataSource,
    stale: false,
    /** When the figures shown were computed, if they are stale. */
    staleSince: null as string | null,
    error: null as string | null,
  };
}
type SloFigures = Awaited<ReturnType<typeof computeFigures>>;
export type SloGroupFigures = { labels: Record<string, string>; key: string } & Pick<
  SloFigures, "status" | "sli" | "budget" | "burnRates" | "fastestBurnRate" | "alerts" | "timeToExhaustionMs" | "lowTraffic"
>;
export type SloEvaluation = SloFigures & { groups: SloGroupFigures[]; groupsTruncated: number };
