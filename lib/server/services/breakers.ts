import "server-only";
import { type BreakerState, breakerKey, failureThresholdOf, recogniseBreakerSeries, REJECTED_METRICS } from "@/lib/domain/breaker-mapping";
import { BREAKER_STALE_AFTER_MS, breakerRangeStats, breakerTimeline, compareBreakerStates, isFlapping, type TimelineState } from "@/lib/domain/breaker-timeline";
import { burnRate } from "@/lib/domain/burn-rate";
import { seriesKey } from "@/lib/domain/series-key";
import { chartStepMs, type TimeRange } from "@/lib/domain/time-range";
import type { BreakerEventInput, BreakerListQuery } from "@/lib/schemas/breaker";
import { AppError } from "../errors";
import { applyBreakerReports, type BreakerReport, serialised } from "../ingest/breaker-tap";
import * as repo from "../repos/breakers";
import { listSlos } from "../repos/slos";
import { findSeriesMinutes } from "./series";
import { sourceFor } from "./slo-status";

/** Records states reported through the JSON event API; answers how many transitions they made. */
export function reportBreakerEvents(events: readonly BreakerEventInput[]): Promise<{ events: number; transitions: number }> {
  return serialised(async () => {
    const reports = new Map<string, BreakerReport>();
    for (const e of events) {
      const ref = { service: e.service, dependency: e.dependency, name: e.breaker, library: "api" as const };
      const key = breakerKey(ref);
      const at = e.at.getTime();
      const r = reports.get(key) ?? { ref, observations: [], firstT: at, lastT: at, rejected: 0, failureThreshold: null, totals: {} };
      r.observations.push({ at, state: e.state, isTransition: false });
      r.firstT = Math.min(r.firstT, at);
      r.lastT = Math.max(r.lastT, at);
      if (e.failureRate !== undefined) r.failureRate = e.failureRate;
      if (e.failureThreshold !== undefined) r.failureThreshold = e.failureThreshold;
      reports.set(key, r);
    }
    const since = new Date(Math.min(...events.map((e) => e.at.getTime())));
    const known = await repo.findBreakersWithHistory([...reports.keys()], since);
    const transitions = await applyBreakerReports([...reports.values()], known, [], "api");
    return { events: events.length, transitions };
  });
}

/**
 * Scraped breakers report every interval, so silence means no data; a breaker reported through
 * the event API reports changes only, so its last state holds until the next report.
 */
const staleAfterMs = (b: repo.BreakerRecord) => (b.library === "api" ? Infinity : BREAKER_STALE_AFTER_MS);

/** What a breaker shows now: its state, or unknown once it has been silent past staleness. */
function currentState(b: repo.BreakerRecord, now: Date): TimelineState {
  return now.getTime() - b.lastSeenAt.getTime() > staleAfterMs(b) ? "unknown" : b.state;
}

export type BreakerSummary = Awaited<ReturnType<typeof summarise>>[number];

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

async function summarise(breakers: repo.BreakerRecord[], range: TimeRange, now: Date) {
  const transitions = await repo.listTransitions(breakers.map((b) => b.id), range.from, range.to);
  const byBreaker = groupBy(transitions, (t) => t.breakerId);
  const before = await Promise.all(breakers.map((b) => repo.lastTransitionBefore(b.id, range.from)));
  return breakers.map((b, i) => {
    const own = byBreaker.get(b.id) ?? [];
    const prior = before[i];
    const segments = breakerTimeline({
      initial: { at: b.firstSeenAt.getTime(), state: b.initialState },
      transitions: prior ? [prior, ...own] : own,
      lastSeenAt: b.lastSeenAt.getTime(),
      staleAfterMs: staleAfterMs(b),
      from: range.from.getTime(),
      to: Math.min(range.to.getTime(), now.getTime()),
    });
    return {
      id: b.id,
      key: b.key,
      service: b.service,
      dependency: b.dependency,
      name: b.name,
      library: b.library,
      state: currentState(b, now),
      stateSince: b.stateSince.toISOString(),
      lastSeenAt: b.lastSeenAt.toISOString(),
      failureRate: b.failureRate,
      ...failureThresholdOf(b),
      rejectedTotal: b.rejectedTotal,
      isFlapping: isFlapping(own, now.getTime()),
      stats: breakerRangeStats(segments, own, range.from.getTime(), range.to.getTime()),
      segments,
      transitions: own.map((t) => ({ at: new Date(t.at).toISOString(), from: t.from, to: t.to, source: t.source })),
    };
  });
}

