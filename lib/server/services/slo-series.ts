import "server-only";
import {
  budgetSeries, defaultSeriesStepMs, excludedParts, MAX_SERIES_POINTS, seriesBoundaries, seriesPointCount, type StepCounts, withoutExcluded,
} from "@/lib/domain/budget-series";
import { MINUTE_MS, type Interval } from "@/lib/domain/slo-math";
import type { WindowBounds } from "@/lib/domain/window-bounds";
import { EMBEDDED } from "@/lib/schemas/datasource";
import type { Sli, SloDefinition, TimesliceSli } from "@/lib/schemas/slo";
import type { SloDetailQuery } from "@/lib/schemas/slo-series";
import { embeddedSource, sliSelectors } from "../datasources/embedded";
import { prepareEmbeddedRead, resolveSelectors, stepIncreases } from "../datasources/embedded-counts";
import { prometheusSource } from "../datasources/prometheus";
import { clampStepSeconds, prometheusStepCounts } from "../datasources/prometheus-range";
import { timesliceSource } from "../datasources/timeslice";
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

/** Each step's counts before exclusions. */
async function rawStepCounts(slo: SloDefinition, sli: Exclude<Sli, TimesliceSli>, boundaries: number[], stepMs: number): Promise<StepCounts[]> {
  if (slo.dataSource === EMBEDDED) {
    await prepareEmbeddedRead();
    const { good, bad, total } = (await resolveSelectors([sliSelectors(sli)]))[0]!;
    const [valid, other] = await stepIncreases([total, good ?? bad ?? []], boundaries, stepMs);
    return valid!.map((v, i) => ({ valid: v, good: good ? other![i]! : v - other![i]! }));
  }
  return prometheusStepCounts(await dataSourceOf(slo), sli, boundaries, stepMs);
}

async function dataSourceOf(slo: Pick<SloDefinition, "dataSource">) {
  const ds = await findDataSourceByName(slo.dataSource);
  if (!ds) throw new AppError("UNAVAILABLE", `data source "${slo.dataSource}" no longer exists`);
  return ds;
}

/**
 * Steps' counts (between any boundaries) with the SLO's exclusions taken out as the budget takes
 * them out: events inside an exclusion leave both good and valid (countsOutsideExclusions); a step
 * wholly inside one is emptied. The budget sparklines use it too, so their last point is the budget.
 */
export async function subtractExclusions(slo: Pick<SloDefinition, "sli" | "dataSource" | "exclusions">, boundaries: number[], steps: StepCounts[]): Promise<StepCounts[]> {
  const sli = slo.sli;
  if (sli.kind === "timeslice" || slo.exclusions.length === 0) return steps;
  const source = slo.dataSource === EMBEDDED ? embeddedSource(sli) : prometheusSource(await dataSourceOf(slo), sli);
  const exclusions = slo.exclusions.map((e) => ({ start: new Date(e.start), end: new Date(e.end) }));
  const parts = await Promise.all(
    excludedParts(boundaries, exclusions).map(async (part) => ({
      ...part,
      ...(part.whole ? { good: 0, valid: 0 } : await source.counts({ start: new Date(part.start), end: new Date(part.end) })),
    })),
  );
  return withoutExcluded(steps, parts);
}

/**
 * Each step's good and valid, exclusions applied; for timeslice SLIs, slices that start inside one
 * are skipped, and the counts are slices, each in the step its start lies in.
 */
async function stepCounts(slo: SloDefinition, window: Interval, boundaries: number[], stepMs: number): Promise<StepCounts[]> {
  const sli = slo.sli;
  if (sli.kind === "timeslice") return (await timesliceSource(sli, slo.exclusions, window).perStep(window, boundaries)).map(({ good, valid }) => ({ good, valid }));
  return subtractExclusions(slo, boundaries, await rawStepCounts(slo, sli, boundaries, stepMs));
}

/**
 * Error budget remaining and SLI over the window at one step (lib/domain/budget-series.ts), or
 * null with the reason when the data source cannot answer (the figures beside it are then stale).
 */
export async function sloSeries(slo: SloDefinition, window: WindowBounds, stepMs: number) {
  const boundaries = seriesBoundaries(window, stepMs);
  // A timeslice budget is a share of the period's slices, not of the events so far.
  const allowance = slo.sli.kind === "timeslice" ? { capacity: window.periodMs, per: slo.sli.sliceMinutes * MINUTE_MS } : undefined;
  try {
    const points = budgetSeries({ boundaries, steps: await stepCounts(slo, window, boundaries, stepMs), objective: slo.objective, allowance });
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

/**
 * Good and valid events per step between boundaries, exclusions applied, from whichever source the
 * SLO reads (the activity charts use it too); the boundaries' span is the interval.
 */
export function sloStepCounts(slo: SloDefinition, boundaries: number[], stepMs: number): Promise<StepCounts[]> {
  const span = { start: new Date(boundaries[0]!), end: new Date(boundaries[boundaries.length - 1]!) };
  return stepCounts(slo, span, boundaries, stepMs);
}
