import "server-only";
import type { Interval } from "@/lib/domain/slo-math";
import { windowBounds } from "@/lib/domain/window-bounds";
import { EMBEDDED } from "@/lib/schemas/datasource";
import type { SloDefinition } from "@/lib/schemas/slo";
import { sliSelectors } from "../datasources/embedded";
import { prefetchIncreases, prepareEmbeddedRead, resolveSelectors } from "../datasources/embedded-counts";
import { log } from "../log";
import { BURN_WINDOWS, windowSpec } from "./slo-status";

/** The intervals one evaluation of an SLO at `now` counts: its window and every burn-rate window. */
export function evaluationIntervals(slo: SloDefinition, now: Date): Interval[] {
  return [windowBounds(windowSpec(slo.window), now), ...Object.values(BURN_WINDOWS).map((ms) => ({ start: new Date(now.getTime() - ms), end: now }))];
}

/**
 * Sums what every embedded SLO of a list will ask for, in a few scans shared by all of them, so
 * the evaluations that follow read from memory. Best effort: on failure each evaluation asks
 * for itself and reports what goes wrong.
 */
export async function prefetchSloCounts(slos: readonly SloDefinition[], now: Date): Promise<void> {
  const embedded = slos.filter((slo) => slo.dataSource === EMBEDDED);
  if (embedded.length === 0) return;
  try {
    await prepareEmbeddedRead();
    const series = await resolveSelectors(embedded.map((slo) => sliSelectors(slo.sli)));
    await prefetchIncreases(embedded.map((slo, i) => ({ series: series[i]!, intervals: evaluationIntervals(slo, now) })));
  } catch (error) {
    log.warn("SLO counts could not be read ahead", { error: error instanceof Error ? error.message : String(error) });
  }
}
