import "server-only";
import type { BreakerLibrary, BreakerState } from "@/lib/domain/breaker-mapping";
import type { BreakerTransition } from "@/lib/domain/breaker-timeline";
import { db } from "../db";
import { createEvent, type NewEvent } from "./events";

export type BreakerRecord = {
  id: string;
  key: string;
  service: string;
  dependency: string;
  name: string;
  library: BreakerLibrary;
  state: BreakerState;
  stateSince: Date;
  initialState: BreakerState;
  firstSeenAt: Date;
  lastSeenAt: Date;
  rejectedTotal: number;
  failureRate: number | null;
  failureThreshold: number | null;
};

type Row = Omit<BreakerRecord, "library" | "state" | "initialState"> & { library: string; state: string; initialState: string; createdAt: Date; updatedAt: Date };
const toRecord = ({ createdAt: _c, updatedAt: _u, ...row }: Row): BreakerRecord => ({
  ...row,
  library: row.library as BreakerLibrary,
  state: row.state as BreakerState,
  initialState: row.initialState as BreakerState,
});

export type BreakerWithHistory = BreakerRecord & { history: BreakerTransition[] };

const toTransition = (t: { at: Date; from: string | null; to: string }): BreakerTransition => ({ at: t.at.getTime(), from: t.from as BreakerState | null, to: t.to as BreakerState });

/**
 * Breakers by key, each with its transitions from `since` on and the last one before it: all that
 * observations at or after `since` need to be judged against (and the current state).
 */
export async function findBreakersWithHistory(keys: string[], since: Date): Promise<Map<string, BreakerWithHistory>> {
  const rows = await db().breaker.findMany({ where: { key: { in: keys } }, include: { transitions: { where: { at: { gte: since } }, orderBy: [{ at: "asc" }, { id: "asc" }] } } });
  const before = await Promise.all(rows.map((r) => db().breakerTransition.findFirst({ where: { breakerId: r.id, at: { lt: since } }, orderBy: [{ at: "desc" }, { id: "desc" }] })));
  return new Map(
    rows.map(({ transitions, ...row }, i) => [
      row.key,
      { ...toRecord(row), history: [...(before[i] ? [before[i]!] : []), ...transitions].map(toTransition) },
    ]),
  );
}

export async function readBreakerSeries(keys: string[]): Promise<Map<string, { t: number; v: number }>> {
  const rows = await db().breakerSeries.findMany({ where: { key: { in: keys } } });
  return new Map(rows.map((r) => [r.key, { t: Number(r.lastT), v: r.lastV }]));
}

/** Scopes (service/dependency) any breaker-library series was stored for before. */
export async function scopesHeardFrom(scopes: string[]): Promise<Set<string>> {
  const rows = await db().breakerSeries.findMany({ where: { scope: { in: scopes } }, select: { scope: true }, distinct: ["scope"] });
  return new Set(rows.map((r) => r.scope));
}

/** `first`: a rejection counter's first sample whose value was counted (see readBreakerSamples). */
export type BreakerSeriesUpdate = { key: string; scope: string; t: number; v: number; first?: { t: number; v: number } };

/** Rejection counters' first values counted by the tap in [from, to), by series key. */
export async function firstCountedIn(keys: string[], from: Date, to: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db().breakerSeries.findMany({
    where: { key: { in: keys }, firstT: { gte: BigInt(from.getTime()), lt: BigInt(to.getTime()) } },
    select: { firstCounted: true },
  });
  return rows.reduce((sum, r) => sum + (r.firstCounted ?? 0), 0);
}

export async function existingServiceSlugs(slugs: string[]): Promise<Set<string>> {
  const rows = await db().service.findMany({ where: { slug: { in: slugs } }, select: { slug: true } });
  return new Set(rows.map((r) => r.slug));
}

export type BreakerWrite = {
  breaker: Omit<BreakerRecord, "id">;
  isNew: boolean;
  transitions: (BreakerTransition & { source: string })[];
  events: NewEvent[];
};

/** Breakers, their new transitions and the events telling of them, in one transaction. */
export async function saveBreakerWrites(writes: BreakerWrite[], series: BreakerSeriesUpdate[]): Promise<void> {
  const client = db();
  const ops = [];
  for (const w of writes) {
    const { key, ...data } = w.breaker;
    ops.push(client.breaker.upsert({ where: { key }, create: { key, ...data }, update: data }));
    for (const t of w.transitions) {
      ops.push(client.breakerTransition.create({ data: { at: new Date(t.at), from: t.from, to: t.to, source: t.source, breaker: { connect: { key } } } }));
    }
    ops.push(...w.events.map(createEvent));
  }
  for (const s of series) {
    ops.push(client.breakerSeries.upsert({ where: { key: s.key }, create: { key: s.key, scope: s.scope, lastT: BigInt(s.t), lastV: s.v, ...(s.first ? { firstT: BigInt(s.first.t), firstCounted: s.first.v } : {}) }, update: { lastT: BigInt(s.t), lastV: s.v } }));
  }
  if (ops.length > 0) await client.$transaction(ops);
}

export type BreakerFilter = { service?: string; dependency?: string };

export async function listBreakers(filter: BreakerFilter = {}): Promise<BreakerRecord[]> {
  const rows = await db().breaker.findMany({
    where: { ...(filter.service ? { service: filter.service } : {}), ...(filter.dependency ? { dependency: filter.dependency } : {}) },
    orderBy: [{ service: "asc" }, { dependency: "asc" }, { name: "asc" }],
  });
  return rows.map(toRecord);
}

export async function findBreaker(id: string): Promise<BreakerRecord | null> {
  const row = await db().breaker.findUnique({ where: { id } });
  return row ? toRecord(row) : null;
}

/** Transitions of the given breakers in [from, to), oldest first, plus each one's last before `from`. */
export async function listTransitions(breakerIds: string[], from: Date, to: Date) {
  const rows = await db().breakerTransition.findMany({
    where: { breakerId: { in: breakerIds }, at: { gte: from, lt: to } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ breakerId: r.breakerId, at: r.at.getTime(), from: r.from as BreakerState | null, to: r.to as BreakerState, source: r.source }));
}

export async function lastTransitionBefore(breakerId: string, before: Date) {
  const row = await db().breakerTransition.findFirst({ where: { breakerId, at: { lt: before } }, orderBy: [{ at: "desc" }, { id: "desc" }] });
  return row ? { at: row.at.getTime(), to: row.to as BreakerState } : null;
}
