import "server-only";
import { HOUR_MS, type Interval, MINUTE_MS } from "@/lib/domain/slo-math";
import { countSlices, type MinuteFigures, type SliceCondition, slicesPerStep } from "@/lib/domain/timeslice";
import type { SloExclusion, TimesliceSli } from "@/lib/schemas/slo";
import { db } from "../db";
import { seriesIds } from "./embedded";
import { prepareEmbeddedRead } from "./embedded-counts";
import type { WindowCounts } from "./embedded";

const EMPTY: MinuteFigures = { count: 0, sum: 0, min: 0, max: 0, eventIncrease: 0, totalIncrease: 0 };

function conditionOf(sli: TimesliceSli): SliceCondition {
  const i = sli.indicator;
  return i.type === "gauge"
    ? { type: "gauge", aggregation: i.aggregation, op: i.op, threshold: i.threshold }
    : { type: "ratio", counts: i.good ? "good" : "bad", target: i.target };
}

/** Every minute's figures in [from, to) (epoch minutes), summed over the SLI's series. */
async function loadMinutes(sli: TimesliceSli, from: number, to: number): Promise<Map<number, MinuteFigures>> {
  const minutes = new Map<number, MinuteFigures>();
  const at = (minute: number) => minutes.get(minute) ?? minutes.set(minute, { ...EMPTY }).get(minute)!;
  const i = sli.indicator;
  const range = { gte: from, lt: to };
  if (i.type === "gauge") {
    const ids = await seriesIds({ metric: i.metric, matchers: i.matchers });
    if (ids.length === 0) return minutes;
    const rows = await db().rollup1m.groupBy({
      by: ["minute"], where: { seriesId: { in: ids }, minute: range, count: { gt: 0 } },
      _sum: { sum: true, count: true }, _min: { min: true }, _max: { max: true },
    });
    for (const r of rows) Object.assign(at(r.minute), { count: r._sum.count ?? 0, sum: r._sum.sum ?? 0, min: r._min.min ?? 0, max: r._max.max ?? 0 });
    return minutes;
  }
  const [eventIds, totalIds] = await Promise.all([seriesIds((i.good ?? i.bad)!), seriesIds(i.total)]);
  const sums = (ids: number[]) =>
    ids.length === 0 ? Promise.resolve([]) : db().rollup1m.groupBy({ by: ["minute"], where: { seriesId: { in: ids }, minute: range }, _sum: { increase: true } });
  const [events, totals] = await Promise.all([sums(eventIds), sums(totalIds)]);
  for (const r of events) at(r.minute).eventIncrease = r._sum.increase ?? 0;
  for (const r of totals) at(r.minute).totalIncrease = r._sum.increase ?? 0;
  return minutes;
}

/**
 * A timeslice SLI on the embedded store: counts are slices, not events. The minutes of `span`
 * (everything one evaluation asks about: the window and the longest burn window) are read once;
 * slices that start inside an exclusion are skipped here, where slices are known.
 */
export function timesliceSource(sli: TimesliceSli, exclusions: readonly SloExclusion[], span: Interval) {
  const sliceMs = sli.sliceMinutes * MINUTE_MS;
  const condition = conditionOf(sli);
  const excluded = exclusions.map((e) => ({ start: new Date(e.start), end: new Date(e.end) }));
  let loaded: Promise<Map<number, MinuteFigures>> | undefined;
  const spanMinutes = [Math.ceil(span.start.getTime() / MINUTE_MS), Math.ceil(span.end.getTime() / MINUTE_MS)] as const;
  const minutesFor = async (interval: Interval) => {
    const from = Math.ceil(interval.start.getTime() / MINUTE_MS);
    const to = Math.ceil(interval.end.getTime() / MINUTE_MS);
    if (from >= spanMinutes[0] && to <= spanMinutes[1]) {
      return (loaded ??= prepareEmbeddedRead().then(() => loadMinutes(sli, ...spanMinutes)));
    }
    // Applies acknowledged samples and refreshes the cached selector → series ids seriesIds reads.
    await prepareEmbeddedRead();
    return loadMinutes(sli, from, to);
  };
  return {
    sliceMs,
    async slices(interval: Interval) {
      return countSlices({ ...interval, sliceMs, minutes: await minutesFor(interval), condition, exclusions: excluded });
    },
    async counts(interval: Interval): Promise<WindowCounts> {
      const { good, valid } = await this.slices(interval);
      return { good, valid };
    },
    /** The slices of the interval (cut from its start) counted per step, by where each starts. */
    async perStep(interval: Interval, boundaries: readonly number[]) {
      return slicesPerStep({ ...interval, sliceMs, minutes: await minutesFor(interval), condition, exclusions: excluded, boundaries });
    },
    /** When the SLI's data begins: the first hour any of its series has data. */
    async historyStart(): Promise<Date | null> {
      const i = sli.indicator;
      await prepareEmbeddedRead();
      const ids = await seriesIds(i.type === "gauge" ? { metric: i.metric, matchers: i.matchers } : i.total);
      if (ids.length === 0) return null;
      const first = await db().rollup1h.aggregate({ where: { seriesId: { in: ids } }, _min: { hour: true } });
      return first._min.hour === null ? null : new Date(first._min.hour * HOUR_MS);
    },
  };
}
