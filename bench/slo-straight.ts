// The counting this branch replaced, kept for bench/slo.ts's "before" figure and as the oracle
// test/integration/slo-fast-path.test.ts holds the cached path to: per SLO, per window and
// series, the minute rows at the edges and the hour rows inside, each a Prisma aggregate.
import { HOUR_MS, MINUTE_MS } from "../lib/domain/slo-math";
import { db } from "../lib/server/db";
import { BURN_WINDOWS } from "../lib/server/services/slo-status";

type Named = { metric: string; labels: Record<string, string> };

async function ids(selector: Named): Promise<number[]> {
  const rows = await db().series.findMany({ where: { metric: selector.metric }, select: { id: true, labels: true } });
  return rows.filter((r) => Object.entries(selector.labels).every(([k, v]) => (JSON.parse(r.labels)[k] ?? "") === v)).map((r) => r.id);
}

async function increase(seriesIds: number[], start: number, end: number): Promise<number> {
  const firstHour = Math.ceil(start / HOUR_MS);
  const lastHour = Math.floor(end / HOUR_MS);
  const minute = (ms: number) => Math.ceil(ms / MINUTE_MS);
  const sumMinutes = async (from: number, to: number) =>
    from >= to ? 0 : ((await db().rollup1m.aggregate({ where: { seriesId: { in: seriesIds }, minute: { gte: from, lt: to } }, _sum: { increase: true } }))._sum.increase ?? 0);
  if (firstHour >= lastHour) return sumMinutes(minute(start), minute(end));
  const [head, hours, tail] = await Promise.all([
    sumMinutes(minute(start), firstHour * 60),
    db().rollup1h.aggregate({ where: { seriesId: { in: seriesIds }, hour: { gte: firstHour, lt: lastHour } }, _sum: { increase: true } }).then((r) => r._sum.increase ?? 0),
    sumMinutes(lastHour * 60, minute(end)),
  ]);
  return head + hours + tail;
}

/** One selector's increase over [start, end), the straightforward way. */
export async function straightIncrease(selector: Named, start: number, end: number): Promise<number> {
  return increase(await ids(selector), start, end);
}

/** Every count one SLO's evaluation needed: its window and the seven burn-rate windows. */
export async function straightCounts(slo: { requests: Named; errors: Named }, days: number, now: Date) {
  const [total, bad] = await Promise.all([ids(slo.requests), ids(slo.errors)]);
  const end = now.getTime();
  const windows = [days * 24 * HOUR_MS, ...Object.values(BURN_WINDOWS)];
  return Promise.all(windows.map(async (w) => ({ valid: await increase(total, end - w, end), bad: await increase(bad, end - w, end) })));
}
