/**
 * Breaker state over time, from the transitions ingest derived (breaker-mapping.ts) or the event
 * API reported. Pure: the caller passes the history and the clock.
 */
import type { BreakerObservation, BreakerState } from "./breaker-mapping";

export type BreakerTransition = { at: number; from: BreakerState | null; to: BreakerState };
export type TimelineState = BreakerState | "unknown";
export type TimelineSegment = { from: number; to: number; state: TimelineState };

/** A breaker's own moves: tripping, probing, and the probe's two outcomes. */
const CYCLE: Record<BreakerState, readonly BreakerState[]> = {
  closed: ["open"],
  open: ["half-open"],
  "half-open": ["closed", "open"],
};
/** Also seen from gauge-only breakers (Envoy has no half-open): open straight to closed. */
const LENIENT: Record<BreakerState, readonly BreakerState[]> = { ...CYCLE, open: ["half-open", "closed"] };

/** Prometheus' staleness: a breaker silent for longer is shown as unknown, not as its last state. */
export const BREAKER_STALE_AFTER_MS = 5 * 60_000;

function stateAt(history: readonly BreakerTransition[], at: number): BreakerState | null {
  let state: BreakerState | null = null;
  for (const t of history) {
    if (t.at > at) break;
    state = t.to;
  }
  return state;
}

/**
 * Orders states seen at one instant (one scrape can show several counters moved) so that each
 * step is a move a breaker makes: from closed, {half-open, open} is open then half-open; from
 * half-open, {open, closed} is closed then open (half-open → open → closed would skip a probe).
 */
export function orderSameInstant(before: BreakerState | null, states: readonly BreakerState[]): BreakerState[] {
  const unique = [...new Set(states)];
  if (unique.length < 2) return unique;
  const orders = permutations(unique);
  const isValid = (edges: typeof CYCLE) => (order: BreakerState[]) =>
    order.every((s, i) => (i === 0 ? before === null || before === s || edges[before].includes(s) : edges[order[i - 1]!].includes(s)));
  return orders.find(isValid(CYCLE)) ?? orders.find(isValid(LENIENT)) ?? unique;
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * The transitions new observations add to a breaker's history (sorted by time). Observations may
 * come in any order and before later history (remote-write shards race); each is judged against
 * the state at its own time, so a gauge repeating the state adds nothing, and a late counter
 * increase lands where it happened.
 */
export function transitionsFrom(history: readonly BreakerTransition[], observations: readonly BreakerObservation[]): BreakerTransition[] {
  const merged = [...history];
  const added: BreakerTransition[] = [];
  const byInstant = new Map<number, BreakerObservation[]>();
  for (const o of observations) byInstant.set(o.at, [...(byInstant.get(o.at) ?? []), o]);
  for (const at of [...byInstant.keys()].sort((a, b) => a - b)) {
    const before = stateAt(merged, at - 1);
    const atInstant = byInstant.get(at)!;
    // The state already recorded at this instant is part of the ordering, so a retry adds nothing.
    const recorded = merged.filter((t) => t.at === at).map((t) => t.to);
    const seen = orderSameInstant(before, [...recorded, ...atInstant.map((o) => o.state)]);
    let state = before;
    for (const next of seen) {
      if (next !== state && !recorded.includes(next)) {
        const transition = { at, from: state, to: next };
        added.push(transition);
        merged.splice(insertionIndex(merged, at), 0, transition);
      }
      state = next;
    }
  }
  return added;
}

function insertionIndex(sorted: readonly BreakerTransition[], at: number): number {
  let i = sorted.length;
  while (i > 0 && sorted[i - 1]!.at > at) i--;
  return i;
}

export type TimelineInput = {
  /** When the breaker was first heard of and in what state; null when never. */
  initial: { at: number; state: BreakerState } | null;
  /** Any order; ties keep their given order. */
  transitions: readonly { at: number; to: BreakerState }[];
  /** When the breaker was last heard of (ms). */
  lastSeenAt: number | null;
  from: number;
  to: number;
  staleAfterMs?: number;
};

/**
 * Segments covering [from, to): unknown before the breaker was first heard of and once it has
 * been silent for staleAfterMs; otherwise the state of the latest transition. A transition that
 * repeats the state does not split a segment; a breaker that flaps gives one segment per state.
 */
export function breakerTimeline(input: TimelineInput): TimelineSegment[] {
  const { from, to, initial } = input;
  if (to <= from) return [];
  if (!initial) return [{ from, to, state: "unknown" }];
  const stale = input.staleAfterMs ?? BREAKER_STALE_AFTER_MS;
  const sorted = input.transitions.map((t, i) => ({ ...t, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const points: { at: number; state: TimelineState }[] = [
    { at: -Infinity, state: "unknown" },
    { at: initial.at, state: initial.state },
  ];
  for (const t of sorted) if (t.at >= initial.at) points.push({ at: t.at, state: t.to });
  const last = Math.max(input.lastSeenAt ?? initial.at, points[points.length - 1]!.at);
  points.push({ at: last + stale, state: "unknown" });

  const segments: TimelineSegment[] = [];
  for (let i = 0; i < points.length; i++) {
    const start = Math.max(points[i]!.at, from);
    const end = Math.min(points[i + 1]?.at ?? Infinity, to);
    if (end <= start) continue;
    const prev = segments[segments.length - 1];
    if (prev && prev.state === points[i]!.state && prev.to === start) prev.to = end;
    else segments.push({ from: start, to: end, state: points[i]!.state });
  }
  return segments;
}

export type BreakerRangeStats = { openMs: number; halfOpenMs: number; closedMs: number; unknownMs: number; transitions: number; opens: number };

/** Time in each state over the segments, and the transitions (and trips) inside [from, to). */
export function breakerRangeStats(segments: readonly TimelineSegment[], transitions: readonly { at: number; to: BreakerState }[], from: number, to: number): BreakerRangeStats {
  const stats: BreakerRangeStats = { openMs: 0, halfOpenMs: 0, closedMs: 0, unknownMs: 0, transitions: 0, opens: 0 };
  for (const s of segments) {
    const ms = s.to - s.from;
    if (s.state === "open") stats.openMs += ms;
    else if (s.state === "half-open") stats.halfOpenMs += ms;
    else if (s.state === "closed") stats.closedMs += ms;
    else stats.unknownMs += ms;
  }
  for (const t of transitions) {
    if (t.at < from || t.at >= to) continue;
    stats.transitions++;
    if (t.to === "open") stats.opens++;
  }
  return stats;
}

/** Flapping: tripped at least `minOpens` times in the `windowMs` before `now`. */
export function isFlapping(transitions: readonly { at: number; to: BreakerState }[], now: number, windowMs = 60 * 60_000, minOpens = 3): boolean {
  return transitions.filter((t) => t.to === "open" && t.at > now - windowMs && t.at <= now).length >= minOpens;
}

const RANK: Record<TimelineState, number> = { open: 0, "half-open": 1, closed: 2, unknown: 3 };
/** Sort order of the breakers list: open, half-open, closed, then the silent ones. */
export function compareBreakerStates(a: TimelineState, b: TimelineState): number {
  return RANK[a] - RANK[b];
}
