import "server-only";
import { detectFailovers, failoverTitle, memberState, stateChanges, stateChangeTitle, type MemberSnapshot } from "@/lib/domain/replication";
import { EXPORTER_METRICS, exporterMembers, matchesLabels, type Exporter } from "@/lib/domain/replication-exporters";
import { observeCluster, type ClusterObservation, type MemberObservation, type RegisteredNode } from "@/lib/domain/replication-probe";
import type { NewEvent } from "../repos/events";
import { findLastSamples, saveProbe, type StoredCluster } from "../repos/replication";
import { readNode } from "../replication/pg-probe";
import { openSecret } from "../secrets";

/** AAD of sealed connection strings: they open for this use only. */
export const CONNECTION_PURPOSE = "replication.connection";

async function observePostgres(cluster: StoredCluster, previous: MemberSnapshot[]): Promise<ClusterObservation> {
  const registered = cluster.members.filter((m) => m.connection !== null);
  const nodes: RegisteredNode[] = await Promise.all(
    registered.map(async (m) => {
      let connection: string;
      try {
        connection = openSecret(CONNECTION_PURPOSE, m.connection!);
      } catch (error) {
        return { name: m.name, role: m.role as "primary" | "replica", reading: { isReachable: false as const, error: `cannot open the stored connection string: ${(error as Error).message}` } };
      }
      // The last observed role: after a failover the promoted member is the one to treat as primary.
      return { name: m.name, role: m.role as "primary" | "replica", reading: await readNode(connection, cluster.timeoutMs) };
    }),
  );
  return observeCluster(nodes, previous, { maxLagSeconds: cluster.maxLagSeconds, maxLagBytes: cluster.maxLagBytes });
}

async function observeExporter(cluster: StoredCluster, now: Date): Promise<ClusterObservation> {
  const exporter = cluster.exporter as Exporter;
  const matchers = JSON.parse(cluster.matchers ?? "{}") as Record<string, string>;
  const series = (await findLastSamples(EXPORTER_METRICS[exporter])).filter((s) => matchesLabels(s.labels, matchers));
  const thresholds = { maxLagSeconds: cluster.maxLagSeconds, maxLagBytes: cluster.maxLagBytes };
  const members: MemberObservation[] = exporterMembers(exporter, series, now.getTime()).map((m) => {
    const state = memberState(m, thresholds);
    const error = state === "stopped" ? "replication series vanished or replication threads stopped" : state === "unreachable" ? "the exporter reports the server down" : null;
    return { ...m, state, error, isRegistered: false, observed: { exporter } };
  });
  return { members, error: members.length === 0 ? `no ${exporter} series match ${JSON.stringify(matchers)} yet` : null };
}

/**
 * Probes one cluster and stores what it saw, with a "replication" event for every state change
 * and a "failover" event for every promotion, timeline change or lost primary, in one transaction.
 */
export async function probeCluster(cluster: StoredCluster, now: Date): Promise<{ failovers: number; changes: number }> {
  const previous: MemberSnapshot[] = cluster.members
    .filter((m) => m.observedAt !== null)
    .map((m) => ({ name: m.name, role: m.role as MemberSnapshot["role"], state: m.state as MemberSnapshot["state"], inRecovery: m.inRecovery, timeline: m.timeline }));
  const observation = cluster.kind === "postgres" ? await observePostgres(cluster, previous) : await observeExporter(cluster, now);
  const failovers = detectFailovers(previous, observation.members);
  // A member first seen healthy is not news; first seen unhealthy is.
  const changes = stateChanges(previous, observation.members).filter((c) => c.from !== null || c.to !== "ok");
  const service = cluster.service?.slug ?? null;
  const byName = new Map(observation.members.map((m) => [m.name, m]));
  const events: NewEvent[] = [
    ...failovers.map((f) => ({ at: now, kind: "failover" as const, subject: cluster.id, service, title: failoverTitle(cluster.name, f), detail: { cluster: cluster.name, member: f.member, reasons: f.reasons, from: f.from, to: f.to } })),
    ...changes.map((c) => {
      const m = byName.get(c.member)!;
      return { at: now, kind: "replication" as const, subject: cluster.id, service, title: stateChangeTitle(cluster.name, c), detail: { cluster: cluster.name, member: c.member, from: c.from, to: c.to, role: m.role, lagSeconds: m.lag.seconds, lagBytes: m.lag.bytes, error: m.error } };
    }),
  ];
  await saveProbe(cluster, { at: now, error: observation.error, members: observation.members, keepSamples: cluster.kind === "postgres", events });
  return { failovers: failovers.length, changes: changes.length };
}