export function matchesBreakerQuery(b: Pick<BreakerSummary, "service" | "dependency" | "state">, query: BreakerListQuery): boolean {
  return (!query.service || b.service === query.service) && (!query.dependency || b.dependency === query.dependency) && (!query.state || b.state === query.state);
}

/** Every breaker (filtered), open first, then half-open, closed, silent; each with its range figures. */
export async function listBreakerSummaries(query: BreakerListQuery, range: TimeRange, now: Date) {
  const breakers = await repo.listBreakers({ service: query.service, dependency: query.dependency });
  const summaries = await summarise(breakers, range, now);
  return summaries
    .filter((s) => matchesBreakerQuery(s, query))
    .sort((a, b) => compareBreakerStates(a.state, b.state) || a.key.localeCompare(b.key));
}

export async function getBreakerDetail(id: string, range: TimeRange, now: Date) {
  const breaker = await repo.findBreaker(id);
  if (!breaker) throw new AppError("NOT_FOUND", `no breaker ${id}`);
  const [[summary], slos, rejected] = await Promise.all([summarise([breaker], range, now), serviceSloSeries(breaker.service, range), rejectedInRange(breaker, range)]);
  return { breaker: { ...summary!, rejectedInRange: rejected }, slos };
}

/**
 * Calls the breaker refused in the range, from the sample store's minute rollups of its library's
 * rejection counter, plus the first value of a counter created at its first rejection (opossum's
 * `reject`) that the tap counted because the breaker's process was heard from before it (the
 * rollups give a first sample no delta); null when the library reports none.
 */
async function rejectedInRange(breaker: repo.BreakerRecord, range: TimeRange): Promise<number | null> {
  const metrics = REJECTED_METRICS[breaker.library];
  if (metrics.length === 0) return null;
  let total = 0;
  const keys: string[] = [];
  for (const metric of metrics) {
    for (const series of await findSeriesMinutes({ metric, start: range.from, end: range.to })) {
      const own = recogniseBreakerSeries(series.metric, series.labels);
      if (own?.signal.kind !== "rejected-counter" || breakerKey(own) !== breaker.key) continue;
      keys.push(seriesKey(series.metric, series.labels));
      for (const minute of series.minutes) total += minute.increase;
    }
  }
  return total + (await repo.firstCountedIn(keys, range.from, range.to));
}

/** The owning service's SLOs over the range, step by step: burn rate and error rate per step. */
async function serviceSloSeries(service: string, range: TimeRange) {
  const slos = (await listSlos()).filter((s) => s.service === service);
  const step = chartStepMs(range, 96);
  const starts: number[] = [];
  for (let t = range.from.getTime(); t < range.to.getTime(); t += step) starts.push(t);
  return Promise.all(
    slos.map(async (slo) => {
      const source = await sourceFor(slo, range.to).catch(() => null);
      const points = await Promise.all(
        starts.map(async (t) => {
          const window = { start: new Date(t), end: new Date(Math.min(t + step, range.to.getTime())) };
          const counts = source ? await source.counts(window).catch(() => null) : null;
          if (!counts || counts.valid <= 0) return { t, burnRate: null, errorRate: null };
          const r = burnRate({ good: Math.min(counts.good, counts.valid), valid: counts.valid, objective: slo.objective, window });
          return { t, burnRate: r.burnRate, errorRate: r.errorRatio };
        }),
      );
      return { id: slo.id, name: slo.name, objective: slo.objective, points };
    }),
  );
}

/** A service's dependencies and their breakers, worst state first (the service page's panel). */
export async function serviceDependencies(service: string, range: TimeRange, now: Date) {
  const summaries = await listBreakerSummaries({ service }, range, now);
  const byDependency = groupBy(summaries, (s) => s.dependency);
  return [...byDependency.entries()]
    .map(([dependency, breakers]) => ({ dependency, state: breakers[0]!.state, breakers }))
    .sort((a, b) => compareBreakerStates(a.state, b.state) || a.dependency.localeCompare(b.dependency));
}

export type { BreakerState };
