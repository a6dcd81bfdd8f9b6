import "server-only";
import {
  type BreakerObservation,
  type BreakerRef,
  type BreakerSeries,
  type BreakerState,
  breakerKey,
  breakerScope,
  isBreakerMetric,
  readBreakerSamples,
  stateFromTotals,
  recogniseBreakerSeries,
} from "@/lib/domain/breaker-mapping";
import { transitionsFrom } from "@/lib/domain/breaker-timeline";
import { seriesKey } from "@/lib/domain/series-key";
import * as repo from "../repos/breakers";
import type { StoreSeries } from "./store-types";

// Breaker transitions are derived as samples arrive, with the samples' own timestamps, so a
// transition is placed within one scrape interval of when it happened (minute rollups could not).
// This runs after the batch is durable and before it is acknowledged: if it fails the request
// fails, the sender retries, the sample store drops the repeats as duplicates and this runs again
// (it keeps its own last sample per breaker series, so it too takes each sample once). It keeps
// its own state rather than reading the applier's because on SQLite the applier writes on its own
// connection in the background, and breaker rows and their events must share one transaction.

/** What one batch says about one breaker. */
export type BreakerReport = {
  ref: BreakerRef;
  observations: BreakerObservation[];
  firstT: number;
  lastT: number;
  rejected: number;
  /** undefined: nothing said; null: too few calls to tell. */
  failureRate?: number | null;
  failureThreshold: number | null;
  /** Transition counters' totals whose events happened at unknown times: a new breaker's state then. */
  totals: Partial<Record<BreakerState, number>>;
};

/** The series of a batch that are breakers'; for every other series, one name check. */
export function breakerSeriesIn(batch: readonly StoreSeries[]): StoreSeries[] {
  const out: StoreSeries[] = [];
  for (const s of batch) if (isBreakerMetric(s.metric)) out.push(s);
  return out;
}

const globalForTap = globalThis as unknown as { steadystateBreakerTail?: Promise<unknown> };

/** One at a time per process: each judges its samples against the state the previous one left. */
export function serialised<T>(work: () => Promise<T>): Promise<T> {
  const run = (globalForTap.steadystateBreakerTail ?? Promise.resolve()).then(work);
  globalForTap.steadystateBreakerTail = run.catch(() => undefined);
  return run;
}

export function observeBreakerSamples(series: readonly StoreSeries[]): Promise<void> {
  return serialised(() => observe(series));
}

async function observe(series: readonly StoreSeries[]): Promise<void> {
  // One entry per series: a remote-write request can carry the same series twice (two scrapes'
  // samples in separate entries), and each entry judged against the same stored sample would
  // count the increase up to the first entry twice (the real opossum test caught it).
  const bySeries = new Map<string, { b: BreakerSeries; key: string; samples: StoreSeries["samples"] }>();
  for (const s of series) {
    const b = recogniseBreakerSeries(s.metric, s.labels);
    if (!b) continue;
    const key = seriesKey(s.metric, s.labels);
    const entry = bySeries.get(key);
    if (entry) entry.samples = [...entry.samples, ...s.samples];
    else bySeries.set(key, { b, key, samples: s.samples });
  }
  const recognised = [...bySeries.values()];
  if (recognised.length === 0) return;
  const scopes = [...new Set(recognised.map((r) => breakerScope(r.b)))];
  const [lastSamples, breakers, heardScopes] = await Promise.all([
    repo.readBreakerSeries(recognised.map((r) => r.key)),
    repo.findBreakersWithHistory([...new Set(recognised.map((r) => breakerKey(r.b)))], new Date(earliest(recognised.flatMap((r) => r.samples)))),
    repo.scopesHeardFrom(scopes),
  ]);
  // Earliest sample per scope in this batch, so a counter born after its scope's first sample counts from 0.
  const firstInBatch = new Map<string, number>();
  for (const r of recognised) {
    const t = earliest(r.samples);
    firstInBatch.set(breakerScope(r.b), Math.min(firstInBatch.get(breakerScope(r.b)) ?? Infinity, t));
  }
  const reports = new Map<string, BreakerReport>();
  const seriesUpdates: repo.BreakerSeriesUpdate[] = [];
  for (const { b, key, samples } of recognised) {
    const prev = lastSamples.get(key) ?? null;
    const fresh = samples.filter((s) => (prev === null || s.t > prev.t) && !s.isStale && Number.isFinite(s.v)).sort((x, y) => x.t - y.t);
    if (fresh.length === 0) continue;
    const scope = breakerScope(b);
    const last = fresh[fresh.length - 1]!;
    const update: repo.BreakerSeriesUpdate = { key, scope, t: last.t, v: last.v };
    seriesUpdates.push(update);
    if (b.signal.kind === "activity") continue;
    const bKey = breakerKey(b);
    const known = breakers.get(bKey);
    const isKnown = (known !== undefined && known.firstSeenAt.getTime() < fresh[0]!.t) || heardScopes.has(scope) || firstInBatch.get(scope)! < fresh[0]!.t;
    const reading = readBreakerSamples(b.signal, prev, fresh, isKnown);
    if (b.signal.kind === "rejected-counter" && reading.firstCounted) update.first = reading.firstCounted;
    const report = reports.get(bKey) ?? { ref: b, observations: [], firstT: Infinity, lastT: -Infinity, rejected: 0, failureThreshold: null, totals: {} };
    report.observations.push(...reading.observations);
    report.firstT = Math.min(report.firstT, fresh[0]!.t);
    report.lastT = Math.max(report.lastT, last.t);
    report.rejected += reading.rejected;
    if (reading.failureRate !== undefined) report.failureRate = reading.failureRate;
    // Counts of unknown time say the state of a breaker first seen; counted ones are its transitions.
    if (b.signal.kind === "transition-counter" && !isKnown) report.totals[b.signal.to] = last.v;
    reports.set(bKey, report);
  }
  await applyBreakerReports([...reports.values()], breakers, seriesUpdates, "metrics");
}

