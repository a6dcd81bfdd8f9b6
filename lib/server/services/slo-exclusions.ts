import "server-only";
import type { Interval } from "@/lib/domain/slo-math";
import type { SloExclusion } from "@/lib/schemas/slo";
import type { WindowCounts } from "../datasources/embedded";

type CountSource = { counts(interval: Interval): Promise<WindowCounts> };

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
  const clipped = exclusions
    .map((e) => ({
      ...e,
      from: new Date(Math.max(Date.parse(e.start), interval.start.getTime())),
      to: new Date(Math.min(Date.parse(e.end), interval.end.getTime())),
    }))
    .filter((e) => e.from < e.to);
  const [total, ...inside] = await Promise.all([
    source.counts(interval),
    ...clipped.map((e) => source.counts({ start: e.from, end: e.to })),
  ]);
  const excluded = clipped.map((e, i) => ({
    id: e.id, kind: e.kind, reason: e.reason, author: e.author,
    start: e.from.toISOString(), end: e.to.toISOString(), good: inside[i]!.good, valid: inside[i]!.valid,
  }));
  const sum = (key: "good" | "valid") => excluded.reduce((s, e) => s + e[key], 0);
  return { good: Math.max(0, total!.good - sum("good")), valid: Math.max(0, total!.valid - sum("valid")), excluded };
}
