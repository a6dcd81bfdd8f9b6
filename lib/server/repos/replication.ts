import "server-only";
import type { ReplicationState } from "@/lib/domain/replication";
import type { MemberObservation } from "@/lib/domain/replication-probe";
import type { ClusterInput, ClusterView, MemberView } from "@/lib/schemas/replication";
import { clusterState } from "@/lib/domain/replication";
import { db } from "../db";
import { applyAcknowledgedSamples } from "../ingest/store";
import type { Tx } from "./audit";
import { createEvent, type NewEvent } from "./events";

const include = { members: { orderBy: [{ role: "asc" as const }, { name: "asc" as const }] }, service: { select: { slug: true } } };
type ClusterRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;
type MemberRow = ClusterRow["members"][number];

const findRow = (id: string) => db().replicationCluster.findUnique({ where: { id }, include });

/** A cluster as stored: members' sealed connections included, for the probe only. */
export type StoredCluster = ClusterRow;

const iso = (d: Date | null) => d?.toISOString() ?? null;

const toMemberView = (m: MemberRow): MemberView => ({
  name: m.name,
  role: m.role as MemberView["role"],
  state: m.state as MemberView["state"],
  since: iso(m.since),
  lagSeconds: m.lagSeconds,
  lagBytes: m.lagBytes,
  timeline: m.timeline,
  inRecovery: m.inRecovery,
  error: m.error,
  observedAt: iso(m.observedAt),
  connection: m.display,
  observed: m.observed ? (JSON.parse(m.observed) as Record<string, unknown>) : null,
});

export function toClusterView(row: ClusterRow): ClusterView {
  const members = row.members.map(toMemberView);
  const states = members.map((m) => m.state).filter((s): s is ReplicationState => s !== "unknown");
  return {
    id: row.id, name: row.name, kind: row.kind as ClusterView["kind"], service: row.service?.slug ?? null,
    exporter: row.exporter, matchers: row.matchers ? (JSON.parse(row.matchers) as Record<string, string>) : null,
    maxLagSeconds: row.maxLagSeconds, maxLagBytes: row.maxLagBytes, timeoutMs: row.timeoutMs, paused: row.paused,
    lastError: row.lastError, probedAt: iso(row.probedAt), state: clusterState(states), members,
  };
}

export type NewMember = { name: string; role: string; connection: string | null; display: string | null };

export async function createCluster(input: ClusterInput, members: NewMember[], client: Tx = db()): Promise<StoredCluster> {
  const row = await client.replicationCluster.create({
    data: {
      name: input.name, kind: input.kind, maxLagSeconds: input.maxLagSeconds, maxLagBytes: input.maxLagBytes, paused: input.paused,
      timeoutMs: input.kind === "postgres" ? input.timeoutMs : 0,
      exporter: input.kind === "metrics" ? input.exporter : null,
      matchers: input.kind === "metrics" ? JSON.stringify(input.matchers) : null,
      ...(input.service ? { service: { connect: { slug: input.service } } } : {}),
      members: { create: members },
    },
    include,
  });
  return row;
}

export async function listClusters(filter: { service?: string; isPaused?: boolean } = {}): Promise<StoredCluster[]> {
  return db().replicationCluster.findMany({
    where: { ...(filter.service ? { service: { slug: filter.service } } : {}), ...(filter.isPaused !== undefined ? { paused: filter.isPaused } : {}) },
    include,
    orderBy: { name: "asc" },
  });
}

export const findCluster = (id: string): Promise<StoredCluster | null> => findRow(id);

export async function deleteCluster(id: string, client: Tx = db()): Promise<void> {
  await client.replicationCluster.delete({ where: { id } });
}

export type ProbeResult = {
  at: Date;
  error: string | null;
  members: MemberObservation[];
  /** Store a sample per member (probed clusters; metrics clusters chart the sample store). */
  keepSamples: boolean;
  events: NewEvent[];
};

/**
 * One probe's outcome in one transaction: members' latest figures (a member keeps `since` while
 * its state holds), the samples for the charts, and the events other features read.
 */
export async function saveProbe(cluster: StoredCluster, result: ProbeResult): Promise<void> {
  const before = new Map(cluster.members.map((m) => [m.name, m]));
  const d = db();
  await d.$transaction([
    d.replicationCluster.update({ where: { id: cluster.id }, data: { probedAt: result.at, lastError: result.error } }),
    ...result.members.map((m) => {
      const prior = before.get(m.name);
      const data = {
        role: m.role, state: m.state, timeline: m.timeline, inRecovery: m.inRecovery, lagSeconds: m.lag.seconds, lagBytes: m.lag.bytes,
        error: m.error, observed: JSON.stringify(m.observed), observedAt: result.at,
        since: prior && prior.state === m.state && prior.since ? prior.since : result.at,
      };
      return d.replicationMember.upsert({ where: { clusterId_name: { clusterId: cluster.id, name: m.name } }, create: { clusterId: cluster.id, name: m.name, ...data }, update: data });
    }),
    ...(result.keepSamples
      ? [d.replicationSample.createMany({ data: result.members.map((m) => ({ clusterId: cluster.id, member: m.name, at: result.at, state: m.state, lagSeconds: m.lag.seconds, lagBytes: m.lag.bytes })) })]
      : []),
    ...result.events.map(createEvent),
  ]);
}

export type SampleRow = { member: string; at: Date; state: string; lagSeconds: number | null; lagBytes: number | null };

export async function listSamples(clusterIds: string[], from: Date, to: Date): Promise<(SampleRow & { clusterId: string })[]> {
  return db().replicationSample.findMany({ where: { clusterId: { in: clusterIds }, at: { gte: from, lt: to } }, orderBy: { at: "asc" } });
}

export async function insertSamples(clusterId: string, samples: SampleRow[]): Promise<number> {
  return (await db().replicationSample.createMany({ data: samples.map((s) => ({ clusterId, ...s })) })).count;
}

export async function pruneSamples(before: Date): Promise<number> {
  return (await db().replicationSample.deleteMany({ where: { at: { lt: before } } })).count;
}

/** The last sample of the series an exporter cluster reads (the ingest store keeps it per series). */
export async function findLastSamples(metrics: string[]) {
  await applyAcknowledgedSamples(); // on SQLite series' last samples are written with their rollups
  const rows = await db().series.findMany({ where: { metric: { in: metrics } }, select: { metric: true, labels: true, lastT: true, lastV: true } });
  return rows.map((r) => ({ metric: r.metric, labels: JSON.parse(r.labels) as Record<string, string>, lastT: r.lastT === null ? null : Number(r.lastT), lastV: r.lastV }));
}
