import "server-only";
import { alertTiers, tierFires } from "@/lib/domain/alert-tiers";
import { burnRate, timeToExhaustion } from "@/lib/domain/burn-rate";
import { errorBudget } from "@/lib/domain/error-budget";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "@/lib/domain/slo-math";
import { windowBounds, type WindowSpec } from "@/lib/domain/window-bounds";
import type { SloDefinition, SloWindow } from "@/lib/schemas/slo";
import { EMBEDDED } from "@/lib/schemas/datasource";
import { embeddedSource, type WindowCounts } from "../datasources/embedded";
import { prometheusSource } from "../datasources/prometheus";
import { AppError } from "../errors";
import { log } from "../log";
import { findDataSourceByName } from "../repos/datasources";

/** The burn-rate windows the API reports: every long and short window of the default tiers. */
export const BURN_WINDOWS = { "5m": 5 * MINUTE_MS, "30m": 30 * MINUTE_MS, "1h": HOUR_MS, "2h": 2 * HOUR_MS, "6h": 6 * HOUR_MS, "1d": DAY_MS, "3d": 3 * DAY_MS } as const;
type BurnWindow = keyof typeof BURN_WINDOWS;

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

const windowName = (ms: number) => (Object.entries(BURN_WINDOWS).find(([, v]) => v === ms)?.[0] ?? `${ms}ms`) as BurnWindow;

type Source = { counts(interval: { start: Date; end: Date }): Promise<WindowCounts>; historyStart(): Promise<Date | null> };

export async function sourceFor(slo: SloDefinition): Promise<Source> {
  if (slo.dataSource === EMBEDDED) return embeddedSource(slo.sli);
  const ds = await findDataSourceByName(slo.dataSource);
  if (!ds) throw new AppError("UNAVAILABLE", `data source "${slo.dataSource}" no longer exists`);
  return prometheusSource(ds, slo.sli);
}

/** Answers nothing: what an SLO shows when its source is down and nothing good is remembered. */
const silentSource: Source = { counts: async () => ({ good: 0, valid: 0 }), historyStart: async () => null };

// The last figures each SLO computed, per process, served marked stale while its data source is
// down: a page with yesterday's numbers and a banner beats an error page (architecture.md).
const lastGood = new Map<string, SloEvaluation>();

/** Every figure of one SLO at `now`, or the last good ones marked stale when its source is down. */
export async function evaluateSlo(slo: SloDefinition, now: Date) {
  try {
    const evaluation = await computeSlo(slo, await sourceFor(slo), now);
    lastGood.set(slo.id, evaluation);
    return evaluation;
  } catch (error) {
    if (!(error instanceof AppError && error.code === "UNAVAILABLE")) throw error;
    log.warn("SLO data source unavailable", { slo: slo.id, error: error.message });
    const last = lastGood.get(slo.id) ?? (await computeSlo(slo, silentSource, now));
    return { ...last, stale: true, staleSince: lastGood.has(slo.id) ? last.window.end : null, error: error.message };
  }
}

/** Every figure of one SLO at `now`, with the counts it came from (slo-math.md "Show your work"). */
async function computeSlo(slo: SloDefinition, source: Source, now: Date) {
  const window = windowBounds(windowSpec(slo.window), now);
  const [counts, historyStart] = await Promise.all([source.counts(window).then(reconcile), source.historyStart()]);
  const budget = errorBudget({
    good: counts.good,
    valid: counts.valid,
    objective: slo.objective,
    window,
    ...(historyStart && historyStart > window.start ? { historyStart } : {}),
  });
  const rates = Object.fromEntries(
    await Promise.all(
      Object.entries(BURN_WINDOWS).map(async ([name, ms]) => {
        const interval = { start: new Date(now.getTime() - ms), end: now };
        const c = reconcile(await source.counts(interval));
        return [name, burnRate({ good: c.good, valid: c.valid, objective: slo.objective, window: interval })] as const;
      }),
    ),
  ) as Record<BurnWindow, ReturnType<typeof burnRate>>;
  const tiers = alertTiers(window.periodMs).map((tier) => {
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
export type SloEvaluation = Awaited<ReturnType<typeof computeSlo>>;
