import "server-only";
import { budgetSparkline, sparklineBoundaries, sparklineStepMs } from "@/lib/domain/budget-sparkline";
import { rollupSegments, segmentKey, type RollupSegment } from "@/lib/domain/rollup-segments";
import { windowBounds } from "@/lib/domain/window-bounds";
import { EMBEDDED } from "@/lib/schemas/datasource";
import type { SloDefinition } from "@/lib/schemas/slo";
import { sliSelectors } from "../datasources/embedded";
import { increasesOver, prepareEmbeddedRead, resolveSelectors, type SliSeries } from "../datasources/embedded-counts";
import { prometheusStepCounts } from "../datasources/prometheus-range";
import { ensureSums } from "../datasources/rollup-cache";
import { log } from "../log";
import { findDataSourceByName } from "../repos/datasources";
import { listSloSparklineInputs, listSlos } from "../repos/slos";
import { subtractExclusions } from "./slo-series";
import { windowSpec } from "./slo-status";

// Budget remaining over each SLO's window, a few dozen points per SLO, for the list's sparklines.
// Embedded SLOs are cut into whole days (lib/domain/budget-sparkline.ts): the very day blocks the
// list's evaluation has just summed into the rollup cache, so 1,000 sparklines are memory reads.
// Prometheus SLOs cost queries each, so only the first few get one, remembered for a while.

export type SloSparkline =
  | { id: string; remaining: number[]; at: number[]; stepMs: number; reason: null }
  | { id: string; remaining: null; at: null; stepMs: null; reason: string };

/** Prometheus sparklines drawn per list; the rest say why they have none. */
export const PROMETHEUS_SPARKLINES = 20;
const PROMETHEUS_TTL_MS = 5 * 60_000;
// A list page does not wait longer than this for a slow or unreachable Prometheus.
const PROMETHEUS_DEADLINE_MS = 1_500;
const remembered = new Map<string, { at: number; key: string; sparkline: SloSparkline }>();

const none = (id: string, reason: string): SloSparkline => ({ id, remaining: null, at: null, stepMs: null, reason });
const rounded = (values: number[]) => values.map((v) => Math.round(v * 10_000) / 10_000);

/**
 * The budget sparklines of these SLOs (ids), in that order: the most urgent first, so that the
 * Prometheus ones drawn are the ones that matter. Unknown ids are left out.
 */
export async function listBudgetSparklines(now: Date, ids: readonly string[]): Promise<SloSparkline[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await listSloSparklineInputs(ids)).map((s) => [s.id, s]));
  return budgetSparklines(ids.flatMap((id) => byId.get(id) ?? []), now);
}

/** Every SLO's id, in the order the store lists them. */
export async function listSloIds(): Promise<string[]> {
  return (await listSlos()).map((s) => s.id);
}

/** What a sparkline reads of an SLO. */
export type SparklineInput = Pick<SloDefinition, "id" | "objective" | "window" | "sli" | "dataSource" | "exclusions">;

export async function budgetSparklines(slos: readonly SparklineInput[], now: Date): Promise<SloSparkline[]> {
  const embedded = slos.filter((s) => s.dataSource === EMBEDDED && s.sli.kind !== "timeslice");
  const prometheus = slos.filter((s) => s.dataSource !== EMBEDDED && s.sli.kind !== "timeslice");
  const [fromStore, fromPrometheus] = await Promise.all([embeddedSparklines(embedded, now), prometheusSparklines(prometheus, now)]);
  const byId = new Map([...fromStore, ...fromPrometheus].map((s) => [s.id, s]));
  return slos.map((s) => byId.get(s.id) ?? none(s.id, "timeslice SLIs count slices: their budget over time is on the SLO's page"));
}

type Planned = { slo: SparklineInput; boundaries: number[]; stepMs: number; series: SliSeries };

