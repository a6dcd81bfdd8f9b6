/**
 * Lag history per member, bucketed for a chart: the worst (largest) lag in each step, null where
 * a bucket has no sample (a gap, never a zero). Pure: the samples and the range are passed in.
 */
export type LagSample = { member: string; t: number; seconds: number | null; bytes: number | null };
export type LagPoint = { t: number } & Record<string, number | null>;
export type LagChart = { members: { key: string; label: string }[]; seconds: LagPoint[]; bytes: LagPoint[] };

export function lagChart(samples: LagSample[], range: { from: number; to: number }, stepMs: number): LagChart {
  const names = [...new Set(samples.map((s) => s.member))].sort();
  const members = names.map((label, i) => ({ key: `m${i}`, label }));
  const keyOf = new Map(names.map((n, i) => [n, `m${i}`]));
  const start = Math.floor(range.from / stepMs) * stepMs;
  const count = Math.max(1, Math.ceil((range.to - start) / stepMs));
  const empty = (): LagPoint[] => Array.from({ length: count }, (_, i) => Object.assign({ t: start + i * stepMs }, Object.fromEntries(members.map((m) => [m.key, null]))) as LagPoint);
  const seconds = empty();
  const bytes = empty();
  for (const s of samples) {
    const i = Math.floor((s.t - start) / stepMs);
    if (i < 0 || i >= count) continue;
    const key = keyOf.get(s.member)!;
    const [sp, bp] = [seconds[i]!, bytes[i]!];
    if (s.seconds !== null) sp[key] = Math.max(sp[key] ?? -Infinity, s.seconds);
    if (s.bytes !== null) bp[key] = Math.max(bp[key] ?? -Infinity, s.bytes);
  }
  return { members, seconds, bytes };
}

/** A member's recent lag as plain numbers for a sparkline: seconds where known, else bytes. */
export function sparklineValues(samples: LagSample[], member: string): number[] {
  const mine = samples.filter((s) => s.member === member);
  const useSeconds = mine.some((s) => s.seconds !== null);
  return mine.map((s) => (useSeconds ? s.seconds : s.bytes)).filter((v): v is number => v !== null);
}
