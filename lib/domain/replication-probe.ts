/**
 * One probe of a PostgreSQL cluster, put together from what each registered member answered.
 * Pure: lib/server/replication/pg-probe.ts runs the queries and passes the rows in.
 */
import { memberState, replicaLag, type Lag, type LagThresholds, type MemberRole, type MemberSnapshot, type ReplicationState } from "./replication";

/** One pg_stat_replication row on a primary (with the slot it streams from, if any). */
export type WalSender = {
  name: string;
  applicationName: string;
  state: string;
  syncState: string;
  replayBytes: number | null;
  replayLagSeconds: number | null;
  writeLagSeconds: number | null;
  flushLagSeconds: number | null;
  sentLsn: string | null;
  replayLsn: string | null;
};

export type NodeReading =
  | {
      isReachable: true;
      inRecovery: boolean;
      timeline: number | null;
      /** On a primary: pg_current_wal_lsn(); on a replica: pg_last_wal_receive_lsn(). */
      lsn: string | null;
      replayLsn: string | null;
      replayAgeSeconds: number | null;
      isReplayPaused: boolean | null;
      /** pg_stat_wal_receiver on a replica: its status and the slot it streams from. */
      receiver: { status: string; slotName: string | null } | null;
      senders: WalSender[];
      /** Physical slots on a primary that no walsender uses: replicas that are gone. */
      idleSlots: string[];
    }
  | { isReachable: false; error: string };

export type RegisteredNode = { name: string; role: MemberRole; reading: NodeReading };

export type MemberObservation = MemberSnapshot & {
  lag: Lag;
  error: string | null;
  isRegistered: boolean;
  observed: Record<string, unknown>;
};

export type ClusterObservation = { members: MemberObservation[]; error: string | null };

/**
 * The cluster as one probe saw it. The acting primary is the reachable member out of recovery on
 * the highest timeline (after a promotion the old primary may still accept writes on the old
 * timeline: it is shown stopped, with the reason). Replicas are matched to the primary's
 * walsenders by slot or application_name; a replica without one is stopped, whether or not it
 * still answers. Replicas seen before and gone now (no walsender, no slot) are stopped too.
 */
export function observeCluster(nodes: RegisteredNode[], previous: MemberSnapshot[], thresholds: LagThresholds): ClusterObservation {
  const reachable = nodes.flatMap((n) => (n.reading.isReachable ? [{ ...n, reading: n.reading }] : []));
  const primaries = reachable.filter((n) => !n.reading.inRecovery);
  const acting = primaries.sort((a, b) => (b.reading.timeline ?? 0) - (a.reading.timeline ?? 0) || (a.role === "primary" ? -1 : 1))[0] ?? null;
  const senders = acting?.reading.isReachable ? acting.reading.senders : [];
  const used = new Set<string>();
  const members: MemberObservation[] = [];

  const findSender = (node: RegisteredNode) => {
    const slot = node.reading.isReachable ? node.reading.receiver?.slotName : null;
    return senders.find((s) => s.name === node.name || s.applicationName === node.name || (slot && s.name === slot)) ?? null;
  };

  for (const node of nodes) {
    const r = node.reading;
    if (!r.isReachable) {
      const sender = acting ? findSender(node) : null;
      if (sender) used.add(sender.name);
      const role: MemberRole = node.role;
      const lag = sender ? replicaLag({ bytesBehind: sender.replayBytes, replayLagSeconds: sender.replayLagSeconds, replayAgeSeconds: null }) : { seconds: null, bytes: null };
      const isStreaming = role === "replica" && acting ? sender?.state === "streaming" : null;
      const state = memberState({ role, isReachable: role === "replica" && acting !== null, isStreaming, lag }, thresholds);
      members.push({ name: node.name, role, state, inRecovery: null, timeline: null, lag, error: r.error, isRegistered: true, observed: sender ? { sender } : {} });
      continue;
    }
    if (!r.inRecovery) {
      const isStale = acting !== null && acting.name !== node.name;
      members.push({
        name: node.name, role: "primary", state: isStale ? "stopped" : "ok", inRecovery: false, timeline: r.timeline, lag: { seconds: null, bytes: null },
        error: isStale ? `out of recovery on timeline ${r.timeline} while ${acting.name} is primary on timeline ${acting.reading.timeline}: fence it before it takes writes` : null,
        isRegistered: true, observed: { lsn: r.lsn, senders: r.senders.length },
      });
      continue;
    }
    const sender = findSender(node);
    if (sender) used.add(sender.name);
    const bytesBehind = sender?.replayBytes ?? null;
    const lag = replicaLag({ bytesBehind, replayLagSeconds: sender?.replayLagSeconds ?? null, replayAgeSeconds: r.replayAgeSeconds });
    const isStreaming = acting ? sender?.state === "streaming" : r.receiver?.status === "streaming" ? null : false;
    const state = memberState({ role: "replica", isReachable: true, isStreaming, lag }, thresholds);
    members.push({
      name: node.name, role: "replica", state, inRecovery: true, timeline: r.timeline, lag,
      error: state === "stopped" ? (r.isReplayPaused ? "replay paused and not streaming" : "not streaming from the primary") : r.isReplayPaused ? "replay paused (pg_wal_replay_pause)" : null,
      isRegistered: true,
      observed: { receiveLsn: r.lsn, replayLsn: r.replayLsn, replayAgeSeconds: r.replayAgeSeconds, isReplayPaused: r.isReplayPaused, receiver: r.receiver, sender },
    });
  }

  for (const sender of senders.filter((s) => !used.has(s.name))) {
    used.add(sender.name);
    const lag = replicaLag({ bytesBehind: sender.replayBytes, replayLagSeconds: sender.replayLagSeconds, replayAgeSeconds: null });
    const state = memberState({ role: "replica", isReachable: true, isStreaming: sender.state === "streaming", lag }, thresholds);
    members.push({ name: sender.name, role: "replica", state, inRecovery: null, timeline: null, lag, error: null, isRegistered: false, observed: { sender } });
  }
  const known = new Set(members.map((m) => m.name));
  const idleSlots = acting?.reading.isReachable ? acting.reading.idleSlots : [];
  const gone = [...idleSlots, ...previous.filter((p) => p.role === "replica").map((p) => p.name)].filter((name, i, all) => !known.has(name) && all.indexOf(name) === i);
  for (const name of gone) {
    // Only while the primary can be asked: otherwise we cannot tell stopped from unseen.
    const state: ReplicationState = acting ? "stopped" : "unreachable";
    members.push({ name, role: "replica", state, inRecovery: null, timeline: null, lag: { seconds: null, bytes: null }, error: acting ? "no walsender on the primary" : null, isRegistered: false, observed: {} });
  }
  const registeredPrimary = nodes.find((n) => n.role === "primary");
  const error = acting ? null : registeredPrimary && !registeredPrimary.reading.isReachable ? registeredPrimary.reading.error : "no member is out of recovery: the cluster has no primary";
  return { members, error };
}