async function embeddedSparklines(slos: readonly SparklineInput[], now: Date): Promise<SloSparkline[]> {
  if (slos.length === 0) return [];
  try {
    await prepareEmbeddedRead();
    const series = await resolveSelectors(slos.map((s) => sliSelectors(s.sli)));
    // SLOs with the same window share their cut: one pass per distinct window, not per SLO.
    const groups = new Map<string, Planned[]>();
    slos.forEach((slo, i) => {
      const window = windowBounds(windowSpec(slo.window), now);
      const boundaries = sparklineBoundaries(window);
      const key = boundaries.join(",");
      groups.set(key, [...(groups.get(key) ?? []), { slo, boundaries, stepMs: sparklineStepMs(window), series: series[i]! }]);
    });
    const ids = new Set<number>();
    const segments = new Map<string, RollupSegment>();
    for (const [, planned] of groups) {
      const { boundaries } = planned[0]!;
      for (let i = 0; i + 1 < boundaries.length; i++) {
        for (const seg of rollupSegments({ start: new Date(boundaries[i]!), end: new Date(boundaries[i + 1]!) })) segments.set(segmentKey(seg), seg);
      }
      for (const { series: s } of planned) for (const id of [...s.total, ...(s.good ?? s.bad ?? [])]) ids.add(id);
    }
    // Mostly kept already by the list's evaluation; whatever is not is read in grouped scans.
    await ensureSums([...ids], [...segments.values()]);
    const out: SloSparkline[] = [];
    for (const [, planned] of groups) {
      const { boundaries } = planned[0]!;
      const idSets = planned.flatMap(({ series: s }) => [s.total, s.good ?? s.bad ?? []]);
      const perStep: number[][] = [];
      for (let i = 0; i + 1 < boundaries.length; i++) perStep.push(await increasesOver(idSets, { start: new Date(boundaries[i]!), end: new Date(boundaries[i + 1]!) }));
      for (const [k, { slo, series: s, stepMs }] of planned.entries()) {
        const raw = perStep.map((totals) => {
          const valid = totals[2 * k]!;
          const other = totals[2 * k + 1]!;
          return { valid, good: s.good ? other : valid - other };
        });
        // Exclusions (few SLOs have any) cost their own reads, as in the budget.
        const steps = await subtractExclusions(slo, boundaries, raw);
        const line = budgetSparkline({ boundaries, steps, objective: slo.objective });
        out.push({ id: slo.id, remaining: rounded(line.remaining), at: line.at, stepMs, reason: null });
      }
    }
    return out;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn("budget sparklines unavailable", { error: message });
    return slos.map((s) => none(s.id, `the sample store could not be read: ${message}`));
  }
}

async function prometheusSparklines(slos: readonly SparklineInput[], now: Date): Promise<SloSparkline[]> {
  return Promise.all(
    slos.map(async (slo, i) => {
      const window = windowBounds(windowSpec(slo.window), now);
      const boundaries = sparklineBoundaries(window);
      const stepMs = sparklineStepMs(window);
      // The inner boundaries move once a step (a day for 30-day windows); the ends every minute.
      const key = `${slo.objective}:${boundaries[1]}:${boundaries.length}:${slo.exclusions.map((e) => `${e.id}@${e.end}`).join()}`;
      const kept = remembered.get(slo.id);
      if (kept && kept.key === key && now.getTime() - kept.at < PROMETHEUS_TTL_MS) return kept.sparkline;
      if (i >= PROMETHEUS_SPARKLINES) return none(slo.id, `drawn for the ${PROMETHEUS_SPARKLINES} most urgent Prometheus SLOs only; see its page`);
      try {
        const ds = await findDataSourceByName(slo.dataSource);
        if (!ds) return none(slo.id, `data source "${slo.dataSource}" no longer exists`);
        const steps = await withDeadline(prometheusStepCounts(ds, slo.sli, boundaries, stepMs).then((raw) => subtractExclusions(slo, boundaries, raw)), PROMETHEUS_DEADLINE_MS);
        const line = budgetSparkline({ boundaries, steps: steps.map((c) => ({ valid: c.valid, good: Math.max(0, c.good) })), objective: slo.objective });
        const sparkline: SloSparkline = { id: slo.id, remaining: rounded(line.remaining), at: line.at, stepMs, reason: null };
        remembered.set(slo.id, { at: now.getTime(), key, sparkline });
        return sparkline;
      } catch (error) {
        return none(slo.id, `Prometheus did not answer: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