function earliest(samples: readonly { t: number }[]): number {
  let min = Infinity;
  for (const s of samples) if (s.t < min) min = s.t;
  return min;
}

/**
 * Turns reports into transitions and events and writes them with the breakers, in one
 * transaction. `breakers` are the reports' breakers as stored (absent: new).
 */
export async function applyBreakerReports(
  reports: readonly BreakerReport[],
  breakers: Map<string, repo.BreakerWithHistory>,
  seriesUpdates: repo.BreakerSeriesUpdate[],
  source: "metrics" | "api",
): Promise<number> {
  const services = await repo.existingServiceSlugs([...new Set(reports.map((r) => r.ref.service))]);
  const writes: repo.BreakerWrite[] = [];
  let added = 0;
  for (const report of reports) {
    const key = breakerKey(report.ref);
    const known = breakers.get(key);
    const sorted = [...report.observations].sort((a, b) => a.at - b.at);
    const firstObserved = sorted.find((o) => !o.isTransition);
    const initialState: BreakerState = known?.initialState ?? (firstObserved && firstObserved.at === report.firstT ? firstObserved.state : stateFromTotals(report.totals));
    const firstSeenAt = known ? known.firstSeenAt.getTime() : report.firstT;
    const history = known?.history ?? [];
    // The first sighting is where the history starts; a transition before it was not seen.
    const base = [{ at: firstSeenAt, from: null, to: initialState }, ...history.filter((t) => t.at > firstSeenAt)];
    const transitions = transitionsFrom(base, sorted.filter((o) => o.at >= firstSeenAt));
    added += transitions.length;
    const merged = [...base, ...transitions].sort((a, b) => a.at - b.at);
    const current = merged[merged.length - 1]!;
    const ref = report.ref;
    writes.push({
      isNew: !known,
      breaker: {
        key,
        service: ref.service,
        dependency: ref.dependency,
        name: ref.name,
        library: known?.library ?? ref.library,
        state: current.to,
        stateSince: new Date(current.at),
        initialState,
        firstSeenAt: new Date(firstSeenAt),
        lastSeenAt: new Date(Math.max(known?.lastSeenAt.getTime() ?? -Infinity, report.lastT)),
        rejectedTotal: (known?.rejectedTotal ?? 0) + report.rejected,
        failureRate: report.failureRate !== undefined ? report.failureRate : (known?.failureRate ?? null),
        // Only a threshold someone sent is stored; the library's default is shown as such when read.
        failureThreshold: report.failureThreshold ?? known?.failureThreshold ?? null,
      },
      transitions: transitions.map((t) => ({ ...t, source })),
      events: transitions.map((t) => ({
        at: new Date(t.at),
        kind: "breaker" as const,
        subject: key,
        service: services.has(ref.service) ? ref.service : null,
        title: `${ref.service} → ${ref.dependency}: breaker ${ref.name} ${t.to}`,
        detail: { from: t.from, to: t.to, service: ref.service, dependency: ref.dependency, name: ref.name, library: ref.library, source },
      })),
    });
  }
  await repo.saveBreakerWrites(writes, seriesUpdates);
  return added;
}
