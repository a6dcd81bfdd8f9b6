import "server-only";
import type { Interval } from "@/lib/domain/slo-math";
import type { SloExclusion } from "@/lib/schemas/slo";
import type { WindowCounts } from "../datasources/embedded";

/** A data source; `countsMany` (optional) answers several intervals in one call. */
type CountSource = { counts(interval: Interval): Promise<WindowCounts>; countsMany?(intervals: readonly Interval[]): Promise<WindowCounts[]> };

/** Counts over several intervals, in one call where the source can (one await per SLO, not dozens). */
export const countsOver = (source: CountSource, intervals: readonly Interval[]): Promise<WindowCounts[]> =>
  source.countsMany ? source.countsMany(intervals) : Promise.all(intervals.map((i) => source.counts(i)));

/** An exclusion as applied to one interval: clipped to it, with the events it removed. */
export type AppliedExclusionView = Pick<SloExclusion, "id" | "kind" | "reason" | "author"> & { start: string; end: string; good: number; valid: number };

/**
 * good and valid over the interval with the events inside the SLO's exclusions removed from both
 * (slo-math.md "Exclusions"). Raw counts are subtracted before any reconciling, so scrape skew
 * inside and outside an exclusion cannot make the difference negative.
 */
export async function countsOutsideExclusions(
  source: CountSource,
  interval: Interval,
  exclusions: readonly SloExclusion[],
): Promise<WindowCounts & { excluded: AppliedExclusionView[] }> {
  return (await manyOutsideExclusions(source, [interval], exclusions))[0]!;
}

/** countsOutsideExclusions for several intervals, asked of the source in one call. */
export async function manyOutsideExclusions(
  source: CountSource,
  intervals: readonly Interval[],
  exclusions: readonly SloExclusion[],
): Promise<(WindowCounts & { excluded: AppliedExclusionView[] })[]> {
  const plans = intervals.map((interval) => ({ interval, clipped: clip(interval, exclusions) }));
  const asked = plans.flatMap(({ interval, clipped }) => [interval, ...clipped.map((e) => ({ start: e.from, end: e.to }))]);
  const counts = await countsOver(source, asked);
  let next = 0;
  return plans.map(({ clipped }) => {
    const total = counts[next++]!;
    return subtract(total, clipped, clipped.map(() => counts[next++]!));
  });
}

function clip(interval: Interval, exclusions: readonly SloExclusion[]) {
  return exclusions
    .map((e) => ({
      ...e,
      from: new Date(Math.max(Date.parse(e.start), interval.start.getTime())),
      to: new Date(Math.min(Date.parse(e.end), interval.end.getTime())),
    }))
    .filter((e) => e.from < e.to);
}

function subtract(total: WindowCounts, clipped: ReturnType<typeof clip>, inside: WindowCounts[]): WindowCounts & { excluded: AppliedExclusionView[] } {
  const excluded = clipped.map((e, i) => ({
    id: e.id, kind: e.kind, reason: e.reason, author: e.author,
    start: e.from.toISOString(), end: e.to.toISOString(), good: inside[i]!.good, valid: inside[i]!.valid,
  }));
  const sum = (key: "good" | "valid") => excluded.reduce((s, e) => s + e[key], 0);
  return { good: Math.max(0, total.good - sum("good")), valid: Math.max(0, total.valid - sum("valid")), excluded };
}
