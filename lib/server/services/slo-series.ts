import "server-only";
import { budgetSeries, defaultSeriesStepMs, MAX_SERIES_POINTS, seriesBoundaries, seriesPointCount } from "@/lib/domain/budget-series";
import { MINUTE_MS, type Interval } from "@/lib/domain/slo-math";
import { EMBEDDED } from "@/lib/schemas/datasource";
import type { SloDefinition } from "@/lib/schemas/slo";
import type { SloDetailQuery } from "@/lib/schemas/slo-series";
import { sliSelectors } from "../datasources/embedded";
import { prepareEmbeddedRead, resolveSelectors, stepIncreases } from "../datasources/embedded-counts";
import { clampStepSeconds, prometheusStepCounts } from "../datasources/prometheus-range";
import { AppError } from "../errors";
import { log } from "../log";
import { findDataSourceByName } from "../repos/datasources";

/** The step the series will use, refused with the smallest acceptable one when it gives too many points. */
export function seriesStep(slo: SloDefinition, window: Interval, query: SloDetailQuery): number {
  let stepMs = query.stepMs ?? defaultSeriesStepMs(window);
  // Prometheus' own limit; the cap below is lower, so this only guards the query itself.
  if (slo.dataSource !== EMBEDDED) stepMs = Math.max(stepMs, clampStepSeconds(window, stepMs / 1000) * 1000);
  const points = seriesPointCount(window, stepMs);
  if (points > MAX_SERIES_POINTS) {
    const lengthMs = window.end.getTime() - window.start.getTime();
    const minimum = Math.ceil(lengthMs / (MAX_SERIES_POINTS - 1) / MINUTE_MS);
    const message = `a step of ${stepMs / MINUTE_MS}m gives ${points} points over this window; at most ${MAX_SERIES_POINTS}, so ${minimum}m or more`;
    throw new AppError("UNPROCESSABLE", message, { issues: [{ path: ["step"], message }] });
  }
  return stepMs;
}

async function stepCounts(slo: SloDefinition, boundaries: number[], stepMs: number) {
  if (slo.dataSource === EMBEDDED) {
    await prepareEmbeddedRead();
    const { good, bad, total } = (await resolveSelectors([sliSelectors(slo.sli)]))[0]!;
    const [valid, other] = await stepIncreases([total, good ?? bad ?? []], boundaries, stepMs);
    return valid!.map((v, i) => ({ valid: v, good: good ? other![i]! : v - other![i]! }));
  }
  const ds = await findDataSourceByName(slo.dataSource);
  if (!ds) throw new AppError("UNAVAILABLE", `data source "${slo.dataSource}" no longer exists`);
  return prometheusStepCounts(ds, slo.sli, boundaries, stepMs);
}

/**
 * Error budget remaining and SLI over the window at one step (lib/domain/budget-series.ts), or
 * null with the reason when the data source cannot answer (the figures beside it are then stale).
 */
export async function sloSeries(slo: SloDefinition, window: Interval, stepMs: number) {
  const boundaries = seriesBoundaries(window, stepMs);
  try {
    const points = budgetSeries({ boundaries, steps: await stepCounts(slo, boundaries, stepMs), objective: slo.objective });
    return {
      stepMs,
      points: points.map((p) => ({
        start: p.start.toISOString(),
        at: p.at.toISOString(),
        sli: p.sli,
        good: p.good,
        valid: p.valid,
        remaining: p.remaining,
        consumed: p.consumed,
        cumulativeGood: p.cumulativeGood,
        cumulativeValid: p.cumulativeValid,
      })),
      error: null as string | null,
    };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "UNAVAILABLE")) throw error;
    log.warn("SLO series unavailable", { slo: slo.id, error: error.message });
    return { stepMs, points: null, error: error.message };
  }
}

/** Good and valid events per step between boundaries, from whichever source the SLO reads (the activity charts use it too). */
export const sloStepCounts = stepCounts;
