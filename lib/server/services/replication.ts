import "server-only";
import { chartStepMs, type TimeRange } from "@/lib/domain/time-range";
import { lagChart, sparklineValues, type LagChart, type LagSample } from "@/lib/domain/replication-chart";
import { EXPORTER_LAG_METRIC, matchesLabels, type Exporter } from "@/lib/domain/replication-exporters";
import type { EventRecord } from "@/lib/domain/events";
import { HOUR_MS } from "@/lib/domain/slo-math";
import { maskConnection, type ClusterInput, type ClusterView } from "@/lib/schemas/replication";
import { notFound } from "../errors";
import { listEvents } from "../repos/events";
import * as repo from "../repos/replication";
import { findSeriesMinutes } from "../repos/series";
import { sealSecret } from "../secrets";
import { CONNECTION_PURPOSE, probeCluster } from "./replication-probe";
import { audited } from "../repos/audit";
import { SYSTEM_ACTOR } from "@/lib/domain/actor";
import { actorOf, assertCanWrite, type WriteContext } from "./team-access";

// What the log keeps of a cluster: its settings and members by name, role and masked address.
const clusterFields = (c: repo.StoredCluster) => ({
  name: c.name, kind: c.kind, exporter: c.exporter, matchers: c.matchers, maxLagSeconds: c.maxLagSeconds, maxLagBytes: c.maxLagBytes,
  timeoutMs: c.timeoutMs, paused: c.paused, members: c.members.map((m) => ({ name: m.name, role: m.role, display: m.display })),
});

/** Registers a cluster; connection strings are sealed first, so without a key nothing is stored. */
export async function registerCluster(input: ClusterInput, who: WriteContext = SYSTEM_ACTOR): Promise<ClusterView> {
  await assertCanWrite(who, input.service ? { service: input.service } : { team: null });
  const actor = actorOf(who);
  const members = input.kind === "postgres"
    ? input.members.map((m) => ({ name: m.name, role: m.role, connection: sealSecret(CONNECTION_PURPOSE, m.connection), display: maskConnection(m.connection) }))
    : [];
  const cluster = await audited(async (tx) => {
    const created = await repo.createCluster(input, members, tx);
    return { result: created, audit: { actor, action: "replication-cluster.create", entityType: "replication-cluster", entityId: created.id, summary: `Registered replication cluster ${created.name}`, after: clusterFields(created) } };
  });
  return repo.toClusterView(cluster);
}

export async function getCluster(id: string): Promise<repo.StoredCluster> {
  const cluster = await repo.findCluster(id);
  if (!cluster) throw notFound("replication cluster");
  return cluster;
}

export async function deleteCluster(id: string, who: WriteContext = SYSTEM_ACTOR): Promise<void> {
  const before = await getCluster(id);
  await assertCanWrite(who, { cluster: id });
  const actor = actorOf(who);
  await audited(async (tx) => {
    await repo.deleteCluster(id, tx);
    return { result: undefined, audit: { actor, action: "replication-cluster.delete", entityType: "replication-cluster", entityId: id, summary: `Deleted replication cluster ${before.name}`, before: clusterFields(before) } };
  });
}

/** Probes now (the job does the same every 30 s) and answers with what it saw. */
export async function probeClusterNow(id: string, now: Date): Promise<ClusterView> {
  await probeCluster(await getCluster(id), now);
  return repo.toClusterView(await getCluster(id));
}

/** Lag samples of several clusters in [from, to): stored probe samples, or the exporter's minute rollups. */
async function lagSamples(clusters: repo.StoredCluster[], from: Date, to: Date): Promise<Map<string, LagSample[]>> {
  const out = new Map<string, LagSample[]>(clusters.map((c) => [c.id, []]));
  const probed = clusters.filter((c) => c.kind === "postgres").map((c) => c.id);
  if (probed.length) {
    for (const s of await repo.listSamples(probed, from, to)) out.get(s.clusterId)!.push({ member: s.member, t: s.at.getTime(), seconds: s.lagSeconds, bytes: s.lagBytes });
  }
  for (const c of clusters.filter((c) => c.kind === "metrics")) {
    const exporter = c.exporter as Exporter;
    const matchers = JSON.parse(c.matchers ?? "{}") as Record<string, string>;
    const { metric, unit } = EXPORTER_LAG_METRIC[exporter];
    const rows = (await findSeriesMinutes({ metric, start: from, end: to })).filter((r) => matchesLabels(r.labels, matchers));
    // Patroni reports positions, not lag: lag is the leader's position minus the replica's, per minute.
    const leader = new Map<string, number>();
    if (exporter === "patroni") {
      for (const r of (await findSeriesMinutes({ metric: "patroni_xlog_location", start: from, end: to })).filter((r) => matchesLabels(r.labels, matchers))) {
        for (const m of r.minutes) leader.set(m.start, Math.max(leader.get(m.start) ?? 0, m.last));
      }
    }
    for (const r of rows) {
      const member = (exporter === "patroni" ? r.labels.name : undefined) ?? r.labels.instance ?? "default";
      for (const m of r.minutes) {
        if (exporter === "patroni" && (m.last === 0 || !leader.has(m.start))) continue; // the leader replays nothing
        const value = exporter === "patroni" ? Math.max(0, leader.get(m.start)! - m.last) : m.max;
        out.get(c.id)!.push({ member, t: Date.parse(m.start), seconds: unit === "seconds" ? value : null, bytes: unit === "bytes" ? value : null });
      }
    }
  }
  return out;
}

export type ClusterSummary = ClusterView & { sparklines: Record<string, number[]> };

/** Every cluster (or one service's) with each member's last hour of lag for a sparkline. */
export async function listClusterSummaries(now: Date, filter: { service?: string } = {}): Promise<ClusterSummary[]> {
  const clusters = await repo.listClusters(filter);
  const samples = await lagSamples(clusters, new Date(now.getTime() - HOUR_MS), now);
  return clusters.map((c) => {
    const view = repo.toClusterView(c);
    const mine = samples.get(c.id) ?? [];
    return { ...view, sparklines: Object.fromEntries(view.members.map((m) => [m.name, sparklineValues(mine, m.name)])) };
  });
}

export type ClusterDetail = { cluster: ClusterView; chart: LagChart; stepMs: number; events: EventRecord[] };

export async function getClusterDetail(id: string, range: TimeRange): Promise<ClusterDetail> {
  const stored = await getCluster(id);
  const stepMs = chartStepMs(range);
  const samples = (await lagSamples([stored], range.from, range.to)).get(id) ?? [];
  const events = await listEvents({ from: range.from, to: range.to, kinds: ["replication", "failover"], subjects: [id], limit: 500 });
  return { cluster: repo.toClusterView(stored), chart: lagChart(samples, { from: range.from.getTime(), to: range.to.getTime() }, stepMs), stepMs, events };
}
